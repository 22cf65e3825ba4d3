import { expect, test } from '@playwright/test';
import { createVerifiedUser, linkFromEmail, login, newUser } from './helpers';

test('reset a forgotten password through the emailed link', async ({ page, request }) => {
  const user = await createVerifiedUser(request, newUser('reset'));
  const newPassword = 'Pyramids-Sphinx-Giza-Camel-77';

  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page.getByRole('heading', { name: 'Reset your password' })).toBeVisible();
  await page.getByLabel('Email').fill(user.email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByText(/a reset link is on its way/)).toBeVisible();

  await page.goto(await linkFromEmail(user.email, '/reset-password'));
  await page.getByLabel('New password').fill(newPassword);
  await page.getByLabel('Confirm password').fill(newPassword);
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByText(/Your password has been changed/)).toBeVisible();

  await page.goto('/login');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByText("That email and password don't match an account.")).toBeVisible();

  await login(page, { email: user.email, password: newPassword });
});
