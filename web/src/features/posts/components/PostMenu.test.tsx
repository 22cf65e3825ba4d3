import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSession } from '@/lib/session';
import type { Post } from '@/lib/types';
import { mona } from '@/test/fixtures';
import { jsonResponse, renderPage } from '@/test/utils';
import { PostMenu } from './PostMenu';

const post: Post = {
  id: 7,
  author: { username: 'karim', display_name: 'Karim', avatar_url: null },
  content: 'Loud opinions',
  created_at: '2026-11-01T08:00:00Z',
  like_count: 0,
  comment_count: 0,
  liked_by_me: false,
  moderation_status: 'visible',
};

describe('PostMenu', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    fetchMock = vi.fn(async () => jsonResponse({ status: 204 }));
    vi.stubGlobal('fetch', fetchMock);
    useSession.getState().signIn('token', mona);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    useSession.getState().signOut();
  });

  it("offers report, mute and block on someone else's post, moved through with the keyboard", async () => {
    const user = userEvent.setup();
    renderPage(<PostMenu post={post} onReport={() => {}} />);
    const button = screen.getByRole('button', { name: "More actions for Karim's post" });
    await user.click(button);
    expect(screen.getAllByRole('menuitem').map((i) => i.textContent)).toEqual(['Report', 'Mute @karim', 'Block @karim']);
    expect(screen.getByRole('menuitem', { name: 'Report' })).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(screen.getByRole('menuitem', { name: 'Block @karim' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(button).toHaveFocus();
  });

  it('blocks only after the confirmation', async () => {
    const user = userEvent.setup();
    renderPage(<PostMenu post={post} onReport={() => {}} />);
    await user.click(screen.getByRole('button', { name: /More actions/ }));
    await user.click(screen.getByRole('menuitem', { name: 'Block @karim' }));
    expect(await screen.findByText('Block @karim?')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();

    // jsdom has no showModal(): the dialog's content is there but not "open" to the accessibility tree.
    await user.click(screen.getByRole('button', { name: 'Block', hidden: true }));
    await waitFor(() =>
      expect(fetchMock).toHaveBeenCalledWith('/api/v1/users/karim/block', expect.objectContaining({ method: 'POST' })),
    );
  });

  it('offers only delete on your own post', async () => {
    const user = userEvent.setup();
    renderPage(<PostMenu post={{ ...post, author: { ...post.author, username: 'mona' } }} onReport={() => {}} />);
    await user.click(screen.getByRole('button', { name: /More actions/ }));
    expect(screen.getAllByRole('menuitem').map((i) => i.textContent)).toEqual(['Delete']);
  });
});
