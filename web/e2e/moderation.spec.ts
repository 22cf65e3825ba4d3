import { expect, test } from '@playwright/test';
import { E2E } from './env';
import { apiPost, apiToken, createVerifiedUser, expectAccessible, login, logout, newUser } from './helpers';

test('a reported post is removed by an admin from the moderation queue', async ({ page, request }) => {
  const author = await createVerifiedUser(request, newUser('spammer'));
  const reporter = await createVerifiedUser(request, newUser('reporter'));
  const content = `Win a free iPhone, click my profile now ${Date.now()}`;
  await apiPost(request, await apiToken(request, author), content);

  await login(page, reporter);
  await page.getByRole('link', { name: 'Explore' }).first().click();
  await page.getByRole('article').filter({ hasText: content }).getByRole('button', { name: /^More actions/ }).click();
  await page.getByRole('menuitem', { name: 'Report' }).click();
  const dialog = page.getByRole('dialog', { name: 'Report this post' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole('radio', { name: /Spam/ }).check();
  await dialog.getByRole('button', { name: 'Send report' }).click();
  await expect(page.getByText('Thanks — our moderators will review it.')).toBeVisible();
  await logout(page);

  await login(page, E2E.admin);
  await page.getByRole('link', { name: 'Admin' }).first().click();
  await expect(page.getByRole('heading', { name: 'Admin', level: 1 })).toBeVisible();
  await expect(page.getByText('Queue pending')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('tab', { name: 'Moderation queue' }).click();
  const entry = page.getByRole('listitem').filter({ hasText: content });
  await expect(entry).toBeVisible();
  await expect(entry.getByText(/Spam × 1/)).toBeVisible();
  await expectAccessible(page);
  await entry.getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByText('Removed.')).toBeVisible();
  await expect(entry).toHaveCount(0);

  await page.getByRole('tab', { name: 'Resolved' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Removed' }).first()).toBeVisible();

  await page.getByRole('link', { name: 'Explore' }).first().click();
  await expect(page.getByRole('heading', { name: 'Explore', level: 1 })).toBeVisible();
  await expect(page.getByText(content)).toHaveCount(0);
});

test('an admin disables a user, who is signed out at once', async ({ page, browser, request }) => {
  const member = await createVerifiedUser(request, newUser('member'));
  await login(page, member);

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await login(admin, E2E.admin);
  await admin.goto('/admin/users');
  await admin.getByLabel('Search users').fill(member.username);
  const row = admin.getByRole('listitem').filter({ hasText: member.email });
  await row.getByRole('button', { name: 'Disable' }).click();
  const dialog = admin.getByRole('dialog');
  await dialog.getByLabel('Reason').fill('Spam campaign, e2e test');
  await dialog.getByRole('button', { name: 'Disable' }).click();
  await expect(admin.getByText(`@${member.username} is disabled.`)).toBeVisible();
  await expect(row.getByText('Disabled', { exact: true })).toBeVisible();
  await adminContext.close();

  await page.getByRole('link', { name: 'Explore' }).first().click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText("You've been signed out. Please log in again.")).toBeVisible();

  await page.getByLabel('Email').fill(member.email);
  await page.getByLabel('Password').fill(member.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByText('This account has been disabled.', { exact: false })).toBeVisible();
});

test('an admin adds a rule, tests a text against it, and a matching post is held back', async ({ page, browser, request }) => {
  const word = `zzspam${Date.now().toString(36)}`;
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await login(admin, E2E.admin);
  await admin.goto('/admin/rules');
  await admin.getByLabel('Word, phrase or pattern').fill(word);
  await admin.getByLabel('Action').selectOption('hide');
  await admin.getByLabel('Severity').selectOption('high');
  await admin.getByRole('button', { name: 'Add rule' }).click();
  await expect(admin.getByText('Rule added.')).toBeVisible();
  await expect(admin.getByRole('row').filter({ hasText: word })).toBeVisible();

  await admin.getByLabel('Text to check').fill(`buy ${word} today`);
  await admin.getByRole('button', { name: 'Check' }).click();
  await expect(admin.getByText('Would apply: Hide')).toBeVisible();
  await expectAccessible(admin);
  await adminContext.close();

  const member = await createVerifiedUser(request, newUser('poster'));
  await login(page, member);
  await page.getByLabel('Write a post').fill(`Cheap watches, ${word} now`);
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  await expect(page.getByText("Posted, but it's hidden until a moderator reviews it.")).toBeVisible();
  const mine = page.getByRole('article').filter({ hasText: word });
  await expect(mine.getByText('Hidden', { exact: true })).toBeVisible();
});
