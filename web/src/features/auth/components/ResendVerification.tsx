import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, Button } from '@/components/ui';
import { errorMessage } from '@/lib/errors';
import { resendVerification } from '../api/auth';

export function ResendVerification({ email }: { email: string }) {
  const { t } = useTranslation();
  const mutation = useMutation({ mutationFn: () => resendVerification(email) });
  if (mutation.isSuccess) {
    return <Alert tone="success">{t('auth.verify.resent', { email })}</Alert>;
  }
  return (
    <div className="flex flex-col gap-2">
      <Button variant="secondary" size="sm" onClick={() => mutation.mutate()} loading={mutation.isPending}>
        {t('auth.verify.resend')}
      </Button>
      {mutation.isError ? <p role="alert" className="text-sm text-danger">{errorMessage(mutation.error, t)}</p> : null}
    </div>
  );
}
