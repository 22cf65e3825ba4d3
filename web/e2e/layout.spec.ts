import { expect, test, type Page } from '@playwright/test';
import { E2E } from './env';
import { apiPost, apiToken, createVerifiedUser, expectAccessible, login, newUser } from './helpers';

test.describe('desktop, 1440 wide', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('a right rail offers search and people to follow', async ({ page, request }) => {
    const popular = await createVerifiedUser(request, newUser('popular'));
    const user = await createVerifiedUser(request, newUser('railuser'));
    await login(page, user);

    const rail = page.getByRole('complementary', { name: 'Discover' });
    await expect(rail).toBeVisible();
    const box = await rail.boundingBox();
    expect(box && box.x).toBeGreaterThan(1000); // a third column, on the end side
    const suggestion = rail.getByRole('listitem').filter({ hasText: `@${popular.username}` });
    await expect(suggestion).toBeVisible();
    await expectAccessible(page);
    await suggestion.getByRole('button', { name: `Follow ${popular.displayName}` }).click();
    await expect(page.getByText(`You follow ${popular.displayName} now.`)).toBeVisible();
    await expect(suggestion).toHaveCount(0);

    await rail.getByRole('searchbox', { name: 'Search Daira' }).fill('koshary #Cairo');
    await rail.getByRole('searchbox', { name: 'Search Daira' }).press('Enter');
    await expect(page).toHaveURL(/\/search\?q=koshary\+%23Cairo$/);
  });

  test("the rail's trends link to tag pages, and the search page leaves them to its own list", async ({ page, request }) => {
    const user = await createVerifiedUser(request, newUser('trender'));
    const token = await apiToken(request, user);
    const tag = `railtrend${Date.now().toString(36)}`;
    for (let n = 0; n < 6; n += 1) await apiPost(request, token, `Trend number ${n} #${tag}`);
    await login(page, user);

    const rail = page.getByRole('complementary', { name: 'Discover' });
    const trends = rail.getByRole('region', { name: 'Trending in the last 24 hours' });
    await expect(trends.getByRole('link', { name: new RegExp(`^#${tag}`) })).toBeVisible();
    await expectAccessible(page);
    await trends.getByRole('link', { name: new RegExp(`^#${tag}`) }).click();
    await expect(page).toHaveURL(new RegExp(`/tags/${tag}$`));
    await expect(page.getByRole('heading', { name: `#${tag}`, level: 1 })).toBeVisible();

    await page.goto('/search');
    await expect(page.getByRole('heading', { name: 'Trending in the last 24 hours' })).toHaveCount(1);
  });

  test('admin tables use the full width: the audit log shows its reason and IP columns', async ({ page }) => {
    await login(page, E2E.admin);
    await page.goto('/admin/audit');
    await expect(page.getByRole('complementary', { name: 'Discover' })).toHaveCount(0);
    const table = page.getByRole('table');
    await expect(table).toBeVisible();
    for (const column of ['Reason', 'IP']) {
      await expect(table.getByRole('columnheader', { name: column })).toBeInViewport({ ratio: 1 });
    }
    const overflow = await table.evaluate((node) => node.scrollWidth - (node.parentElement?.clientWidth ?? 0));
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

async function settingsTabsOnPhone(page: Page, language: 'en' | 'ar', last: string) {
  await page.goto('/settings/preferences');
  const tab = page.getByRole('tab', { name: last });
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  await expect(tab).toBeInViewport({ ratio: 0.95 }); // its underline overlaps the strip's edge by 1 px
  // Tabs hidden before the active one: a visible cue on the start side says there is more.
  await expect(page.getByTestId('tabs-more-start')).toBeVisible();
  const cue = await page.getByTestId('tabs-more-start').boundingBox();
  const strip = await page.getByRole('tablist').boundingBox();
  const atStart = language === 'ar' ? (cue?.x ?? 0) > (strip?.x ?? 0) + (strip?.width ?? 0) / 2 : (cue?.x ?? 0) < (strip?.x ?? 0) + 40;
  expect(atStart).toBe(true);
  await expectAccessible(page);
}

test.describe('phone, 390 wide', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  for (const [language, last] of [
    ['en', 'Preferences'],
    ['ar', 'التفضيلات'],
  ] as const) {
    test(`settings tabs scroll to the active one and show that more are hidden (${language})`, async ({ page, request }) => {
      const user = await createVerifiedUser(request, newUser(`tabs${language}`));
      await apiToken(page.request, user); // signs this browser in
      await page.addInitScript((lang) => localStorage.setItem('daira.language', lang), language);
      await settingsTabsOnPhone(page, language, last);
    });
  }
});

test('the Arabic Preferences tab is whole at 1440 wide', async ({ page, request }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const user = await createVerifiedUser(request, newUser('wideprefs'));
  await apiToken(page.request, user);
  await page.addInitScript(() => localStorage.setItem('daira.language', 'ar'));
  await page.goto('/settings/profile');
  await expect(page.getByRole('tab', { name: 'التفضيلات' })).toBeInViewport({ ratio: 0.95 });
  await expect(page.getByTestId('tabs-more-end')).toHaveCount(0);
});
