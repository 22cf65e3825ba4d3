import { expect, test } from '@playwright/test';
import { E2E } from './env';
import { apiPost, apiToken, createVerifiedUser, expectAccessible, newUser } from './helpers';

const LONG = 'x'.repeat(400);

for (const language of ['en', 'ar'] as const) {
  test(`on a phone the queue wraps long text and names rules, visibility and author (${language})`, async ({
    page,
    request,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const admin = await apiToken(request, E2E.admin);
    const pattern = `cheap\\s*pills${Date.now()}[a-z0-9]{0,400}`;
    const rule = await request.post('/api/v1/admin/moderation-rules', {
      data: { pattern, match: 'regex', severity: 'high', action: 'flag' },
      headers: { Authorization: `Bearer ${admin}` },
    });
    expect(rule.status(), await rule.text()).toBe(201);
    const author = await createVerifiedUser(request, newUser(`queued${language}`));
    const marker = pattern.match(/pills(\d+)/)?.[1] ?? '';
    await apiPost(request, await apiToken(request, author), `cheap pills${marker}${LONG}`);

    await apiToken(page.request, E2E.admin);
    await page.addInitScript((lang) => localStorage.setItem('daira.language', lang), language);
    await page.goto('/admin/queue');
    const entry = page.getByRole('listitem').filter({ hasText: marker });
    await expect(entry).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(entry).not.toContainText('[a-z0-9]'); // the regex itself is not shown
    await expect(entry).toContainText(language === 'en' ? 'pattern rule' : 'قاعدة نمط');
    await expect(entry).toContainText(language === 'en' ? 'Visible now' : 'ظاهر الآن');
    await expect(entry.getByRole('link', { name: `@${author.username}` })).toHaveAttribute('href', `/u/${author.username}`);
    await expectAccessible(page);

    await entry.getByRole('button', { name: language === 'en' ? 'Remove' : 'إزالة' }).click();
    const confirm = page.getByRole('dialog');
    await expect(confirm).toContainText(language === 'en' ? 'Remove permanently?' : 'حذف نهائي؟');
    await confirm.getByRole('button', { name: language === 'en' ? 'Cancel' : 'إلغاء' }).click();
    await expect(entry).toBeVisible(); // nothing happened without the confirmation
  });
}
