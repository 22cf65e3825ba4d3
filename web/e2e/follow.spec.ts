import { expect, test } from '@playwright/test';
import { apiPost, apiToken, createVerifiedUser, expectAccessible, login, newUser } from './helpers';

test('follow someone and see their post in the home feed', async ({ page, request }) => {
  const author = await createVerifiedUser(request, newUser('author'));
  const reader = await createVerifiedUser(request, newUser('reader'));
  const content = `Koshary at Abou Tarek, best in Cairo ${Date.now()}`;
  await apiPost(request, await apiToken(request, author), content);

  await login(page, reader);
  await expect(page.getByText('Your feed is quiet')).toBeVisible();

  await page.goto(`/u/${author.username}`);
  await expect(page.getByRole('heading', { name: author.displayName, level: 1 })).toBeVisible();
  await expect(page.getByRole('article').filter({ hasText: content })).toBeVisible();
  await expectAccessible(page);

  const follow = page.getByRole('button', { name: 'Follow', exact: true });
  await follow.click();
  const following = page.getByRole('button', { name: 'Following' });
  await expect(following).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('link', { name: /^1 follower$/ })).toBeVisible();

  await page.getByRole('link', { name: 'Home' }).first().click();
  await expect(page.getByRole('article').filter({ hasText: content })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('article').filter({ hasText: content })).toBeVisible();
});

test('like a post and comment on it', async ({ page, request }) => {
  const author = await createVerifiedUser(request, newUser('poster'));
  const reader = await createVerifiedUser(request, newUser('fan'));
  const content = `Ful and taameya for breakfast ${Date.now()}`;
  await apiPost(request, await apiToken(request, author), content);

  await login(page, reader);
  await page.getByRole('link', { name: 'Explore' }).first().click();
  const post = page.getByRole('article').filter({ hasText: content });
  await post.getByRole('button', { name: /^Like/ }).click();
  await expect(post.getByRole('button', { name: /^Unlike/ })).toHaveAttribute('aria-pressed', 'true');

  await post.getByRole('link', { name: /comments? — open post/ }).click();
  await page.getByLabel('Add a comment').fill('Sounds delicious!');
  await page.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Sounds delicious!' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('listitem').filter({ hasText: 'Sounds delicious!' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Unlike \(1 like\)/ })).toBeVisible();
});
