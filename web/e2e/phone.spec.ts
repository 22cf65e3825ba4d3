import { expect, test } from '@playwright/test';
import { apiPost, apiToken, createVerifiedUser, expectAccessible, login, newUser } from './helpers';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('on a phone the bottom tabs navigate and the pages stay accessible', async ({ page, request }) => {
  const user = await createVerifiedUser(request, newUser('phone'));
  const content = `Microbus to Maadi, anyone? ${Date.now()}`;
  await apiPost(request, await apiToken(request, user), content);
  await login(page, user);

  const tabs = page.getByRole('navigation', { name: 'Main' });
  await expect(tabs).toBeVisible();
  const box = await tabs.boundingBox();
  expect(box && box.y + box.height).toBeGreaterThan(800);
  await expectAccessible(page);

  await tabs.getByRole('link', { name: 'Explore' }).click();
  await expect(page.getByRole('heading', { name: 'Explore', level: 1 })).toBeVisible();
  await expect(page.getByRole('article').filter({ hasText: content })).toBeVisible();

  await tabs.getByRole('link', { name: 'Profile' }).click();
  await expect(page.getByRole('heading', { name: user.displayName, level: 1 })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  await page.getByRole('button', { name: 'Use the light theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'التبديل إلى العربية' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('navigation', { name: 'القائمة الرئيسية' })).toBeVisible();
  await expectAccessible(page);
});
