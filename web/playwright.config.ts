import { defineConfig, devices } from '@playwright/test';
import { baseURL, E2E, remoteBaseURL } from './e2e/env';

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

const serverEnv = {
  ...(process.env as Record<string, string>),
  E2E_PORT: String(E2E.port),
  E2E_SMTP_PORT: String(E2E.smtpPort),
  E2E_DB_FILE: E2E.dbFile,
  E2E_MAILDIR: E2E.maildir,
  E2E_ADMIN_EMAIL: E2E.admin.email,
  E2E_ADMIN_USERNAME: E2E.admin.username,
  DAIRA_BACKEND_DIR: E2E.backendDir,
  DAIRA_ADMIN_PASSWORD: E2E.admin.password,
  DATABASE_URL: `sqlite+aiosqlite:///${E2E.dbFile}`,
  REDIS_URL: '',
  ENVIRONMENT: 'test',
  SECRET_KEY: 'e2e-only-secret-key-not-for-production-0123456789',
  EMAIL_BACKEND: 'smtp',
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: String(E2E.smtpPort),
  PUBLIC_URL: baseURL,
  REQUIRE_STAFF_2FA: 'false',
  RATE_LIMIT_EXEMPT_IPS: '127.0.0.1/32',
  WEB_DIST: new URL('./dist', import.meta.url).pathname,
};

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    ['json', { outputFile: 'playwright-report/results.json' }],
    ['html', { outputFolder: 'playwright-report/html', open: 'never' }],
  ],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    video: 'off',
    launchOptions: chromium,
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions: chromium } }],
  // Against a deployed site (E2E_BASE_URL) nothing is started here.
  webServer: remoteBaseURL ? [] : [
    {
      command: './e2e/start-smtp.sh',
      port: E2E.smtpPort,
      env: serverEnv,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      timeout: 30_000,
    },
    {
      command: './e2e/start-backend.sh',
      url: `${baseURL}/health`,
      env: serverEnv,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      timeout: 90_000,
    },
  ],
});
