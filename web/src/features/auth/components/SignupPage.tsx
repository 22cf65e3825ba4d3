import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useForm, useWatch } from 'react-hook-form';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Button, Checkbox, Input } from '@/components/ui';
import { applyFieldErrors, errorMessage } from '@/lib/errors';
import { currentLocale } from '@/lib/i18n';
import { signupSchema, type SignupValues } from '@/lib/validation';
import { signup } from '../api/auth';
import { AuthLayout } from './AuthLayout';
import { PasswordStrengthMeter } from './PasswordStrengthMeter';
import { ResendVerification } from './ResendVerification';
import { useDocumentTitle } from '@/lib/useDocumentTitle';

const FIELDS = ['email', 'username', 'display_name', 'password', 'accept_terms'] as const;

export default function SignupPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.signup.title'));
  const form = useForm<SignupValues>({
    resolver: zodResolver(signupSchema),
    defaultValues: { email: '', username: '', display_name: '', password: '', confirm: '', accept_terms: false },
  });
  const { errors } = form.formState;
  const mutation = useMutation({
    mutationFn: (values: SignupValues) =>
      signup({
        email: values.email,
        username: values.username,
        password: values.password,
        display_name: values.display_name || undefined,
        locale: currentLocale(),
        accept_terms: values.accept_terms,
      }),
    onError: (error) => applyFieldErrors(error, form.setError, FIELDS, t),
  });

  const [password, email, username, displayName] = useWatch({
    control: form.control,
    name: ['password', 'email', 'username', 'display_name'],
  });

  if (mutation.isSuccess) {
    const sentTo = mutation.variables.email;
    return (
      <AuthLayout title={t('auth.signup.checkEmailTitle')}>
        <div className="flex flex-col gap-4">
          <p>{t('auth.signup.checkEmail', { email: sentTo })}</p>
          <ResendVerification email={sentTo} />
          <Link to="/login" className="text-sm font-semibold text-primary underline-offset-4 hover:underline">
            {t('auth.signup.toLogin')}
          </Link>
        </div>
      </AuthLayout>
    );
  }

  const fieldErrorShown = mutation.error !== null && Object.keys(errors).length > 0;

  return (
    <AuthLayout
      title={t('auth.signup.title')}
      subtitle={t('auth.signup.subtitle')}
      footer={
        <>
          {t('auth.signup.haveAccount')}{' '}
          <Link to="/login" className="font-semibold text-primary underline-offset-4 hover:underline">
            {t('auth.signup.loginLink')}
          </Link>
        </>
      }
    >
      <form onSubmit={form.handleSubmit((v) => mutation.mutate(v))} noValidate className="flex flex-col gap-4">
        {mutation.isError && !fieldErrorShown ? <Alert tone="error">{errorMessage(mutation.error, t)}</Alert> : null}
        <Input
          label={t('auth.fields.email')}
          type="email"
          autoComplete="email"
          dir="ltr"
          error={errors.email?.message}
          {...form.register('email')}
        />
        <Input
          label={t('auth.fields.username')}
          autoComplete="username"
          hint={t('auth.signup.usernameHint')}
          error={errors.username?.message}
          {...form.register('username')}
        />
        <Input
          label={t('auth.fields.displayName')}
          autoComplete="name"
          hint={t('common.optional')}
          error={errors.display_name?.message}
          {...form.register('display_name')}
        />
        <div className="flex flex-col gap-2">
          <Input
            label={t('auth.fields.password')}
            type="password"
            autoComplete="new-password"
            hint={t('auth.signup.passwordHint')}
            error={errors.password?.message}
            {...form.register('password')}
          />
          <PasswordStrengthMeter password={password} userInputs={[email, username, displayName].filter(Boolean)} />
        </div>
        <Input
          label={t('auth.fields.confirmPassword')}
          type="password"
          autoComplete="new-password"
          error={errors.confirm?.message}
          {...form.register('confirm')}
        />
        <Checkbox
          label={
            <Trans i18nKey="auth.signup.terms" components={{ strong: <strong className="font-semibold" /> }} />
          }
          error={errors.accept_terms?.message}
          {...form.register('accept_terms')}
        />
        <Button type="submit" loading={mutation.isPending} fullWidth size="lg">
          {t('auth.signup.submit')}
        </Button>
      </form>
    </AuthLayout>
  );
}
