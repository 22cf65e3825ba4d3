import { QueryClientProvider, type InfiniteData } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '@/lib/query-client';
import type { Page, Post } from '@/lib/types';
import { jsonResponse, problem } from '@/test/utils';
import { postKey } from '../api/posts';
import { useToggleLike } from './usePosts';

const post: Post = {
  id: 7,
  author: { username: 'karim', display_name: 'Karim', avatar_url: null },
  content: 'Ful and taameya',
  created_at: '2026-11-01T08:00:00Z',
  like_count: 4,
  comment_count: 0,
  liked_by_me: false,
  moderation_status: 'visible',
};

function setup() {
  const client = createQueryClient();
  const timeline: InfiniteData<Page<Post>, string | null> = {
    pages: [{ items: [post], next_cursor: null }],
    pageParams: [null],
  };
  client.setQueryData(['timeline', 'home'], timeline);
  client.setQueryData(['timeline', 'public'], timeline);
  client.setQueryData(postKey(post.id), post);
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  const cached = () => ({
    home: client.getQueryData<typeof timeline>(['timeline', 'home'])?.pages[0]?.items[0],
    page: client.getQueryData<Post>(postKey(post.id)),
  });
  return { wrapper, cached };
}

describe('useToggleLike', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows the like at once in every cached copy of the post', async () => {
    let answer: (r: Response) => void = () => {};
    fetchMock.mockImplementation(() => new Promise<Response>((resolve) => (answer = resolve)));
    const { wrapper, cached } = setup();
    const { result } = renderHook(() => useToggleLike(), { wrapper });

    act(() => result.current.mutate({ post }));
    await waitFor(() => expect(cached().home).toMatchObject({ liked_by_me: true, like_count: 5 }));
    expect(cached().page).toMatchObject({ liked_by_me: true, like_count: 5 });
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/v1/posts/7/like');

    answer(jsonResponse({ status: 204 }));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(cached().home).toMatchObject({ liked_by_me: true, like_count: 5 });
  });

  it('rolls the like back when the API refuses it', async () => {
    fetchMock.mockImplementation(async () => problem(429, 'rate_limited', {}, { 'Retry-After': '30' }));
    const { wrapper, cached } = setup();
    const { result } = renderHook(() => useToggleLike(), { wrapper });

    act(() => result.current.mutate({ post }));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(cached().home).toMatchObject({ liked_by_me: false, like_count: 4 });
    expect(cached().page).toMatchObject({ liked_by_me: false, like_count: 4 });
  });
});
