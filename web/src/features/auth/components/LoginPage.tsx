import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Input } from '@/components/ui';
import { ApiError } from '@/lib/api';
import { errorMessage } from '@/lib/errors';
import { changeLanguage, currentLocale } from '@/lib/i18n';
import { storedLanguage } from '@/lib/preferences';
import { safeNext } from '@/lib/navigation';
import { useSession } from '@/lib/session';
import { loginSchema, otpSchema, type LoginValues, type OtpValues } from '@/lib/validation';
import { login, saveLocale, type LoginBody } from '../api/auth';
import { AuthLayout } from './AuthLayout';
import { ResendVerification } from './ResendVerification';
import { useDocumentTitle } from '@/lib/useDocumentTitle';

/**
 * A language picked on this device wins and is saved to the account; otherwise the account's
 * language is adopted, so a user gets their language back on a new device.
 */
async function reconcileLanguage(accountLocale: string): Promise<void> {
  const chosen = storedLanguage();
  if (chosen && chosen !== accountLocale) {
    await saveLocale(chosen).catch(() => undefined);
  } else if (!chosen && (accountLocale === 'en' || accountLocale === 'ar') && accountLocale !== currentLocale()) {
    await changeLanguage(accountLocale);
  }
}

function useLogin() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return useMutation({
    mutationFn: (body: LoginBody) => login(body),
    onSuccess: async (user) => {
      await reconcileLanguage(user.locale);
      await navigate(safeNext(params.get('next')), { replace: true });
    },
  });
}

function OtpStep({ credentials, onBack }: { credentials: LoginValues; onBack: () => void }) {
  const { t } = useTranslation();
  const mutation = useLogin();
  const form = useForm<OtpValues>({ resolver: zodResolver(otpSchema), defaultValues: { otp: '' } });
  const submit = form.handleSubmit((values) => mutation.mutate({ ...credentials, otp: values.otp.trim() }));
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <p className="text-sm text-muted">{t('auth.login.otpHelp')}</p>
      {mutation.isError ? <Alert tone="error">{errorMessage(mutation.error, t)}</Alert> : null}
      <Input
        label={t('auth.login.otp')}
        inputMode="numeric"
        autoComplete="one-time-code"
        autoFocus
        error={form.formState.errors.otp?.message}
        {...form.register('otp')}
      />
      <Button type="submit" loading={mutation.isPending} fullWidth>
        {t('auth.login.verifyCode')}
      </Button>
      <Button variant="ghost" onClick={onBack}>
        {t('common.back')}
      </Button>
    </form>
  );
}

export default function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.login.submit'));
  const endReason = useSession((s) => s.endReason);
  const [otpFor, setOtpFor] = useState<LoginValues | null>(null);
  const mutation = useLogin();
  const form = useForm<LoginValues>({ resolver: zodResolver(loginSchema), defaultValues: { email: '', password: '' } });
  const { errors } = form.formState;

  const submit = form.handleSubmit((values) =>
    mutation.mutate(values, {
      onError: (error) => {
        if (error instanceof ApiError && error.code === 'otp_required') setOtpFor(values);
      },
    }),
  );

  const error = mutation.error;
  const notVerified = error instanceof ApiError && error.code === 'email_not_verified';

  return (
    <AuthLayout
      title={otpFor ? t('auth.login.otpTitle') : t('auth.login.title')}
      subtitle={otpFor ? undefined : t('auth.login.subtitle')}
      footer={
        <>
          {t('auth.login.noAccount')}{' '}
          <Link to="/signup" className="font-semibold text-primary underline-offset-4 hover:underline">
            {t('auth.login.signupLink')}
          </Link>
        </>
      }
    >
      {otpFor ? (
        <OtpStep credentials={otpFor} onBack={() => setOtpFor(null)} />
      ) : (
        <form onSubmit={submit} noValidate className="flex flex-col gap-4">
          {endReason === 'expired' && !error ? <Alert tone="info">{t('auth.login.sessionEnded')}</Alert> : null}
          {notVerified ? (
            // Not a failure of what they typed: a step left to do, with the way to do it.
            <div className="flex flex-col gap-3">
              <Alert tone="warning">{errorMessage(error, t)}</Alert>
              <ResendVerification email={form.getValues('email')} />
            </div>
          ) : error && !(error instanceof ApiError && error.code === 'otp_required') ? (
            <Alert tone="error">{errorMessage(error, t)}</Alert>
          ) : null}
          <Input
            label={t('auth.fields.email')}
            type="email"
            autoComplete="email"
            dir="ltr"
            error={errors.email?.message}
            {...form.register('email')}
          />
          <Input
            label={t('auth.fields.password')}
            type="password"
            autoComplete="current-password"
            error={errors.password?.message}
            {...form.register('password')}
          />
          <div className="-mt-2 text-end">
            <Link to="/forgot-password" className="text-sm text-primary underline-offset-4 hover:underline">
              {t('auth.login.forgot')}
            </Link>
          </div>
          <Button type="submit" loading={mutation.isPending} fullWidth size="lg">
            {t('auth.login.submit')}
          </Button>
        </form>
      )}
    </AuthLayout>
  );
}
