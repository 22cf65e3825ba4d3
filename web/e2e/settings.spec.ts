import { crc32, deflateSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { createVerifiedUser, expectAccessible, login, logout, newUser } from './helpers';
import { totp } from './totp';

/** A valid 96x64 RGB PNG (a Nile-to-gold gradient); the server re-encodes and square-crops it. */
function gradientPng(width = 96, height = 64): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const at = y * (1 + width * 3) + 1 + x * 3;
      const t = x / width;
      rows.set([Math.round(20 + 210 * t), Math.round(163 + 2 * t * 10), Math.round(171 - 140 * t)], at);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

test('edit the profile and upload an avatar', async ({ page, request }) => {
  const user = await createVerifiedUser(request, newUser('editor'));
  await login(page, user);

  await page.getByRole('link', { name: 'Profile' }).first().click();
  await page.getByRole('button', { name: 'Edit profile' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit profile' });
  await dialog.getByLabel('Display name').fill('Nour of Alexandria');
  await dialog.getByLabel('Bio').fill('Sea, books and ful. البحر والكتب والفول.');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: 'Nour of Alexandria', level: 1 })).toBeVisible();
  await expect(page.getByText('Sea, books and ful.', { exact: false })).toBeVisible();

  await page.goto('/settings/avatar');
  await page.getByLabel('Choose a picture').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: gradientPng() });
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByText('Profile picture updated.')).toBeVisible();
  const avatar = page.getByRole('img', { name: 'Nour of Alexandria' }).first();
  await expect(avatar).toHaveAttribute('src', /\/media\//);
  const media = await request.get((await avatar.getAttribute('src'))!);
  expect(media.ok()).toBeTruthy();
  await expectAccessible(page);
});

test('turn on two-factor authentication, then log in with a recovery code', async ({ page, request }) => {
  const user = await createVerifiedUser(request, newUser('twofa'));
  await login(page, user);

  await page.goto('/settings/security');
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Set up two-factor' }).click();
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  const secret = (await page.locator('code').first().textContent())!.trim();
  await page.getByLabel('6-digit code').fill(totp(secret));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByText('Two-factor authentication is on').first()).toBeVisible();
  const recovery = (await page.locator('ul[dir=ltr] li').allTextContents()).map((c) => c.trim());
  expect(recovery.length).toBeGreaterThan(3);
  await page.getByRole('button', { name: "I've saved them" }).click();
  await expect(page.getByRole('button', { name: 'Turn off two-factor' })).toBeVisible();

  await logout(page);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: 'Two-factor check' })).toBeVisible();
  await page.getByLabel('Code').fill('000000');
  await page.getByRole('button', { name: 'Verify and log in' }).click();
  await expect(page.getByText("That code isn't right.", { exact: false })).toBeVisible();
  await page.getByLabel('Code').fill(recovery[0]!);
  await page.getByRole('button', { name: 'Verify and log in' }).click();
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
});
