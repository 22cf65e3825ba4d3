import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '@/lib/query-client';
import type { Profile } from '@/lib/types';
import { jsonResponse, problem } from '@/test/utils';
import { profileKey, useToggleFollow } from './useProfile';

const profile: Profile = {
  id: 3,
  username: 'Heba',
  display_name: 'Heba',
  bio: '',
  avatar_url: null,
  followers_count: 10,
  following_count: 2,
  posts_count: 5,
  is_following: false,
  is_blocked: false,
  is_muted: false,
  created_at: '2026-01-01T00:00:00Z',
};

function setup() {
  const client = createQueryClient();
  client.setQueryData(profileKey(profile.username), profile);
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  return { wrapper, cached: () => client.getQueryData<Profile>(profileKey('heba')) };
}

describe('useToggleFollow', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('follows at once and keeps it when the API agrees', async () => {
    let answer: (r: Response) => void = () => {};
    fetchMock.mockImplementation(() => new Promise<Response>((resolve) => (answer = resolve)));
    const { wrapper, cached } = setup();
    const { result } = renderHook(() => useToggleFollow('Heba'), { wrapper });

    act(() => result.current.mutate(false));
    await waitFor(() => expect(cached()).toMatchObject({ is_following: true, followers_count: 11 }));
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect([url, init.method]).toEqual(['/api/v1/users/Heba/follow', 'POST']);

    answer(jsonResponse({ status: 204 }));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
  });

  it('puts the profile back when the API refuses', async () => {
    fetchMock.mockImplementation(async () => problem(422, 'cannot_follow_self'));
    const { wrapper, cached } = setup();
    const { result } = renderHook(() => useToggleFollow('Heba'), { wrapper });

    act(() => result.current.mutate(false));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(cached()).toMatchObject({ is_following: false, followers_count: 10 });
  });
});
