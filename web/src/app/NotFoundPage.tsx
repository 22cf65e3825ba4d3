import { useTranslation } from 'react-i18next';
import { formatNumber } from '@/lib/format';
import { Link } from 'react-router';
import { buttonClasses } from '@/components/ui';
import { useDocumentTitle } from '@/lib/useDocumentTitle';

export function NotFoundPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-4 px-4 py-16 text-center">
      <p aria-hidden="true" className="text-7xl font-bold text-primary">
        {formatNumber(404, i18n.language)}
      </p>
      <h1 className="text-2xl font-bold">{t('notFound.title')}</h1>
      <p className="text-muted">{t('notFound.help')}</p>
      <Link to="/" className={buttonClasses('primary')}>
        {t('notFound.home')}
      </Link>
    </div>
  );
}
