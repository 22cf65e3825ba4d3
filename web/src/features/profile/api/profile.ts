import { api } from '@/lib/api';
import type { Locale, Me, Page, Profile, UserSummary } from '@/lib/types';

const userPath = (username: string) => `/users/${encodeURIComponent(username)}`;

export const fetchProfile = (username: string) => api<Profile>(userPath(username));
export const follow = (username: string) => api<unknown>(`${userPath(username)}/follow`, { method: 'POST' });
export const unfollow = (username: string) => api<unknown>(`${userPath(username)}/follow`, { method: 'DELETE' });

export type Connection = 'followers' | 'following';

export const fetchConnections = (username: string, kind: Connection, cursor: string | null) =>
  api<Page<UserSummary>>(`${userPath(username)}/${kind}`, { query: { limit: 30, cursor } });

export interface MeUpdate {
  display_name?: string;
  bio?: string;
  locale?: Locale;
}

export const updateMe = (body: MeUpdate) => api<Me>('/users/me', { method: 'PATCH', body });

/** "Who to follow": accounts followed by those the user follows, then the most followed. */
export const fetchSuggestions = () => api<Page<UserSummary>>('/users/me/suggestions', { query: { limit: 5 } });
