import { resolve } from 'node:path';

// Shared by playwright.config.ts (to start the servers) and the specs (to read mail, sign in).
const tmp = resolve(import.meta.dirname, '..', '.e2e-tmp');

export const E2E = {
  port: Number(process.env.E2E_PORT ?? 8765),
  smtpPort: Number(process.env.E2E_SMTP_PORT ?? 8766),
  dbFile: resolve(tmp, 'daira-e2e.db'),
  maildir: resolve(tmp, 'mail'),
  backendDir: resolve(process.env.DAIRA_BACKEND_DIR ?? resolve(import.meta.dirname, '..', '..', 'backend')),
  admin: {
    email: 'admin@example.com',
    username: 'e2e_admin',
    password: 'Obelisk-Granite-Aswan-1902',
  },
};

// E2E_BASE_URL points the @smoke specs at a deployed site (staging); otherwise the suite
// starts its own backend on loopback.
export const remoteBaseURL = process.env.E2E_BASE_URL;
export const baseURL = remoteBaseURL ?? `http://127.0.0.1:${E2E.port}`;
