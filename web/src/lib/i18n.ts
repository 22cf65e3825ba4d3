import i18n, { type FormatterModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import ar from '@/locales/ar.json';
import en from '@/locales/en.json';
import { formatNumber } from './format';
import { applyLanguage, initialLanguage, rememberLanguage } from './preferences';
import type { Locale } from './types';

export const LANGUAGES: { code: Locale; name: string }[] = [
  { code: 'en', name: 'English' },
  { code: 'ar', name: 'العربية' },
];

const digits: FormatterModule = {
  type: 'formatter',
  init: () => undefined,
  add: () => undefined,
  addCached: () => undefined,
  // Anything else passes through untouched (undefined must stay undefined for i18next's checks).
  format: (value: unknown, _format, lng) => (typeof value === 'number' ? formatNumber(value, lng ?? 'en') : (value as string)),
};

export function setupI18n(language: Locale = initialLanguage()): typeof i18n {
  if (!i18n.isInitialized) {
    void i18n.use(digits).use(initReactI18next).init({
      resources: { en: { translation: en }, ar: { translation: ar } },
      lng: language,
      fallbackLng: 'en',
      // Every number in copy ({{count}} ...) in the language's own digits, like dates and counters.
      interpolation: { escapeValue: false, alwaysFormat: true },
      returnNull: false,
    });
    i18n.on('languageChanged', (lng) => applyLanguage(lng === 'ar' ? 'ar' : 'en'));
  }
  applyLanguage(language);
  return i18n;
}

export async function changeLanguage(language: Locale): Promise<void> {
  rememberLanguage(language);
  await i18n.changeLanguage(language);
}

export function currentLocale(): Locale {
  return i18n.language === 'ar' ? 'ar' : 'en';
}

export default i18n;
