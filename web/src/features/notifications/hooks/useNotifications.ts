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
 * Keeps the unread count live while signed in: each event of the stream carries the new count
 * (or asks for a refetch), and the list is refreshed when it next shows.
 */
export function useNotificationStream() {
  const client = useQueryClient();
  const signedIn = useSession((s) => s.status === 'signedIn');
  useEffect(() => {
    if (!signedIn) return;
    const controller = new AbortController();
    void openEventStream(STREAM_PATH, {
      signal: controller.signal,
      // Whatever happened while disconnected shows up in a fresh count.
      onOpen: () => void client.invalidateQueries({ queryKey: notificationKeys.unread() }),
      onEvent: (event) => {
        if (event.event === 'heartbeat' || event.event === 'ping') return;
        const count = countFrom(event.data);
        if (count === null) void client.invalidateQueries({ queryKey: notificationKeys.unread() });
        else client.setQueryData(notificationKeys.unread(), { count });
        void client.invalidateQueries({ queryKey: notificationKeys.list() });
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
