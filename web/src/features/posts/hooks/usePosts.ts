import {
  useInfiniteQuery,
  useMutation,
  useQueryClient,
  type InfiniteData,
  type QueryClient,
} from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toast } from '@/components/ui';
import { errorMessage } from '@/lib/errors';
import type { Id, Page, Post } from '@/lib/types';
import {
  createPost,
  deletePost,
  fetchTimeline,
  likePost,
  postKey,
  timelineKey,
  unlikePost,
  type TimelineKind,
} from '../api/posts';

export function useTimeline(timeline: TimelineKind) {
  return useInfiniteQuery({
    queryKey: timelineKey(timeline),
    queryFn: ({ pageParam, signal }) => fetchTimeline(timeline, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}

type Timeline = InfiniteData<Page<Post>, string | null>;

/** Applies `update` to one post wherever it is cached: every timeline and its own page. */
export function updatePostEverywhere(client: QueryClient, id: Id, update: (post: Post) => Post | null) {
  client.setQueriesData<Timeline>({ queryKey: ['timeline'] }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            items: page.items.flatMap((p) => {
              if (String(p.id) !== String(id)) return [p];
              const next = update(p);
              return next ? [next] : [];
            }),
          })),
        }
      : data,
  );
  client.setQueryData<Post>(postKey(id), (post) => (post ? (update(post) ?? post) : post));
}

/** Like and unlike, applied at once and rolled back if the API refuses. */
export function useToggleLike() {
  const client = useQueryClient();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: ({ post }: { post: Post }) => (post.liked_by_me ? unlikePost(post.id) : likePost(post.id)),
    onMutate: async ({ post }) => {
      await client.cancelQueries({ queryKey: ['timeline'] });
      await client.cancelQueries({ queryKey: postKey(post.id) });
      const liked = !post.liked_by_me;
      updatePostEverywhere(client, post.id, (p) => ({
        ...p,
        liked_by_me: liked,
        like_count: Math.max(0, p.like_count + (liked ? 1 : -1)),
      }));
      return { liked };
    },
    onError: (error, { post }) => {
      updatePostEverywhere(client, post.id, (p) => ({ ...p, liked_by_me: post.liked_by_me, like_count: post.like_count }));
      toast.error(errorMessage(error, t));
    },
  });
}

export function useCreatePost() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (content: string) => createPost(content),
    onSuccess: (post) => {
      for (const key of [['timeline', 'home'], ['timeline', 'user', post.author.username]]) {
        client.setQueryData<Timeline>(key, (data) =>
          data && data.pages[0]
            ? { ...data, pages: [{ ...data.pages[0], items: [post, ...data.pages[0].items] }, ...data.pages.slice(1)] }
            : data,
        );
      }
      void client.invalidateQueries({ queryKey: ['timeline', 'public'] });
      void client.invalidateQueries({ queryKey: ['profile', post.author.username.toLowerCase()] });
    },
  });
}

export function useDeletePost() {
  const client = useQueryClient();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: (post: Post) => deletePost(post.id),
    onSuccess: (_, post) => {
      updatePostEverywhere(client, post.id, () => null);
      client.removeQueries({ queryKey: postKey(post.id) });
      void client.invalidateQueries({ queryKey: ['profile', post.author.username.toLowerCase()] });
      toast.success(t('posts.deleted'));
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
}
