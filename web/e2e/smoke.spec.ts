import { expect, test } from '@playwright/test';
import { createVerifiedUser, expectAccessible, linkFromEmail, login, logout, newUser } from './helpers';

test('sign up, confirm the email, log in, post and log out', async ({ page }) => {
  const user = newUser('smoke');

  await page.goto('/signup');
  await expect(page.getByRole('heading', { name: 'Join Daira' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Display name').fill(user.displayName);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await expect(page.getByText(/^(Strong|Very strong)/)).toBeVisible();
  await page.getByLabel('Confirm password').fill(user.password);
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();

  await page.goto(await linkFromEmail(user.email, '/verify-email'));
  await expect(page.getByText('Your email is confirmed. Welcome to Daira!')).toBeVisible();
  await page.getByRole('link', { name: 'Log in' }).click();

  await login(page, user);
  await expect(page.getByText('Your feed is quiet')).toBeVisible();
  await expectAccessible(page);

  const content = `Sunset over the Nile from Zamalek ${Date.now()}`;
  await page.getByLabel('Write a post').fill(content);
  await expect(page.getByText(`${[...content].length} / 1,000`)).toBeVisible();
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  await expect(page.getByRole('article').filter({ hasText: content })).toBeVisible();
  await expect(page.getByLabel('Write a post')).toHaveValue('');

  await logout(page);
  await expect(page.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
});

test('a signed-in user who reloads never sees the login page', async ({ page, request }) => {
  const user = await createVerifiedUser(request, newUser('reload'));
  await login(page, user);

  await page.addInitScript(() => {
    const seen = () => {
      if (document.body?.textContent?.includes('Welcome back')) sessionStorage.setItem('sawLogin', '1');
    };
    new MutationObserver(seen).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto('/settings');
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  expect(await page.evaluate(() => sessionStorage.getItem('sawLogin'))).toBeNull();
  await expectAccessible(page);
});

test('an unverified user is offered a new confirmation link at login', async ({ page, request }) => {
  const user = newUser('unverified');
  const signup = await request.post('/api/v1/auth/signup', {
    data: { email: user.email, username: user.username, password: user.password, accept_terms: true },
  });
  expect(signup.status()).toBe(202);

  await page.goto('/login');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByText('Please confirm your email address first.', { exact: false })).toBeVisible();
  await page.getByRole('button', { name: 'Send a new confirmation link' }).click();
  await expect(page.getByText(/a new link is on its way/)).toBeVisible();
});

test('two tabs opened at once both stay signed in', async ({ context, request }) => {
  const user = await createVerifiedUser(request, newUser('tabs'));
  const first = await context.newPage();
  await login(first, user);
  const second = await context.newPage();
  // Both tabs start with the same refresh cookie; refresh tokens rotate and reuse revokes the session.
  await Promise.all([first.goto('/explore'), second.goto('/settings')]);
  await expect(first.getByRole('heading', { name: 'Explore', level: 1 })).toBeVisible();
  await expect(second.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await first.reload();
  await expect(first.getByRole('heading', { name: 'Explore', level: 1 })).toBeVisible();
});
