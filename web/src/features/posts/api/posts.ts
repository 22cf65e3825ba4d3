import { api } from '@/lib/api';
import { takeBootFeed } from '@/lib/boot';
import type { Comment, Id, Page, Post, ReportReason } from '@/lib/types';

export const PAGE_SIZE = 20;

export interface ReportTarget {
  type: 'post' | 'comment';
  id: Id;
}

export const postKey = (id: Id) => ['post', String(id)] as const;
export const commentsKey = (postId: Id) => ['comments', String(postId)] as const;

export type TimelineKind =
  | { kind: 'home' }
  | { kind: 'public' }
  | { kind: 'user'; username: string }
  | { kind: 'tag'; tag: string }
  | { kind: 'search'; q: string };

export function timelineKey(timeline: TimelineKind) {
  switch (timeline.kind) {
    case 'user':
      return ['timeline', 'user', timeline.username] as const;
    case 'tag':
      return ['timeline', 'tag', timeline.tag] as const;
    case 'search':
      return ['timeline', 'search', timeline.q] as const;
    default:
      return ['timeline', timeline.kind] as const;
  }
}

export async function fetchTimeline(timeline: TimelineKind, cursor: string | null, signal?: AbortSignal) {
  const query = { limit: PAGE_SIZE, cursor };
  switch (timeline.kind) {
    case 'home': {
      if (cursor === null) {
        // On a page load of the home page boot.js has already asked for this page.
        const early = await takeBootFeed();
        if (early) return early;
      }
      return api<Page<Post>>('/feed', { query, signal });
    }
    case 'public':
      return api<Page<Post>>('/posts', { query, signal });
    case 'user':
      return api<Page<Post>>(`/users/${encodeURIComponent(timeline.username)}/posts`, { query, signal });
    case 'tag':
      return api<Page<Post>>(`/tags/${encodeURIComponent(timeline.tag)}/posts`, { query, signal });
    case 'search':
      return api<Page<Post>>('/search', { query: { ...query, q: timeline.q, type: 'posts' }, signal });
  }
}

export const fetchPost = (id: Id) => api<Post>(`/posts/${encodeURIComponent(id)}`);
export const createPost = (content: string) => api<Post>('/posts', { method: 'POST', body: { content } });
export const deletePost = (id: Id) => api<void>(`/posts/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const likePost = (id: Id) => api<unknown>(`/posts/${encodeURIComponent(id)}/like`, { method: 'POST' });
export const unlikePost = (id: Id) => api<unknown>(`/posts/${encodeURIComponent(id)}/like`, { method: 'DELETE' });

export const fetchComments = (postId: Id, cursor: string | null) =>
  api<Page<Comment>>(`/posts/${encodeURIComponent(postId)}/comments`, { query: { limit: 50, cursor } });
export const createComment = (postId: Id, content: string) =>
  api<Comment>(`/posts/${encodeURIComponent(postId)}/comments`, { method: 'POST', body: { content } });
export const deleteComment = (id: Id) => api<void>(`/comments/${encodeURIComponent(id)}`, { method: 'DELETE' });

export interface ReportBody {
  reason: ReportReason;
  details?: string;
}

export const reportItem = (target: ReportTarget, body: ReportBody) =>
  api<unknown>(`/${target.type === 'post' ? 'posts' : 'comments'}/${encodeURIComponent(target.id)}/report`, {
    method: 'POST',
    body,
  });
