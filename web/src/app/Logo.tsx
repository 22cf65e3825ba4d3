import { useTranslation } from 'react-i18next';

export function Logo() {
  const { t } = useTranslation();
  return (
    <span className="inline-flex items-center gap-2">
      <svg viewBox="0 0 32 32" className="size-8" aria-hidden="true">
        <circle cx="16" cy="16" r="13" fill="none" stroke="var(--color-gold-400)" strokeWidth="4" />
        <circle cx="16" cy="16" r="5" fill="var(--color-nile-500)" />
      </svg>
      <span className="text-xl font-bold tracking-tight">{t('app.name')}</span>
    </span>
  );
}
