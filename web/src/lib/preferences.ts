import { create } from 'zustand';
import type { Locale } from './types';

export type Theme = 'dark' | 'light';

const THEME_KEY = 'daira.theme';
const LANGUAGE_KEY = 'daira.language';

function readStorage(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Private mode: the preference lasts for this page only.
  }
}

export function initialTheme(): Theme {
  return readStorage(THEME_KEY) === 'light' ? 'light' : 'dark';
}

/** The language chosen on this device, if the visitor ever picked one. */
export function storedLanguage(): Locale | null {
  const stored = readStorage(LANGUAGE_KEY);
  return stored === 'ar' || stored === 'en' ? stored : null;
}

export function initialLanguage(): Locale {
  return storedLanguage() ?? (navigator.language.toLowerCase().startsWith('ar') ? 'ar' : 'en');
}

export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  root.dataset.theme = theme;
  root.style.colorScheme = theme;
}

export function applyLanguage(language: Locale): void {
  const root = document.documentElement;
  root.lang = language;
  root.dir = language === 'ar' ? 'rtl' : 'ltr';
}

interface PreferencesState {
  theme: Theme;
  setTheme: (theme: Theme) => void;
}

export const usePreferences = create<PreferencesState>()((set) => ({
  theme: typeof window === 'undefined' ? 'dark' : initialTheme(),
  setTheme: (theme) => {
    writeStorage(THEME_KEY, theme);
    applyTheme(theme);
    set({ theme });
  },
}));

export function rememberLanguage(language: Locale): void {
  writeStorage(LANGUAGE_KEY, language);
}
