import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSession } from '@/lib/session';
import type { Profile } from '@/lib/types';
import { mona } from '@/test/fixtures';
import { jsonResponse, renderPage } from '@/test/utils';
import ProfilePage from './ProfilePage';

const heba: Profile = {
  id: 3,
  username: 'heba',
  display_name: 'Heba',
  bio: '',
  avatar_url: null,
  followers_count: 0,
  following_count: 0,
  posts_count: 5,
  is_following: false,
  is_blocked: false,
  is_muted: false,
  created_at: '2026-01-01T00:00:00Z',
};

function serve(profile: Profile) {
  const fetchMock = vi.fn(async (url: string) =>
    url === '/api/v1/users/heba' ? jsonResponse({ body: profile }) : jsonResponse({ body: { items: [], next_cursor: null } }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('ProfilePage block and mute', () => {
  beforeEach(() => useSession.getState().signIn('token', mona));
  afterEach(() => {
    vi.unstubAllGlobals();
    useSession.getState().signOut();
  });

  it('offers mute and block in the menu of someone else', async () => {
    serve(heba);
    const user = userEvent.setup();
    renderPage(<ProfilePage />, { path: '/u/:username', at: '/u/heba' });
    await user.click(await screen.findByRole('button', { name: 'More actions for Heba' }));
    expect(screen.getAllByRole('menuitem').map((i) => i.textContent)).toEqual(['Mute @heba', 'Block @heba']);
    expect(screen.getByRole('button', { name: 'Follow' })).toBeInTheDocument();
  });

  it('hides the posts and the follow button of someone you blocked, and offers to unblock', async () => {
    serve({ ...heba, is_blocked: true, is_muted: true });
    const user = userEvent.setup();
    renderPage(<ProfilePage />, { path: '/u/:username', at: '/u/heba' });
    expect(await screen.findByText('You blocked @heba')).toBeInTheDocument();
    expect(screen.getByText('Muted')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Follow' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'More actions for Heba' }));
    expect(screen.getAllByRole('menuitem').map((i) => i.textContent)).toEqual(['Unmute @heba', 'Unblock @heba']);
  });
});
