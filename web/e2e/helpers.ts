import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { baseURL, E2E } from './env';

export interface Mail {
  id: string;
  to: string;
  subject: string;
  body: string;
}

export const PASSWORD = 'Felucca-Sunset-Nile-2026';

let counter = 0;

/** A fresh, valid identity: usernames are 3-30 Latin letters, digits or _. */
export function newUser(prefix = 'user') {
  counter += 1;
  const tag = `${Date.now().toString(36)}${counter}`;
  return {
    email: `${prefix}.${tag}@example.com`,
    username: `${prefix}_${tag}`.slice(0, 30),
    displayName: `${prefix[0]?.toUpperCase()}${prefix.slice(1)} ${counter}`,
    password: PASSWORD,
  };
}

export type TestUser = ReturnType<typeof newUser>;

function readMaildir(): Mail[] {
  const python = resolve(E2E.backendDir, '.venv', 'bin', 'python');
  const out = execFileSync(python, [resolve(import.meta.dirname, 'read_maildir.py'), E2E.maildir], { encoding: 'utf8' });
  return JSON.parse(out) as Mail[];
}

/** Waits for an email to `to` whose subject matches, and returns it. */
export async function emailTo(to: string, subject: RegExp | string): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      () => {
        found = readMaildir()
          .reverse()
          .find((m) => m.to.toLowerCase().includes(to.toLowerCase()) && m.subject.match(subject));
        return found;
      },
      { message: `an email to ${to} with the subject ${String(subject)}`, timeout: 20_000 },
    )
    .toBeTruthy();
  return found!;
}

/** Waits for the newest email to `to` whose body contains a link to `path`, and returns that link. */
export async function linkFromEmail(to: string, path: '/verify-email' | '/reset-password'): Promise<string> {
  const pattern = new RegExp(`${baseURL.replace(/[.:/]/g, '\\$&')}${path}\\?token=[A-Za-z0-9_\\-.~%]+`);
  let link: string | undefined;
  await expect
    .poll(
      () => {
        const mails = readMaildir().filter((m) => m.to.toLowerCase().includes(to.toLowerCase()));
        link = mails
          .reverse()
          .map((m) => m.body.match(pattern)?.[0])
          .find(Boolean);
        return link;
      },
      { message: `an email to ${to} with a ${path} link`, timeout: 20_000 },
    )
    .toBeTruthy();
  return link!;
}

/** Signs a user up and verifies the address through the API and the captured email. */
export async function createVerifiedUser(request: APIRequestContext, user: TestUser = newUser()): Promise<TestUser> {
  const signup = await request.post('/api/v1/auth/signup', {
    data: {
      email: user.email,
      username: user.username,
      password: user.password,
      display_name: user.displayName,
      accept_terms: true,
    },
  });
  expect(signup.status(), await signup.text()).toBe(202);
  const link = await linkFromEmail(user.email, '/verify-email');
  const token = new URL(link).searchParams.get('token');
  const verify = await request.post('/api/v1/auth/verify-email', { data: { token } });
  expect(verify.ok(), await verify.text()).toBeTruthy();
  return user;
}

/** An access token for API calls made on a user's behalf (setting up data for a journey). */
export async function apiToken(request: APIRequestContext, user: { email: string; password: string }): Promise<string> {
  const res = await request.post('/api/v1/auth/login', { data: { email: user.email, password: user.password } });
  expect(res.ok(), await res.text()).toBeTruthy();
  return ((await res.json()) as { access_token: string }).access_token;
}

export async function apiPost(request: APIRequestContext, token: string, content: string): Promise<{ id: number }> {
  const res = await request.post('/api/v1/posts', { data: { content }, headers: { Authorization: `Bearer ${token}` } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: number };
}

export async function login(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Log out' }).first().click();
  await expect(page).toHaveURL(/\/login$/);
}

/** Fails with a readable list when axe finds WCAG 2 A/AA violations on the page. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`,
  );
  expect(summary, 'axe-core WCAG violations').toEqual([]);
}
