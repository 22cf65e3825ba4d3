import { expect, test } from '@playwright/test';
import { E2E } from './env';
import { apiToken, createVerifiedUser, newUser } from './helpers';

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('daira.language', 'ar'));
});

test('Arabic uses Arabic-Indic digits everywhere and a clear "following" label', async ({ page, request }) => {
  const user = await createVerifiedUser(request, newUser('digits'));
  const token = await apiToken(request, user);
  for (let n = 0; n < 3; n += 1) {
    const other = await createVerifiedUser(request, newUser(`followed${n}`));
    await request.post(`/api/v1/users/${other.username}/follow`, { headers: { Authorization: `Bearer ${token}` } });
  }
  await apiToken(page.request, user);
  await page.goto(`/u/${user.username}`);

  const counts = page.getByRole('link', { name: /يتابعها/ });
  await expect(counts).toContainText('٣');
  await expect(counts).toContainText('حسابات يتابعها');
  await expect(page.getByText(/انضم في/)).not.toContainText(/[0-9]|:/); // a day, no time of day
  await expect(page.getByText(/انضم في/)).toContainText(/[٠-٩]/);
});

test('sessions name devices in Arabic and the audit log filters by action names', async ({ page, request }) => {
  await apiToken(page.request, E2E.admin);
  const admin = await apiToken(request, E2E.admin);
  const made = await request.post('/api/v1/admin/moderation-rules', {
    data: { pattern: `kalam${Date.now()}`, match: 'word', severity: 'low', action: 'flag' },
    headers: { Authorization: `Bearer ${admin}` },
  });
  expect(made.status()).toBe(201);

  await page.goto('/settings/sessions');
  // The server says "Chrome on Windows" (Playwright's desktop user agent); Arabic says it in Arabic.
  await expect(page.getByText(/^Chrome على Windows/).first()).toBeVisible();
  await expect(page.getByText(/ on Windows/)).toHaveCount(0);

  await page.goto('/admin/audit');
  await page.getByLabel('الإجراء').selectOption({ label: 'إنشاء قاعدة' });
  const rows = page.getByRole('row');
  await expect(rows.nth(1)).toContainText('إنشاء قاعدة');
  await expect(rows.nth(1)).toContainText('قاعدة');
  await expect(page.getByRole('cell', { name: 'moderation.rule_created' })).toHaveCount(0);
});

test('avatar initials do not run together into a word', async ({ page, request }) => {
  const user = await createVerifiedUser(request, { ...newUser('initials'), displayName: 'سلمى حسن' });
  await apiToken(page.request, user);
  await page.goto(`/u/${user.username}`);
  const avatar = page.getByRole('img', { name: 'سلمى حسن' }).first();
  await expect(avatar).toHaveText('س');
});
