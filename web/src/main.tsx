import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { setupI18n } from './lib/i18n';
import { applyTheme, initialTheme } from './lib/preferences';
import { createQueryClient } from './lib/query-client';
import './index.css';

// The home page's code downloads while the session is checked, not after.
if (window.location.pathname === '/') void import('./features/feed/components/HomeFeedPage');

applyTheme(initialTheme());
setupI18n();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App queryClient={createQueryClient()} />
  </StrictMode>,
);
