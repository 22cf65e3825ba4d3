import { expect, test } from '@playwright/test';

// The @smoke specs need nothing but a running site: no mailbox, no seeded accounts. The
// staging deploy runs them against the new rollout (E2E_BASE_URL) and rolls back on failure.

test('@smoke the sign-in page loads in English and Arabic', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');

  await page.getByRole('button', { name: 'التبديل إلى العربية' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.getByRole('heading', { name: 'أهلًا بعودتك' })).toBeVisible();
});

test('@smoke the API answers, and refuses the signed-out with problem+json', async ({ request }) => {
  expect((await request.get('/health')).ok()).toBe(true);

  const feed = await request.get('/api/v1/feed');
  expect(feed.status()).toBe(401);
  expect(feed.headers()['content-type']).toContain('application/problem+json');
  expect(feed.headers()['x-frame-options']).toBe('DENY');
});
