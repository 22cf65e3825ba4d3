// Takes screenshots of the main pages in English and Arabic, dark and light, phone and desktop.
// Usage: BASE_URL=http://127.0.0.1:8000 EMAIL=... PASSWORD=... [ADMIN_EMAIL=... ADMIN_PASSWORD=...]
//        [ONLY=home,post] [THEMES=dark]
//        node scripts/screenshots.mjs [out-dir]
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:8000';
const out = process.argv[2] ?? 'test-results/screenshots';
const only = process.env.ONLY ? process.env.ONLY.split(',') : null;
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
});

// Refresh tokens rotate and a reused one revokes the session, so every context signs in afresh.
async function signIn(page, { email, password }) {
  await page.goto(`${base}/login`);
  await page.locator('input[type=email]').fill(email);
  await page.locator('input[type=password]').fill(password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL(`${base}/`);
}

const user = process.env.EMAIL ? { email: process.env.EMAIL, password: process.env.PASSWORD } : null;
const admin = process.env.ADMIN_EMAIL ? { email: process.env.ADMIN_EMAIL, password: process.env.ADMIN_PASSWORD } : null;

const pages = [
  { name: 'login', path: '/login' },
  { name: 'signup', path: '/signup' },
  { name: 'home', path: '/', state: user },
  { name: 'explore', path: '/explore', state: user },
  { name: 'profile', path: process.env.PROFILE_PATH ?? '/u/demo', state: user },
  { name: 'post', path: process.env.POST_PATH ?? '/posts/1', state: user },
  { name: 'settings', path: '/settings/security', state: user },
  { name: 'admin', path: '/admin/queue', state: admin },
  { name: 'audit', path: '/admin/audit', state: admin },
  { name: 'notfound', path: '/no-such-page', state: user },
].filter((p) => p.state !== null && (!only || only.includes(p.name)));

for (const language of ['en', 'ar']) {
  for (const theme of process.env.THEMES ? process.env.THEMES.split(',') : ['dark', 'light']) {
    for (const [device, viewport] of [
      ['phone', { width: 390, height: 844 }],
      ['desktop', { width: 1440, height: 900 }],
    ]) {
      for (const target of pages) {
        const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
        await context.addInitScript(
          ([lang, th]) => {
            localStorage.setItem('daira.language', lang);
            localStorage.setItem('daira.theme', th);
          },
          [language, theme],
        );
        const page = await context.newPage();
        if (target.state) await signIn(page, target.state);
        await page.goto(`${base}${target.path}`);
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(300);
        await page.screenshot({ path: `${out}/${target.name}-${language}-${theme}-${device}.png`, fullPage: false });
        await context.close();
      }
    }
  }
}
await browser.close();
console.log(`screenshots written to ${out}`);
