import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSession } from '@/lib/session';
import { mona } from '@/test/fixtures';
import { jsonResponse, renderPage } from '@/test/utils';
import { Composer } from './Composer';

const people = [
  { username: 'mona_1', display_name: 'Mona Saleh', avatar_url: null, bio: '' },
  { username: 'monir', display_name: 'Monir', avatar_url: null, bio: '' },
];

describe('Composer @-autocomplete', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    fetchMock = vi.fn(async () => jsonResponse({ body: { items: people, next_cursor: null } }));
    vi.stubGlobal('fetch', fetchMock);
    useSession.getState().signIn('token', mona);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    useSession.getState().signOut();
  });

  it('suggests accounts for the @name being typed and completes the chosen one', async () => {
    const user = userEvent.setup();
    renderPage(<Composer />);
    const box = screen.getByRole('textbox', { name: 'Write a post' });
    await user.type(box, 'Tea with @mo');

    expect(await screen.findByRole('option', { name: /Mona Saleh/ })).toHaveAttribute('aria-selected', 'true');
    const url = new URL(String(fetchMock.mock.calls.at(-1)?.[0]), 'http://x');
    expect(url.pathname).toBe('/api/v1/search');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ q: 'mo', type: 'users' });
    expect(box).toHaveAttribute('aria-activedescendant', screen.getAllByRole('option')[0]?.id);

    await user.keyboard('{ArrowDown}{Enter}');
    expect(box).toHaveValue('Tea with @monir ');
    await waitFor(() => expect(screen.queryByRole('listbox')).toBeNull());
  });

  it('lets Escape dismiss the suggestions and keeps the text as typed', async () => {
    const user = userEvent.setup();
    renderPage(<Composer />);
    const box = screen.getByRole('textbox', { name: 'Write a post' });
    await user.type(box, '@mo');
    await screen.findByRole('listbox');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(box).toHaveValue('@mo');
  });
});
