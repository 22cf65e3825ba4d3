import { useTranslation } from 'react-i18next';
import { cn } from '@/lib/cn';
import { useChooseLanguage } from '@/features/profile';
import { LANGUAGES } from '@/lib/i18n';
import { usePreferences, type Theme } from '@/lib/preferences';
import type { Locale } from '@/lib/types';

function Choice<V extends string>({ name, legend, value, options, onChange }: {
  name: string;
  legend: string;
  value: V;
  options: { value: V; label: string; lang?: string }[];
  onChange: (value: V) => void;
}) {
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-semibold">{legend}</legend>
      <div className="flex flex-wrap gap-2">
        {options.map((option) => (
          <label
            key={option.value}
            lang={option.lang}
            className={cn(
              'cursor-pointer rounded-full border px-4 py-2 text-sm font-semibold has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-focus',
              value === option.value ? 'border-primary bg-primary text-on-primary' : 'border-border hover:border-primary',
            )}
          >
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              className="sr-only"
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function PreferenceSettings() {
  const { t, i18n } = useTranslation();
  const theme = usePreferences((s) => s.theme);
  const setTheme = usePreferences((s) => s.setTheme);
  const chooseLanguage = useChooseLanguage();
  const language: Locale = i18n.language === 'ar' ? 'ar' : 'en';

  return (
    <div className="flex flex-col gap-6">
      <Choice<Locale>
        name="language"
        legend={t('settings.preferences.language')}
        value={language}
        options={LANGUAGES.map((l) => ({ value: l.code, label: l.name, lang: l.code }))}
        onChange={chooseLanguage}
      />
      <Choice<Theme>
        name="theme"
        legend={t('settings.preferences.theme')}
        value={theme}
        options={[
          { value: 'dark', label: t('settings.preferences.dark') },
          { value: 'light', label: t('settings.preferences.light') },
        ]}
        onChange={setTheme}
      />
    </div>
  );
}
