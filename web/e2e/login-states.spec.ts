import { expect, test } from '@playwright/test';
import { newUser } from './helpers';

const words = {
  en: {
    email: 'Email',
    password: 'Password',
    submit: 'Log in',
    confirm: 'Please confirm your email address first.',
    resend: 'Send a new confirmation link',
    sent: /a new link is on its way/,
  },
  ar: {
    email: 'البريد الإلكتروني',
    password: 'كلمة المرور',
    submit: 'تسجيل الدخول',
    confirm: 'أكّد بريدك الإلكتروني أولًا',
    resend: 'أرسل رابط تأكيد جديدًا',
    sent: /الرابط الجديد في الطريق/,
  },
};

for (const language of ['en', 'ar'] as const) {
  test(`an unverified sign-in shows a step to take, not an error, and the resend note stands alone (${language})`, async ({
    page,
    request,
  }) => {
    const user = newUser(`unverified${language}`);
    const signup = await request.post('/api/v1/auth/signup', {
      data: { email: user.email, username: user.username, password: user.password, accept_terms: true },
    });
    expect(signup.status()).toBe(202);
    await page.addInitScript((lang) => localStorage.setItem('daira.language', lang), language);
    const w = words[language];
    await page.goto('/login');
    await page.getByLabel(w.email).fill(user.email);
    await page.getByLabel(w.password, { exact: true }).fill(user.password);
    await page.getByRole('button', { name: w.submit }).click();

    await expect(page.getByRole('status').filter({ hasText: w.confirm })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await page.getByRole('button', { name: w.resend }).click();
    const sent = page.getByRole('status').filter({ hasText: w.sent });
    await expect(sent).toBeVisible();
    expect(await sent.evaluate((node) => node.closest('[role="alert"]'))).toBeNull();
  });
}
