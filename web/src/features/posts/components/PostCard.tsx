import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RichText } from '@/components/RichText';
import { Avatar, ConfirmDialog, Handle, RelativeTime } from '@/components/ui';
import { CommentIcon, HeartIcon } from '@/components/ui/icons';
import { cn } from '@/lib/cn';
import { formatCount } from '@/lib/format';
import type { Post } from '@/lib/types';
import type { ReportTarget } from '../api/posts';
import { useDeletePost, useToggleLike } from '../hooks/usePosts';
import { ContentMenu } from './ContentMenu';

export interface PostCardProps {
  post: Post;
  onReport: (target: ReportTarget) => void;
  /** On the post's own page the body is not a link. */
  standalone?: boolean;
}

const actionBase = 'inline-flex min-h-10 items-center gap-1.5 rounded-full px-3 text-sm transition-colors hover:bg-surface-2';
const actionClasses = cn(actionBase, 'text-muted hover:text-fg');

/** One post in a list (separated from the next by a divider) or on its own page. */
export function PostCard({ post, onReport, standalone }: PostCardProps) {
  const { t, i18n } = useTranslation();
  const like = useToggleLike();
  const remove = useDeletePost();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const hidden = post.moderation_status === 'hidden';
  const profilePath = `/u/${encodeURIComponent(post.author.username)}`;

  return (
    <article
      aria-labelledby={`post-${post.id}-author`}
      className={cn('flex gap-3 px-4 py-3', hidden && 'bg-surface-2/50')}
      data-testid="post"
    >
      <Link to={profilePath} tabIndex={-1} aria-hidden="true" className="shrink-0">
        <Avatar name={post.author.display_name} src={post.author.avatar_url} />
      </Link>
      <div className="min-w-0 flex-1">
        <header className="flex items-start gap-2">
          <div className="flex min-w-0 flex-1 flex-wrap items-baseline gap-x-1.5">
            <Link id={`post-${post.id}-author`} to={profilePath} className="truncate font-semibold hover:underline">
              {post.author.display_name}
            </Link>
            <Handle username={post.author.username} className="truncate text-sm text-muted" />
            <span aria-hidden="true" className="text-sm text-muted">
              ·
            </span>
            <Link to={`/posts/${post.id}`} className="text-sm text-muted hover:underline">
              <RelativeTime iso={post.created_at} />
            </Link>
            {hidden ? (
              <span className="rounded-full border border-warning px-2 py-0.5 text-xs font-semibold text-warning">
                {t('posts.hiddenBadge')}
              </span>
            ) : null}
          </div>
          <ContentMenu
            target={{ type: 'post', id: post.id }}
            author={post.author}
            onReport={onReport}
            onDelete={() => setConfirmDelete(true)}
          />
        </header>

        <RichText text={post.content} className={cn('leading-relaxed', standalone ? 'mt-2 text-lg' : 'text-[1.02rem]')} />
        {hidden ? <p className="mt-1 text-sm text-muted">{t('posts.hiddenHelp')}</p> : null}

        <footer className="-ms-3 mt-1 flex items-center gap-4">
          <button
            type="button"
            className={post.liked_by_me ? cn(actionBase, 'text-danger') : actionClasses}
            aria-pressed={post.liked_by_me}
            aria-label={t(post.liked_by_me ? 'posts.unlike' : 'posts.like', { count: post.like_count })}
            onClick={() => like.mutate({ post })}
          >
            <HeartIcon filled={post.liked_by_me} />
            <span aria-hidden="true">{formatCount(post.like_count, i18n.language)}</span>
          </button>
          {standalone ? (
            <span className={actionClasses}>
              <CommentIcon />
              <span aria-hidden="true">{formatCount(post.comment_count, i18n.language)}</span>
              <span className="sr-only">{t('posts.commentCount', { count: post.comment_count })}</span>
            </span>
          ) : (
            <Link
              to={`/posts/${post.id}`}
              className={actionClasses}
              aria-label={t('posts.comments', { count: post.comment_count })}
            >
              <CommentIcon />
              <span aria-hidden="true">{formatCount(post.comment_count, i18n.language)}</span>
            </Link>
          )}
        </footer>
      </div>

      <ConfirmDialog
        open={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title={t('posts.deleteTitle')}
        description={t('posts.deleteHelp')}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => remove.mutate(post, { onSuccess: () => setConfirmDelete(false) })}
      >
        <p dir="auto" className="line-clamp-3 text-sm text-muted">
          {post.content}
        </p>
      </ConfirmDialog>
    </article>
  );
}
