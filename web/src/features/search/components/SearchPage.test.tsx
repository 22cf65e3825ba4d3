import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderPage } from '@/test/utils';
import SearchPage from './SearchPage';

function answer(url: string): Response {
  const { pathname, searchParams } = new URL(url, 'http://x');
  if (pathname === '/api/v1/tags/trending') {
    return jsonResponse({ body: { items: [{ name: 'القاهره', display: 'القاهرة', post_count: 12 }] } });
  }
  const type = searchParams.get('type');
  const items =
    type === 'users'
      ? [{ username: 'mona', display_name: 'Mona Saleh', avatar_url: null, bio: '' }]
      : type === 'tags'
        ? [{ name: 'مصر', display: 'مِصْر' }]
        : [];
  return jsonResponse({ body: { items, next_cursor: null } });
}

describe('SearchPage', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    fetchMock = vi.fn(async (url: string) => answer(url));
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows trending tags before anything is typed', async () => {
    renderPage(<SearchPage />, { path: '/search' });
    const tag = await screen.findByRole('link', { name: /#القاهرة/ });
    expect(tag).toHaveAttribute('href', `/tags/${encodeURIComponent('القاهره')}`);
    expect(tag).toHaveTextContent('12 posts');
  });

  it('searches people from the address, and the tabs switch what is searched', async () => {
    const user = userEvent.setup();
    renderPage(<SearchPage />, { path: '/search', at: '/search?q=mo&type=users' });
    expect(await screen.findByRole('link', { name: /Mona Saleh/ })).toHaveAttribute('href', '/u/mona');
    expect(screen.getByRole('searchbox', { name: 'Search Daira' })).toHaveValue('mo');

    await user.click(screen.getByRole('tab', { name: 'Tags' }));
    expect(await screen.findByRole('link', { name: '#مِصْر' })).toHaveAttribute('href', `/tags/${encodeURIComponent('مصر')}`);
    const last = new URL(String(fetchMock.mock.calls.at(-1)?.[0]), 'http://x');
    expect(Object.fromEntries(last.searchParams)).toMatchObject({ q: 'mo', type: 'tags' });
  });

  it('says when nothing matches, and refuses an overlong query', async () => {
    const user = userEvent.setup();
    renderPage(<SearchPage />, { path: '/search', at: '/search?q=zzz&type=posts' });
    expect(await screen.findByText('No posts match “zzz”')).toBeInTheDocument();

    const box = screen.getByRole('searchbox', { name: 'Search Daira' });
    await user.clear(box);
    await user.click(box);
    await user.paste('x'.repeat(201));
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByText('Keep it under 200 characters.')).toBeInTheDocument();
  });
});
