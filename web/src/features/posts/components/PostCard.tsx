import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RichText } from '@/components/RichText';
import { Avatar, Card, Handle } from '@/components/ui';
import { CommentIcon, HeartIcon } from '@/components/ui/icons';
import { cn } from '@/lib/cn';
import { formatCount, formatDateTime, formatRelative } from '@/lib/format';
import type { Post } from '@/lib/types';
import type { ReportTarget } from '../api/posts';
import { useToggleLike } from '../hooks/usePosts';
import { PostMenu } from './PostMenu';

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
  const like = useToggleLike();
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

      <RichText text={post.content} className="mt-3 text-[1.05rem] leading-relaxed" />
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
        <PostMenu post={post} onReport={onReport} />
      </footer>
    </Card>
  );
}
