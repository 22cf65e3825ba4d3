import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui';
import { errorMessage } from '@/lib/errors';
import { resendVerification } from '../api/auth';

export function ResendVerification({ email }: { email: string }) {
  const { t } = useTranslation();
  const mutation = useMutation({ mutationFn: () => resendVerification(email) });
  if (mutation.isSuccess) {
    return <p role="status" className="text-sm text-success">{t('auth.verify.resent', { email })}</p>;
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
