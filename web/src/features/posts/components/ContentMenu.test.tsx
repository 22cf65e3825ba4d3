import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSession } from '@/lib/session';
import { mona } from '@/test/fixtures';
import { jsonResponse, renderPage } from '@/test/utils';
import { ContentMenu } from './ContentMenu';

const karim = { username: 'karim', display_name: 'Karim' };
const post = { type: 'post', id: 7 } as const;

describe('ContentMenu', () => {
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
    renderPage(<ContentMenu target={post} author={karim} onReport={() => {}} onDelete={() => {}} />);
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
    renderPage(<ContentMenu target={post} author={karim} onReport={() => {}} onDelete={() => {}} />);
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
    renderPage(<ContentMenu target={post} author={{ ...karim, username: 'mona' }} onReport={() => {}} onDelete={() => {}} />);
    await user.click(screen.getByRole('button', { name: /More actions/ }));
    expect(screen.getAllByRole('menuitem').map((i) => i.textContent)).toEqual(['Delete']);
  });

  it("gives a comment the same actions, named for the comment; Delete only asks the caller's confirmation", async () => {
    const user = userEvent.setup();
    const onDelete = vi.fn();
    const onReport = vi.fn();
    useSession.getState().signIn('token', { ...mona, role: 'moderator' });
    renderPage(<ContentMenu target={{ type: 'comment', id: 9 }} author={karim} onReport={onReport} onDelete={onDelete} />);
    await user.click(screen.getByRole('button', { name: "More actions for Karim's comment" }));
    expect(screen.getAllByRole('menuitem').map((i) => i.textContent)).toEqual(['Report', 'Mute @karim', 'Block @karim', 'Delete']);
    await user.click(screen.getByRole('menuitem', { name: 'Delete' }));
    expect(onDelete).toHaveBeenCalledOnce();
    await user.click(screen.getByRole('button', { name: /More actions/ }));
    await user.click(screen.getByRole('menuitem', { name: 'Report' }));
    expect(onReport).toHaveBeenCalledWith({ type: 'comment', id: 9 });
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
