import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Button, Input } from '@/components/ui';
import { errorMessage } from '@/lib/errors';
import { emailOnlySchema, type EmailOnlyValues } from '@/lib/validation';
import { requestPasswordReset } from '../api/auth';
import { AuthLayout } from './AuthLayout';
import { useDocumentTitle } from '@/lib/useDocumentTitle';

export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.forgot.title'));
  const form = useForm<EmailOnlyValues>({ resolver: zodResolver(emailOnlySchema), defaultValues: { email: '' } });
  const mutation = useMutation({ mutationFn: (v: EmailOnlyValues) => requestPasswordReset(v.email) });
  return (
    <AuthLayout
      title={t('auth.forgot.title')}
      subtitle={t('auth.forgot.subtitle')}
      footer={
        <Link to="/login" className="font-semibold text-primary underline-offset-4 hover:underline">
          {t('auth.forgot.back')}
        </Link>
      }
    >
      {mutation.isSuccess ? (
        <Alert tone="success">{t('auth.forgot.sent', { email: mutation.variables.email })}</Alert>
      ) : (
        <form onSubmit={form.handleSubmit((v) => mutation.mutate(v))} noValidate className="flex flex-col gap-4">
          {mutation.isError ? <Alert tone="error">{errorMessage(mutation.error, t)}</Alert> : null}
          <Input
            label={t('auth.fields.email')}
            type="email"
            autoComplete="email"
            dir="ltr"
            error={form.formState.errors.email?.message}
            {...form.register('email')}
          />
          <Button type="submit" loading={mutation.isPending} fullWidth size="lg">
            {t('auth.forgot.submit')}
          </Button>
        </form>
      )}
    </AuthLayout>
  );
}
