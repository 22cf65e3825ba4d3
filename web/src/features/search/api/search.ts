import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '@/lib/api';
import type { Page, Tag, TrendingTag, UserSummary } from '@/lib/types';

/** What GET /search finds; posts are listed through the posts feature's timeline (kind `search`). */
export type SearchType = 'users' | 'posts' | 'tags';
export const SEARCH_TYPES = ['users', 'posts', 'tags'] as const satisfies readonly SearchType[];

export const searchKeys = {
  all: ['search'] as const,
  results: (type: Exclude<SearchType, 'posts'>, q: string) => [...searchKeys.all, type, q] as const,
  mentions: (prefix: string) => [...searchKeys.all, 'mentions', prefix.toLowerCase()] as const,
  trending: () => [...searchKeys.all, 'trending'] as const,
};

const search = <T>(type: SearchType, q: string, cursor: string | null, limit: number, signal?: AbortSignal) =>
  api<Page<T>>('/search', { query: { q, type, cursor, limit }, signal });

export const userSearchOptions = (q: string) =>
  infiniteQueryOptions({
    queryKey: searchKeys.results('users', q),
    queryFn: ({ pageParam, signal }) => search<UserSummary>('users', q, pageParam, 20, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    enabled: q.trim() !== '',
  });

export const tagSearchOptions = (q: string) =>
  infiniteQueryOptions({
    queryKey: searchKeys.results('tags', q),
    queryFn: ({ pageParam, signal }) => search<Tag>('tags', q, pageParam, 20, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    enabled: q.trim() !== '',
  });

/** The first few accounts whose username or display name starts with `prefix`, for @-autocomplete. */
export const mentionSuggestionOptions = (prefix: string) =>
  queryOptions({
    queryKey: searchKeys.mentions(prefix),
    queryFn: ({ signal }) => search<UserSummary>('users', prefix, null, 6, signal).then((page) => page.items),
    enabled: prefix !== '',
    staleTime: 30_000,
  });

export const trendingOptions = () =>
  queryOptions({
    queryKey: searchKeys.trending(),
    queryFn: ({ signal }) => api<{ items: TrendingTag[] }>('/tags/trending', { signal }).then((body) => body.items),
    staleTime: 60_000,
  });
