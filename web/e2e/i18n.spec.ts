import { expect, test } from '@playwright/test';
import { createVerifiedUser, expectAccessible, newUser } from './helpers';

test('switching to Arabic flips the whole page to right-to-left', async ({ page, request }) => {
  const user = await createVerifiedUser(request, newUser('arabic'));
  await page.goto('/login');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');

  await page.getByRole('button', { name: 'التبديل إلى العربية' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.getByRole('heading', { name: 'أهلًا بعودتك' })).toBeVisible();
  await expectAccessible(page);

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');

  await page.getByLabel('البريد الإلكتروني').fill(user.email);
  await page.getByLabel('كلمة المرور').fill(user.password);
  await page.getByRole('button', { name: 'تسجيل الدخول' }).click();
  await expect(page.getByRole('heading', { name: 'الرئيسية', level: 1 })).toBeVisible();

  // The side navigation sits on the right in Arabic: its start edge is the right edge.
  const width = page.viewportSize()?.width ?? 1280;
  const nav = await page.getByRole('navigation', { name: 'القائمة الرئيسية' }).first().boundingBox();
  expect(nav && nav.x > width / 2).toBe(true);
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
  const navLtr = await page.getByRole('navigation', { name: 'Main' }).first().boundingBox();
  expect(navLtr && navLtr.x < width / 2).toBe(true);
});
