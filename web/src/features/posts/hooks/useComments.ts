import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toast } from '@/components/ui';
import { errorMessage } from '@/lib/errors';
import type { Comment, Id, Page } from '@/lib/types';
import { commentsKey, createComment, deleteComment, fetchComments } from '../api/posts';
import { updatePostEverywhere } from './usePosts';

type Comments = InfiniteData<Page<Comment>, string | null>;

export function useComments(postId: Id) {
  return useInfiniteQuery({
    queryKey: commentsKey(postId),
    queryFn: ({ pageParam }) => fetchComments(postId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}

export function useCreateComment(postId: Id) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (content: string) => createComment(postId, content),
    onSuccess: (comment) => {
      client.setQueryData<Comments>(commentsKey(postId), (data) => {
        if (!data) return data;
        const pages = [...data.pages];
        const last = pages[pages.length - 1];
        if (last && last.next_cursor === null) pages[pages.length - 1] = { ...last, items: [...last.items, comment] };
        return { ...data, pages };
      });
      if (comment.moderation_status !== 'hidden') {
        updatePostEverywhere(client, postId, (p) => ({ ...p, comment_count: p.comment_count + 1 }));
      }
    },
  });
}

export function useDeleteComment(postId: Id) {
  const client = useQueryClient();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: (comment: Comment) => deleteComment(comment.id),
    onSuccess: (_, comment) => {
      client.setQueryData<Comments>(commentsKey(postId), (data) =>
        data
          ? { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.filter((c) => c.id !== comment.id) })) }
          : data,
      );
      updatePostEverywhere(client, postId, (p) => ({ ...p, comment_count: Math.max(0, p.comment_count - 1) }));
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
}
