import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { apiPost, apiToken, createVerifiedUser, expectAccessible, newUser, type TestUser } from './helpers';

const W = {
  en: {
    email: 'Email',
    password: 'Password',
    submit: 'Log in',
    more: /^More actions for/,
    report: 'Report',
    remove: 'Delete',
    cancel: 'Cancel',
    spam: /Spam/,
    send: 'Send report',
    thanks: 'Thanks — our moderators will review it.',
    already: "You've already reported this.",
    deleteComment: 'Delete this comment?',
    reportDialog: 'Report this post',
  },
  ar: {
    email: 'البريد الإلكتروني',
    password: 'كلمة المرور',
    submit: 'تسجيل الدخول',
    more: /^إجراءات أخرى/,
    report: 'إبلاغ',
    remove: 'حذف',
    cancel: 'إلغاء',
    spam: /محتوى مزعج/,
    send: 'أرسل البلاغ',
    thanks: 'شكرًا — سيراجعه المشرفون.',
    already: 'سبق أن أبلغت عن هذا.',
    deleteComment: 'حذف هذا التعليق؟',
    reportDialog: 'الإبلاغ عن هذا المنشور',
  },
};

async function signIn(page: Page, user: TestUser, language: 'en' | 'ar') {
  await page.addInitScript((lang) => localStorage.setItem('daira.language', lang), language);
  await page.goto('/login');
  await page.getByLabel(W[language].email).fill(user.email);
  await page.getByLabel(W[language].password, { exact: true }).fill(user.password);
  await page.getByRole('button', { name: W[language].submit }).click();
  await expect(page).toHaveURL(/\/$/);
}

async function postWithMyComment(request: APIRequestContext, viewer: TestUser) {
  const author = await createVerifiedUser(request, newUser('author'));
  const post = await apiPost(request, await apiToken(request, author), `Menu target ${Date.now()}`);
  const comment = `My own comment ${Date.now()}`;
  const res = await request.post(`/api/v1/posts/${post.id}/comments`, {
    data: { content: comment },
    headers: { Authorization: `Bearer ${await apiToken(request, viewer)}` },
  });
  expect(res.status()).toBe(201);
  return { post, comment };
}

const devices = [
  { device: 'desktop', viewport: { width: 1440, height: 900 } },
  { device: 'phone', viewport: { width: 390, height: 844 } },
] as const;

for (const language of ['en', 'ar'] as const) {
  for (const { device, viewport } of devices) {
    test.describe(`${language}, ${device}`, () => {
      test.use({ viewport });

      test('report and delete live in a "..." menu; deleting a comment asks first', async ({ page, request }) => {
        const w = W[language];
        const viewer = await createVerifiedUser(request, newUser(`menu${language}${device[0]}`));
        const { post, comment } = await postWithMyComment(request, viewer);
        await signIn(page, viewer, language);
        await page.goto(`/posts/${post.id}`);

        const article = page.getByRole('article');
        await expect(article.getByRole('button', { name: w.report })).toHaveCount(0); // no longer loose
        const time = article.locator('time');
        expect(await time.getAttribute('title')).toMatch(/2\d{3}|[٢][٠-٩]{3}/); // the full date on hover

        const more = article.getByRole('button', { name: w.more });
        await more.click();
        const menu = page.getByRole('menu');
        await expect(menu.getByRole('menuitem', { name: w.report })).toBeFocused();
        await expect(menu.getByRole('menuitem', { name: w.remove })).toHaveCount(0); // not theirs
        await expectAccessible(page);
        await page.keyboard.press('Escape');
        await expect(menu).toHaveCount(0);
        await expect(more).toBeFocused();

        const mine = page.getByTestId('comment').filter({ hasText: comment });
        await mine.getByRole('button', { name: w.more }).click();
        await page.getByRole('menuitem', { name: w.remove }).click();
        const confirm = page.getByRole('dialog', { name: w.deleteComment });
        await expect(confirm).toBeVisible();
        await expectAccessible(page);
        await confirm.getByRole('button', { name: w.cancel }).click();
        await expect(mine).toBeVisible();
        await mine.getByRole('button', { name: w.more }).click();
        await page.getByRole('menuitem', { name: w.remove }).click();
        await page.getByRole('dialog', { name: w.deleteComment }).getByRole('button', { name: w.remove }).click();
        await expect(mine).toHaveCount(0);
      });

      test('reporting a post twice answers where the user is looking', async ({ page, request }) => {
        const w = W[language];
        const viewer = await createVerifiedUser(request, newUser(`twice${language}${device[0]}`));
        const { post } = await postWithMyComment(request, viewer);
        await signIn(page, viewer, language);
        await page.goto(`/posts/${post.id}`);

        for (const round of [1, 2]) {
          await page.getByRole('article').getByRole('button', { name: w.more }).click();
          await page.getByRole('menuitem', { name: w.report }).click();
          const dialog = page.getByRole('dialog', { name: w.reportDialog });
          await dialog.getByRole('radio', { name: w.spam }).check();
          await dialog.getByRole('button', { name: w.send }).click();
          if (round === 1) {
            await expect(page.getByText(w.thanks)).toBeVisible();
            continue;
          }
          const answer = dialog.getByText(w.already);
          await expect(answer).toBeInViewport({ ratio: 1 });
          await expect(dialog.getByRole('radio')).toHaveCount(0); // nothing left to fill in
          await dialog.getByRole('button', { name: language === 'en' ? 'Close' : 'إغلاق' }).last().click();
          await expect(dialog).toBeHidden();
        }
      });
    });
  }
}
