import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '@/lib/i18n';
import type { Notification } from '@/lib/types';
import { jsonResponse, renderPage } from '@/test/utils';
import NotificationsPage from './NotificationsPage';

const actor = (name: string) => ({ username: name.toLowerCase(), display_name: name, avatar_url: null });
const base = { comment_id: null, outcome: null, created_at: new Date().toISOString() };
const items: Notification[] = [
  { ...base, id: 9, kind: 'like', actor: actor('Mona'), post_id: 7, read: false },
  { ...base, id: 8, kind: 'mention', actor: actor('Karim'), post_id: 5, comment_id: 3, read: false },
  { ...base, id: 7, kind: 'like', actor: actor('Omar'), post_id: 7, read: true },
  { ...base, id: 6, kind: 'like', actor: actor('Sara'), post_id: 7, read: true },
  { ...base, id: 5, kind: 'follow', actor: actor('Nour'), post_id: null, read: true },
  { ...base, id: 4, kind: 'report_resolved', actor: null, post_id: null, outcome: 'removed', read: true },
];

describe('NotificationsPage', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    fetchMock = vi.fn(async (url: string) =>
      url.startsWith('/api/v1/notifications?')
        ? jsonResponse({ body: { items, next_cursor: null } })
        : url === '/api/v1/notifications/unread-count'
          ? jsonResponse({ body: { count: 0 } })
          : jsonResponse({ status: 204 }),
    );
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('en');
  });

  it('groups likes of one post into one line and links each line to what it is about', async () => {
    renderPage(<NotificationsPage />, { path: '/notifications' });
    const like = await screen.findByRole('link', { name: /Mona and 2 others liked your post/ });
    expect(like).toHaveAttribute('href', '/posts/7');
    expect(like).toHaveTextContent('New');
    expect(screen.getByRole('link', { name: /Karim mentioned you/ })).toHaveAttribute('href', '/posts/5');
    expect(screen.getByRole('link', { name: /Nour followed you/ })).toHaveAttribute('href', '/u/nour');
    expect(screen.getByText('Moderators removed something you reported. Thank you.')).toBeInTheDocument();
    expect(screen.getAllByRole('listitem')).toHaveLength(4);
  });

  it('marks what it shows as read, up to the newest shown', async () => {
    renderPage(<NotificationsPage />, { path: '/notifications' });
    await waitFor(() =>
      expect(fetchMock).toHaveBeenCalledWith('/api/v1/notifications/read', expect.objectContaining({ method: 'POST' })),
    );
    const call = fetchMock.mock.calls.find((c) => c[0] === '/api/v1/notifications/read');
    expect(JSON.parse(String((call?.[1] as RequestInit).body))).toEqual({ up_to_id: 9 });
  });

  it('speaks Arabic with the right plural', async () => {
    await i18n.changeLanguage('ar');
    renderPage(<NotificationsPage />, { path: '/notifications' });
    expect(await screen.findByRole('link', { name: /Mona وشخصان آخران أعجبهم منشورك/ })).toBeInTheDocument();
  });

  it("shows a name that looks like markup as the characters it is", async () => {
    const evil = { ...items[1]!, actor: { username: 'evil', display_name: '<strong>Evil</strong><img src=x>', avatar_url: null } };
    fetchMock.mockImplementation(async () => jsonResponse({ body: { items: [evil], next_cursor: null } }));
    const { container } = renderPage(<NotificationsPage />, { path: '/notifications' });
    expect(await screen.findByText('<strong>Evil</strong><img src=x>')).toBeInTheDocument();
    expect(container.querySelector('main strong, li strong, li img')).toBeNull();
  });

  it('says so when there is nothing yet', async () => {
    fetchMock.mockImplementation(async () => jsonResponse({ body: { items: [], next_cursor: null } }));
    renderPage(<NotificationsPage />, { path: '/notifications' });
    expect(await screen.findByText('Nothing new yet')).toBeInTheDocument();
  });
});
