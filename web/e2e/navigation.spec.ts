import { expect, test } from '@playwright/test';
import { apiPost, apiToken, createVerifiedUser, newUser } from './helpers';

for (const language of ['en', 'ar'] as const) {
  const words = {
    en: { email: 'Email', password: 'Password', submit: 'Log in', notFound: 'Post not found' },
    ar: { email: 'البريد الإلكتروني', password: 'كلمة المرور', submit: 'تسجيل الدخول', notFound: 'المنشور غير موجود' },
  }[language];

  test.describe(`in ${language}`, () => {
    test.beforeEach(async ({ page }) => {
      await page.addInitScript((lang) => localStorage.setItem('daira.language', lang), language);
    });

    test('signing in from a deep link goes straight to it, never through the home feed', async ({ page, request }) => {
      const user = await createVerifiedUser(request, newUser(`deep${language}`));
      const post = await apiPost(request, await apiToken(request, user), `Deep link target ${Date.now()}`);

      await page.goto(`/posts/${post.id}`);
      await expect(page).toHaveURL(new RegExp(`/login\\?next=%2Fposts%2F${post.id}$`));
      const visited: string[] = [];
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) visited.push(new URL(frame.url()).pathname);
      });
      const homeFeed = page.waitForRequest((r) => r.url().includes('/api/v1/feed'), { timeout: 3_000 }).catch(() => null);
      await page.getByLabel(words.email).fill(user.email);
      await page.getByLabel(words.password, { exact: true }).fill(user.password);
      await page.getByRole('button', { name: words.submit }).click();

      await expect(page).toHaveURL(new RegExp(`/posts/${post.id}$`));
      await expect(page.getByRole('article')).toContainText('Deep link target');
      expect(visited).not.toContain('/');
      expect(await homeFeed).toBeNull(); // the home feed was never rendered on the way
    });

    test('a malformed post address says the post was not found', async ({ page, request }) => {
      const user = await createVerifiedUser(request, newUser(`bad${language}`));
      await page.goto('/login');
      await page.getByLabel(words.email).fill(user.email);
      await page.getByLabel(words.password, { exact: true }).fill(user.password);
      await page.getByRole('button', { name: words.submit }).click();
      await expect(page).toHaveURL(/\/$/);

      for (const bad of ['abc', '0', '12x', '99999999999999999999999']) {
        await page.goto(`/posts/${bad}`);
        await expect(page.getByRole('alert')).toContainText(words.notFound);
      }
    });
  });
}
