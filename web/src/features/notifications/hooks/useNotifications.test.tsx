import { QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '@/lib/query-client';
import { useSession } from '@/lib/session';
import { mona } from '@/test/fixtures';
import { notificationKeys } from '../api/notifications';
import { useNotificationStream } from './useNotifications';

describe('useNotificationStream', () => {
  let push: (text: string) => void = () => {};
  beforeEach(() => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (text) => controller.enqueue(new TextEncoder().encode(text));
      },
    });
    vi.stubGlobal('fetch', vi.fn(async () => new Response(body, { headers: { 'Content-Type': 'text/event-stream' } })));
    useSession.getState().signIn('token', mona);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    useSession.getState().signOut();
  });

  it('puts each count from the stream in the cache, and refreshes the list only when it grows', async () => {
    const client = createQueryClient();
    client.setQueryData(notificationKeys.unread(), { count: 1 });
    client.setQueryData(notificationKeys.list(), { pages: [], pageParams: [] });
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
    const { unmount } = renderHook(() => useNotificationStream(), { wrapper });
    const list = () => client.getQueryState(notificationKeys.list())?.isInvalidated;

    await waitFor(() => expect(fetch).toHaveBeenCalled());
    push(': heartbeat\n\nevent: unread\nid: a\ndata: {"count": 0}\n\n');
    await waitFor(() => expect(client.getQueryData(notificationKeys.unread())).toEqual({ count: 0 }));
    expect(list()).toBe(false);

    push('event: unread\nid: b\ndata: {"count": 2}\n\n');
    await waitFor(() => expect(client.getQueryData(notificationKeys.unread())).toEqual({ count: 2 }));
    expect(list()).toBe(true);
    unmount();
  });
});
