import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, buttonClasses, Input } from '@/components/ui';
import { applyFieldErrors, errorMessage } from '@/lib/errors';
import { resetPasswordSchema, type ResetPasswordValues } from '@/lib/validation';
import { resetPassword } from '../api/auth';
import { AuthLayout } from './AuthLayout';
import { PasswordStrengthMeter } from './PasswordStrengthMeter';
import { useDocumentTitle } from '@/lib/useDocumentTitle';

export default function ResetPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.reset.title'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const form = useForm<ResetPasswordValues>({
    resolver: zodResolver(resetPasswordSchema),
    defaultValues: { new_password: '', confirm: '' },
  });
  const mutation = useMutation({
    mutationFn: (v: ResetPasswordValues) => resetPassword(token, v.new_password),
    onError: (error) => applyFieldErrors(error, form.setError, ['new_password'], t),
  });
  const { errors } = form.formState;
  const newPassword = useWatch({ control: form.control, name: 'new_password' });

  return (
    <AuthLayout title={t('auth.reset.title')}>
      {!token ? (
        <div className="flex flex-col gap-4">
          <Alert tone="error">{t('auth.reset.missingToken')}</Alert>
          <Link to="/forgot-password" className={buttonClasses('secondary')}>
            {t('auth.reset.requestNew')}
          </Link>
        </div>
      ) : mutation.isSuccess ? (
        <div className="flex flex-col gap-4">
          <Alert tone="success">{t('auth.reset.success')}</Alert>
          <Link to="/login" className={buttonClasses('primary', 'lg', 'w-full')}>
            {t('auth.login.submit')}
          </Link>
        </div>
      ) : (
        <form onSubmit={form.handleSubmit((v) => mutation.mutate(v))} noValidate className="flex flex-col gap-4">
          {mutation.isError && !errors.new_password ? (
            <Alert tone="error">
              {errorMessage(mutation.error, t)}{' '}
              <Link to="/forgot-password" className="font-semibold underline">
                {t('auth.reset.requestNew')}
              </Link>
            </Alert>
          ) : null}
          <div className="flex flex-col gap-2">
            <Input
              label={t('auth.fields.newPassword')}
              type="password"
              autoComplete="new-password"
              error={errors.new_password?.message}
              {...form.register('new_password')}
            />
            <PasswordStrengthMeter password={newPassword} userInputs={[]} />
          </div>
          <Input
            label={t('auth.fields.confirmPassword')}
            type="password"
            autoComplete="new-password"
            error={errors.confirm?.message}
            {...form.register('confirm')}
          />
          <Button type="submit" loading={mutation.isPending} fullWidth size="lg">
            {t('auth.reset.submit')}
          </Button>
        </form>
      )}
    </AuthLayout>
  );
}
