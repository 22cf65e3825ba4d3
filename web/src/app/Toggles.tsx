import { useTranslation } from 'react-i18next';
import { MoonIcon, SunIcon } from '@/components/ui/icons';
import { useChooseLanguage } from '@/features/profile';
import { usePreferences } from '@/lib/preferences';

const toggleClasses =
  'inline-flex h-10 min-w-10 items-center justify-center gap-2 rounded-full px-3 text-sm font-semibold text-fg hover:bg-surface-2';

export function LanguageToggle() {
  const { t, i18n } = useTranslation();
  const chooseLanguage = useChooseLanguage();
  const next = i18n.language === 'ar' ? 'en' : 'ar';
  return (
    <button
      type="button"
      className={toggleClasses}
      lang={next}
      onClick={() => chooseLanguage(next)}
      aria-label={t('app.switchLanguage')}
    >
      {next === 'ar' ? 'العربية' : 'English'}
    </button>
  );
}

export function ThemeToggle() {
  const { t } = useTranslation();
  const theme = usePreferences((s) => s.theme);
  const setTheme = usePreferences((s) => s.setTheme);
  const dark = theme === 'dark';
  return (
    <button
      type="button"
      className={toggleClasses}
      onClick={() => setTheme(dark ? 'light' : 'dark')}
      aria-label={dark ? t('app.useLight') : t('app.useDark')}
      title={dark ? t('app.useLight') : t('app.useDark')}
    >
      {dark ? <SunIcon /> : <MoonIcon />}
    </button>
  );
}
