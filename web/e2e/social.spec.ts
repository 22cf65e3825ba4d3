import { expect, test, type APIRequestContext } from '@playwright/test';
import { apiPost, apiToken, createVerifiedUser, expectAccessible, login, newUser } from './helpers';

async function apiCall(request: APIRequestContext, token: string, method: 'post' | 'delete', path: string, data?: unknown) {
  const res = await request[method](`/api/v1${path}`, { data, headers: { Authorization: `Bearer ${token}` } });
  expect(res.ok(), `${method} ${path}: ${await res.text()}`).toBeTruthy();
}

test('a mention rings the bell live, and the notification opens the post', async ({ page, request }) => {
  const reader = await createVerifiedUser(request, newUser('reader'));
  const author = await createVerifiedUser(request, newUser('author'));

  await login(page, reader);
  const bell = page.getByRole('link', { name: /^Notifications/ }).first();
  await expect(bell).toHaveAccessibleName('Notifications');

  await page.goto(`/u/${author.username}`);
  await page.getByRole('button', { name: 'Follow', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Following' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('link', { name: 'Home' }).first().click();

  const content = `Ful at Felfela tomorrow, @${reader.username}? ${Date.now()}`;
  await apiPost(request, await apiToken(request, author), content);

  // No reload: the count arrives over the event stream.
  await expect(bell).toHaveAccessibleName('Notifications, 1 unread', { timeout: 15_000 });
  await expect(page.getByTestId('unread-count').first()).toHaveText('1');

  await bell.click();
  await expect(page.getByRole('heading', { name: 'Notifications', level: 1 })).toBeVisible();
  const line = page.getByRole('link', { name: new RegExp(`${author.displayName} mentioned you`) });
  await expect(line).toBeVisible();
  await expectAccessible(page);
  await expect(bell).toHaveAccessibleName('Notifications');

  await line.click();
  const post = page.getByRole('article').filter({ hasText: 'Ful at Felfela' });
  await expect(post).toBeVisible();
  await expect(post.getByRole('link', { name: `@${reader.username}` })).toHaveAttribute('href', `/u/${reader.username}`);
});

test('blocking someone from a post menu hides their content everywhere', async ({ page, request }) => {
  const reader = await createVerifiedUser(request, newUser('blocker'));
  const troll = await createVerifiedUser(request, newUser('troll'));
  const trollToken = await apiToken(request, troll);
  const readerToken = await apiToken(request, reader);
  const tag = `nile${Date.now().toString(36)}`;
  const content = `Loud opinions about #${tag} ${Date.now()}`;
  await apiCall(request, readerToken, 'post', `/users/${troll.username}/follow`);
  await apiPost(request, trollToken, content);
  const own = await apiPost(request, readerToken, `Quiet morning by the river ${Date.now()}`);
  await apiCall(request, trollToken, 'post', `/posts/${own.id}/comments`, { content: 'Nobody asked you' });

  await login(page, reader);
  const trollPost = page.getByRole('article').filter({ hasText: content });
  await expect(trollPost).toBeVisible();
  await trollPost.getByRole('button', { name: /^More actions/ }).click();
  await page.getByRole('menuitem', { name: `Block @${troll.username}` }).click();
  const dialog = page.getByRole('dialog', { name: `Block @${troll.username}?` });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Block' }).click();
  await expect(page.getByText(`You blocked @${troll.username}.`)).toBeVisible();
  await expect(trollPost).toHaveCount(0);

  await page.getByRole('link', { name: 'Explore' }).first().click();
  await expect(page.getByRole('heading', { name: 'Explore', level: 1 })).toBeVisible();
  await expect(page.getByText(content)).toHaveCount(0);

  await page.goto(`/tags/${tag}`);
  await expect(page.getByText('No posts with this tag yet')).toBeVisible();
  await expectAccessible(page);

  await page.goto(`/posts/${own.id}`);
  await expect(page.getByText('No comments yet')).toBeVisible();
  await expect(page.getByText('Nobody asked you')).toHaveCount(0);

  await page.goto(`/search?q=${encodeURIComponent('Loud opinions')}&type=posts`);
  await expect(page.getByText('No posts match “Loud opinions”')).toBeVisible();

  await page.goto(`/u/${troll.username}`);
  await expect(page.getByText(`You blocked @${troll.username}`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Follow', exact: true })).toHaveCount(0);

  await page.goto('/settings/blocked');
  const row = page.getByRole('listitem').filter({ hasText: `@${troll.username}` });
  await expect(row).toBeVisible();
  await expectAccessible(page);
  await row.getByRole('button', { name: 'Unblock' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Unblock' }).click();
  await expect(page.getByText("You haven't blocked anyone.")).toBeVisible();
});

test('muting from a profile quiets the home feed but keeps the profile readable', async ({ page, request }) => {
  const reader = await createVerifiedUser(request, newUser('reader'));
  const chatty = await createVerifiedUser(request, newUser('chatty'));
  const content = `Twelve photos of my breakfast ${Date.now()}`;
  await apiCall(request, await apiToken(request, reader), 'post', `/users/${chatty.username}/follow`);
  await apiPost(request, await apiToken(request, chatty), content);

  await login(page, reader);
  await expect(page.getByRole('article').filter({ hasText: content })).toBeVisible();
  await page.goto(`/u/${chatty.username}`);
  await page.getByRole('button', { name: `More actions for ${chatty.displayName}`, exact: true }).click();
  await page.getByRole('menuitem', { name: `Mute @${chatty.username}` }).click();
  await page.getByRole('dialog', { name: `Mute @${chatty.username}?` }).getByRole('button', { name: 'Mute' }).click();
  await expect(page.getByText('Muted', { exact: true })).toBeVisible();
  await expect(page.getByRole('article').filter({ hasText: content })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Following' })).toBeVisible();

  await page.getByRole('link', { name: 'Home' }).first().click();
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
  await expect(page.getByText(content)).toHaveCount(0);

  await page.goto('/settings/muted');
  await expect(page.getByRole('listitem').filter({ hasText: `@${chatty.username}` })).toBeVisible();
  await expectAccessible(page);
});

test.describe('on a phone, in Arabic', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('a search without diacritics finds a post written with them', async ({ page, request }) => {
    const reader = await createVerifiedUser(request, newUser('qari'));
    const author = await createVerifiedUser(request, newUser('katib'));
    const stamp = Date.now().toString(36);
    await apiPost(request, await apiToken(request, author), `زُرْنا مِصْرَ القَدِيمَةَ اليوم ${stamp} #مِصْرُ_${stamp}`);

    await login(page, reader);
    await page.getByRole('button', { name: 'التبديل إلى العربية' }).click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');

    await page.getByRole('navigation', { name: 'القائمة الرئيسية' }).getByRole('link', { name: 'البحث' }).click();
    await expect(page.getByRole('heading', { name: 'البحث', level: 1 })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('searchbox', { name: 'ابحث في دائرة' }).fill(`مصر القديمة ${stamp}`);
    await page.getByRole('button', { name: 'بحث', exact: true }).click();
    await expect(page).toHaveURL(/\/search\?q=/);
    await expect(page.getByRole('tab', { name: 'منشورات' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('article').filter({ hasText: 'مِصْرَ' })).toBeVisible();
    await expectAccessible(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    // The tag was written with diacritics; its page is found under the plain spelling too.
    await page.getByRole('article').getByRole('link', { name: `#مِصْرُ_${stamp}` }).click();
    await expect(page.getByRole('heading', { name: `#مِصْرُ_${stamp}`, level: 1 })).toBeVisible();
    await expect(page.getByRole('article').filter({ hasText: 'القَدِيمَةَ' })).toBeVisible();
    await expectAccessible(page);
    await page.goto(`/tags/${encodeURIComponent(`مصر_${stamp}`)}`);
    await expect(page.getByRole('article').filter({ hasText: 'القَدِيمَةَ' })).toBeVisible();

    await page.goto(`/search?q=${encodeURIComponent('مصر')}&type=tags`);
    await expect(page.getByRole('tab', { name: 'وسوم' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('link', { name: `#مِصْرُ_${stamp}` })).toBeVisible();
  });
});
