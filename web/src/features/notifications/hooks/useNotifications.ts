import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { openEventStream } from '@/lib/event-stream';
import { useSession } from '@/lib/session';
import type { Id } from '@/lib/types';
import { markRead, notificationKeys, STREAM_PATH } from '../api/notifications';

function countFrom(data: string): number | null {
  try {
    const parsed: unknown = JSON.parse(data);
    if (typeof parsed === 'number') return parsed;
    if (typeof parsed === 'object' && parsed !== null && 'count' in parsed && typeof parsed.count === 'number') {
      return parsed.count;
    }
  } catch {
    // A heartbeat or an event without a count: refetch instead.
  }
  return null;
}

/**
 * Keeps the unread count live while signed in: each `unread` event of the stream carries the new
 * count (anything else asks for a refetch). The server sends the count on every (re)connection,
 * so nothing missed while disconnected stays missed; heartbeats are comments and never reach here.
 */
export function useNotificationStream() {
  const client = useQueryClient();
  const signedIn = useSession((s) => s.status === 'signedIn');
  useEffect(() => {
    if (!signedIn) return;
    const controller = new AbortController();
    void openEventStream(STREAM_PATH, {
      signal: controller.signal,
      onEvent: (event) => {
        const count = countFrom(event.data);
        const before = client.getQueryData<{ count: number }>(notificationKeys.unread())?.count ?? 0;
        if (count === null) void client.invalidateQueries({ queryKey: notificationKeys.unread() });
        else client.setQueryData(notificationKeys.unread(), { count });
        // Only something new changes the list; a count that fell (read elsewhere, or here) leaves
        // the rows the reader is looking at as they are.
        if (count === null || count > before) void client.invalidateQueries({ queryKey: notificationKeys.list() });
      },
    });
    return () => controller.abort();
  }, [client, signedIn]);
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (upToId?: Id) => markRead(upToId),
    // The list is not refetched: its rows keep their "new" highlight while the reader is there.
    onSuccess: () => void client.invalidateQueries({ queryKey: notificationKeys.unread() }),
  });
}
