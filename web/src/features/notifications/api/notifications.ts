import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '@/lib/api';
import type { Id, Notification, Page } from '@/lib/types';

export const notificationKeys = {
  all: ['notifications'] as const,
  list: () => [...notificationKeys.all, 'list'] as const,
  unread: () => [...notificationKeys.all, 'unread'] as const,
};

export const notificationListOptions = () =>
  infiniteQueryOptions({
    queryKey: notificationKeys.list(),
    queryFn: ({ pageParam, signal }) =>
      api<Page<Notification>>('/notifications', { query: { limit: 30, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });

export const unreadCountOptions = () =>
  queryOptions({
    queryKey: notificationKeys.unread(),
    queryFn: ({ signal }) => api<{ count: number }>('/notifications/unread-count', { signal }),
    select: (data) => data.count,
  });

/** Marks everything read, or everything up to `upToId` (what the reader has actually seen). */
export const markRead = (upToId?: Id) =>
  api<void>('/notifications/read', { method: 'POST', body: upToId === undefined ? {} : { up_to_id: Number(upToId) } });

export const STREAM_PATH = '/notifications/stream';
