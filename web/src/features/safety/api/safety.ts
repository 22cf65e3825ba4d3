import { infiniteQueryOptions } from '@tanstack/react-query';
import { api } from '@/lib/api';
import type { Page, UserSummary } from '@/lib/types';

/** Blocking ends follows both ways and hides both accounts from each other; muting only quiets one. */
export type Relation = 'block' | 'mute';

export const safetyKeys = {
  all: ['safety'] as const,
  list: (relation: Relation) => [...safetyKeys.all, relation] as const,
};

const LIST_PATHS: Record<Relation, string> = { block: '/users/me/blocks', mute: '/users/me/mutes' };

export const relationListOptions = (relation: Relation) =>
  infiniteQueryOptions({
    queryKey: safetyKeys.list(relation),
    queryFn: ({ pageParam, signal }) =>
      api<Page<UserSummary>>(LIST_PATHS[relation], { query: { limit: 50, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });

export const setRelation = (relation: Relation, username: string, on: boolean) =>
  api<unknown>(`/users/${encodeURIComponent(username)}/${relation}`, { method: on ? 'POST' : 'DELETE' });
