import { expect, test, type Page } from '@playwright/test';
import { apiPost, apiToken, createVerifiedUser, newUser } from './helpers';

// Figures, not timed assertions: the machine is shared, so these print what they measure
// (SPEC section 5: feed visible < 1 s, <= 250 KB of JavaScript on the wire for the first page).

async function scriptBytes(page: Page, action: () => Promise<void>): Promise<{ wire: number; raw: number }> {
  const sizes: Promise<{ wire: number; raw: number }>[] = [];
  const onResponse = (response: import('@playwright/test').Response) => {
    if (response.request().resourceType() !== 'script') return;
    sizes.push(
      (async () => {
        const [{ responseBodySize }, body] = await Promise.all([response.request().sizes(), response.body()]);
        return { wire: responseBodySize, raw: body.length };
      })(),
    );
  };
  page.on('response', onResponse);
  await action();
  await page.waitForLoadState('networkidle');
  page.off('response', onResponse);
  const all = await Promise.all(sizes);
  return all.reduce((sum, s) => ({ wire: sum.wire + s.wire, raw: sum.raw + s.raw }), { wire: 0, raw: 0 });
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

test('JavaScript on the wire for the first page, and after typing a password', async ({ page }) => {
  const login = await scriptBytes(page, async () => {
    await page.goto('/login');
    await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  });
  console.log(`[measure] first page (/login) JavaScript: ${kb(login.wire)} on the wire, ${kb(login.raw)} decoded`);

  const meter = await scriptBytes(page, async () => {
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Password', { exact: true }).fill('correct horse battery');
    await expect(page.getByText(/^(Very weak|Weak|Fair|Strong|Very strong)/)).toBeVisible();
  });
  console.log(`[measure] password meter (zxcvbn) JavaScript: ${kb(meter.wire)} on the wire, ${kb(meter.raw)} decoded`);
  expect(login.wire).toBeGreaterThan(0);
});

test('the home feed becomes visible quickly after a page load', async ({ page }) => {
  const user = await createVerifiedUser(page.request, newUser('speedy'));
  const token = await apiToken(page.request, user);
  for (let n = 0; n < 20; n += 1) await apiPost(page.request, token, `Feed post number ${n} #speed`);
  // Signs the browser context in: the refresh cookie is what a returning visitor has.
  await apiToken(page.request, user);
  await page.addInitScript(() => {
    const w = window as unknown as { feedVisibleAt?: number };
    new MutationObserver(() => {
      if (w.feedVisibleAt === undefined && document.querySelector('main article')) w.feedVisibleAt = performance.now();
    }).observe(document, { childList: true, subtree: true });
  });

  const times: number[] = [];
  for (let run = 0; run < 5; run += 1) {
    await page.goto('/');
    await expect(page.locator('main article').first()).toBeVisible();
    times.push(await page.evaluate(() => (window as unknown as { feedVisibleAt: number }).feedVisibleAt));
  }
  times.sort((a, b) => a - b);

  // The boot chain is gone: one refresh that brings the user, the feed asked for at once.
  const asked: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/v1/')) asked.push(new URL(request.url()).pathname);
  });
  // The notifications stream stays open, so the network never goes idle: the stream starting
  // means the signed-in shell has mounted and asked for everything it asks for on a load.
  const stream = page.waitForRequest((request) => request.url().includes('/api/v1/notifications/stream'));
  await page.goto('/');
  await expect(page.locator('main article').first()).toBeVisible();
  await stream;
  await page.waitForTimeout(500);
  expect(asked.filter((p) => p === '/api/v1/auth/refresh')).toHaveLength(1);
  expect(asked.filter((p) => p === '/api/v1/feed')).toHaveLength(1);
  expect(asked).not.toContain('/api/v1/users/me');
  console.log(
    `[measure] feed visible after ${Math.round(times[2] ?? 0)} ms (median of 5 loads; ${times.map(Math.round).join(', ')})`,
  );
});
