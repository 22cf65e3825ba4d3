import { expect, test } from '@playwright/test';
import { createVerifiedUser, emailTo, login, newUser } from './helpers';

test('signing up on the Arabic page sends the verification email in Arabic, right to left', async ({ page }) => {
  const user = newUser('arsignup');
  await page.goto('/signup');
  await page.getByRole('button', { name: 'التبديل إلى العربية' }).click();
  await page.getByLabel('البريد الإلكتروني').fill(user.email);
  await page.getByLabel('اسم المستخدم').fill(user.username);
  await page.getByLabel('كلمة المرور', { exact: true }).fill(user.password);
  await page.getByLabel('تأكيد كلمة المرور').fill(user.password);
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'إنشاء الحساب' }).click();
  await expect(page.getByRole('heading', { name: 'راجع بريدك الإلكتروني' })).toBeVisible();

  const mail = await emailTo(user.email, 'أكّد بريدك الإلكتروني على دائرة');
  expect(mail.body).toContain('مرحباً بك في دائرة');
  expect(mail.body).toContain('<html lang="ar" dir="rtl">');
});

test('the header language switch saves the language, and the next email follows it', async ({ page, request }) => {
  const user = await createVerifiedUser(request, newUser('switcher'));
  await login(page, user);
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/users/me') && r.request().method() === 'PATCH');
  await page.getByRole('button', { name: 'التبديل إلى العربية' }).first().click();
  expect((await (await saved).json()) as { locale: string }).toMatchObject({ locale: 'ar' });

  await request.post('/api/v1/auth/request-password-reset', { data: { email: user.email } });
  const mail = await emailTo(user.email, 'إعادة تعيين كلمة المرور على دائرة');
  expect(mail.body).toContain('dir="rtl"');

  const back = page.waitForResponse((r) => r.url().endsWith('/api/v1/users/me') && r.request().method() === 'PATCH');
  await page.getByRole('button', { name: 'Switch to English' }).first().click();
  expect((await (await back).json()) as { locale: string }).toMatchObject({ locale: 'en' });
});
