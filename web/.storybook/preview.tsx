import type { Preview } from '@storybook/react-vite';
import { useEffect } from 'react';
import i18n, { setupI18n } from '../src/lib/i18n';
import { applyTheme, type Theme } from '../src/lib/preferences';
import '../src/index.css';

setupI18n('en');

const preview: Preview = {
  globalTypes: {
    locale: {
      description: 'Language and direction',
      toolbar: {
        icon: 'globe',
        items: [
          { value: 'en', title: 'English (LTR)' },
          { value: 'ar', title: 'العربية (RTL)' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Colour theme',
      toolbar: {
        icon: 'mirror',
        items: [
          { value: 'dark', title: 'Dark' },
          { value: 'light', title: 'Light' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'en', theme: 'dark' },
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
  decorators: [
    (Story, context) => {
      const locale = context.globals.locale === 'ar' ? 'ar' : 'en';
      const theme: Theme = context.globals.theme === 'light' ? 'light' : 'dark';
      useEffect(() => {
        void i18n.changeLanguage(locale);
        applyTheme(theme);
      }, [locale, theme]);
      return (
        <div className="bg-bg p-4 text-fg">
          <Story />
        </div>
      );
    },
  ],
};

export default preview;
