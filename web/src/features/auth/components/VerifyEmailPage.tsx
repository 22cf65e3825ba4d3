import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Alert, buttonClasses, Spinner } from '@/components/ui';
import { errorMessage } from '@/lib/errors';
import { useSession } from '@/lib/session';
import { verifyEmail } from '../api/auth';
import { AuthLayout } from './AuthLayout';
import { useDocumentTitle } from '@/lib/useDocumentTitle';

export default function VerifyEmailPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.verify.title'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const signedIn = useSession((s) => s.status === 'signedIn');
  const { mutate, ...mutation } = useMutation({ mutationFn: verifyEmail });

  const submitted = useRef<string | null>(null);

  useEffect(() => {
    // Tokens are single-use: submit each one once, even when effects run twice in development.
    if (!token || submitted.current === token) return;
    submitted.current = token;
    mutate(token);
  }, [token, mutate]);

  return (
    <AuthLayout title={t('auth.verify.title')}>
      {!token ? (
        <Alert tone="error">{t('auth.verify.missingToken')}</Alert>
      ) : mutation.isSuccess ? (
        <div className="flex flex-col gap-4">
          <Alert tone="success">{t('auth.verify.success')}</Alert>
          <Link to={signedIn ? '/' : '/login'} className={buttonClasses('primary', 'lg', 'w-full')}>
            {signedIn ? t('nav.home') : t('auth.login.submit')}
          </Link>
        </div>
      ) : mutation.isError ? (
        <div className="flex flex-col gap-4">
          <Alert tone="error">{errorMessage(mutation.error, t)}</Alert>
          <p className="text-sm text-muted">{t('auth.verify.failedHelp')}</p>
          <Link to="/login" className={buttonClasses('secondary', 'md')}>
            {t('auth.login.submit')}
          </Link>
        </div>
      ) : (
        <div className="flex items-center gap-3 text-muted">
          <Spinner /> {t('auth.verify.checking')}
        </div>
      )}
    </AuthLayout>
  );
}
