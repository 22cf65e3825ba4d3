import { expect, test } from '@playwright/test';
import { createVerifiedUser, expectAccessible, login, newUser } from './helpers';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAEAAAABACAIAAAAlC+aJAAAAY0lEQVR4nO3PQQ3AIADAQEAAMlGB+IngcVnSU9DOfc/4s6UDXjWgNaA1oDWgNaA1oDWgNaA1oDWgNaA1oDWgNaA1oDWgNaA1oDWgNaA1oDWgNaA1oDWgNaA1oDWgNaA1oDWgfX1fAXDunaatAAAAAElFTkSuQmCC',
  'base64',
);

test('the avatar picker refuses a file that is not a picture and takes one dropped on it', async ({ page, request }) => {
  const user = await createVerifiedUser(request, newUser('avatar'));
  await login(page, user);
  await page.goto('/settings/avatar');
  const drop = page.getByTestId('avatar-drop');
  await expect(drop).toContainText('or drop it here');
  await expectAccessible(page);

  // A text file renamed .png: the browser cannot decode it, so it is refused before upload.
  await page.getByLabel('Choose a picture').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not an image') });
  await expect(page.getByRole('alert')).toContainText('“notes.png” isn\'t a picture we can use');
  await expect(page.locator('main img')).toHaveCount(0); // no broken image, the initials stay
  await expect(page.getByRole('button', { name: 'Upload' })).toBeDisabled();

  const transfer = await page.evaluateHandle((bytes) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(bytes)], 'nile.png', { type: 'image/png' }));
    return data;
  }, [...PNG]);
  await drop.dispatchEvent('drop', { dataTransfer: transfer });
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(drop).toContainText('nile.png');
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByText('Profile picture updated.')).toBeVisible();
  await expect(page.locator('main img').first()).toHaveJSProperty('complete', true);
});
