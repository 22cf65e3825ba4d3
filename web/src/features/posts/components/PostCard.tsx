import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Avatar, Button, Card, Handle, Modal } from '@/components/ui';
import { CommentIcon, FlagIcon, HeartIcon, TrashIcon } from '@/components/ui/icons';
import { cn } from '@/lib/cn';
import { formatCount, formatDateTime, formatRelative } from '@/lib/format';
import { isStaff, useSession } from '@/lib/session';
import type { Post } from '@/lib/types';
import type { ReportTarget } from '../api/posts';
import { useDeletePost, useToggleLike } from '../hooks/usePosts';

export interface PostCardProps {
  post: Post;
  onReport: (target: ReportTarget) => void;
  /** On the post's own page the body is not a link. */
  standalone?: boolean;
}

const actionBase = 'inline-flex min-h-10 items-center gap-1.5 rounded-full px-3 text-sm transition-colors hover:bg-surface-2';
const actionClasses = cn(actionBase, 'text-muted hover:text-fg');

export function PostCard({ post, onReport, standalone }: PostCardProps) {
  const { t, i18n } = useTranslation();
  const me = useSession((s) => s.user);
  const like = useToggleLike();
  const remove = useDeletePost();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const mine = me?.username === post.author.username;
  const canDelete = mine || isStaff(me);
  const hidden = post.moderation_status === 'hidden';
  const profilePath = `/u/${encodeURIComponent(post.author.username)}`;

  return (
    <Card as="article" aria-labelledby={`post-${post.id}-author`} className={cn(hidden && 'border-dashed opacity-90')}>
      <header className="flex items-start gap-3">
        <Link to={profilePath} tabIndex={-1} aria-hidden="true">
          <Avatar name={post.author.display_name} src={post.author.avatar_url} />
        </Link>
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-baseline gap-x-2">
            <Link
              id={`post-${post.id}-author`}
              to={profilePath}
              className="truncate font-semibold hover:underline"
            >
              {post.author.display_name}
            </Link>
            <Handle username={post.author.username} className="truncate text-sm text-muted" />
          </div>
          <Link
            to={`/posts/${post.id}`}
            className="text-sm text-muted hover:underline"
            title={formatDateTime(post.created_at, i18n.language)}
          >
            <time dateTime={post.created_at}>{formatRelative(post.created_at, i18n.language)}</time>
          </Link>
        </div>
        {hidden ? (
          <span className="rounded-full border border-warning px-2.5 py-0.5 text-xs font-semibold text-warning">
            {t('posts.hiddenBadge')}
          </span>
        ) : null}
      </header>

      <p dir="auto" className="mt-3 whitespace-pre-wrap break-words text-[1.05rem] leading-relaxed">
        {post.content}
      </p>
      {hidden ? <p className="mt-2 text-sm text-muted">{t('posts.hiddenHelp')}</p> : null}

      <footer className="-ms-3 mt-3 flex flex-wrap items-center gap-1">
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
          <span className={actionClasses} aria-label={t('posts.commentCount', { count: post.comment_count })}>
            <CommentIcon />
            <span aria-hidden="true">{formatCount(post.comment_count, i18n.language)}</span>
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
        <span className="flex-1" />
        {!mine ? (
          <button type="button" className={actionClasses} onClick={() => onReport({ type: 'post', id: post.id })}>
            <FlagIcon className="size-4" />
            <span>{t('posts.report')}</span>
          </button>
        ) : null}
        {canDelete ? (
          <button type="button" className={actionClasses} onClick={() => setConfirmDelete(true)}>
            <TrashIcon className="size-4" />
            <span>{t('common.delete')}</span>
          </button>
        ) : null}
      </footer>

      <Modal
        open={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title={t('posts.deleteTitle')}
        description={t('posts.deleteHelp')}
        size="sm"
        footer={
          <>
            <Button variant="ghost" onClick={() => setConfirmDelete(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              variant="danger"
              loading={remove.isPending}
              onClick={() => remove.mutate(post, { onSuccess: () => setConfirmDelete(false) })}
            >
              {t('common.delete')}
            </Button>
          </>
        }
      >
        <p dir="auto" className="line-clamp-3 text-sm text-muted">
          {post.content}
        </p>
      </Modal>
    </Card>
  );
}
