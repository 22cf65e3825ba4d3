import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Avatar, Button, EmptyState, Skeleton } from '@/components/ui';
import { CommentIcon, FlagIcon, HeartIcon, UserIcon } from '@/components/ui/icons';
import { cn } from '@/lib/cn';
import { errorMessage } from '@/lib/errors';
import { formatDateTime, formatRelative } from '@/lib/format';
import { useDocumentTitle } from '@/lib/useDocumentTitle';
import { notificationListOptions } from '../api/notifications';
import { groupNotifications, type NotificationGroup } from '../group';
import { useMarkRead } from '../hooks/useNotifications';

const ICONS = {
  follow: <UserIcon className="size-4" />,
  like: <HeartIcon filled className="size-4" />,
  comment: <CommentIcon className="size-4" />,
  mention: <span className="text-sm font-bold leading-none">@</span>,
  report_resolved: <FlagIcon className="size-4" />,
} as const;

/**
 * The sentence follows the page's direction; the actor's name inside it is isolated (<bdi>) so a
 * Latin name does not turn an Arabic sentence around, nor an Arabic name an English one.
 */
function GroupText({ group }: { group: NotificationGroup }) {
  const { t } = useTranslation();
  if (group.kind === 'report_resolved') return t(`notifications.kinds.report_resolved.${group.latest.outcome ?? 'single'}`);
  const actor = group.actors[0]?.display_name ?? t('notifications.someone');
  const others = group.actors.length - 1;
  return (
    <Trans
      i18nKey={`notifications.kinds.${group.kind}.${others > 0 ? 'many' : 'single'}`}
      values={{ actor, count: others }}
      components={{ name: <bdi /> }}
    />
  );
}

function groupTarget(group: NotificationGroup): string | null {
  if (group.post_id !== null) return `/posts/${group.post_id}`;
  const actor = group.actors[0];
  return group.kind === 'follow' && actor ? `/u/${encodeURIComponent(actor.username)}` : null;
}

function NotificationRow({ group }: { group: NotificationGroup }) {
  const { t, i18n } = useTranslation();
  const target = groupTarget(group);
  const body = (
    <>
      <span
        className={cn(
          'mt-1 inline-flex size-8 shrink-0 items-center justify-center rounded-full',
          group.kind === 'like' ? 'bg-danger/15 text-danger' : 'bg-primary/15 text-primary',
        )}
      >
        {ICONS[group.kind]}
      </span>
      <div className="min-w-0 flex-1">
        <div className="flex -space-x-2" aria-hidden="true">
          {group.actors.slice(0, 5).map((a) => (
            <Avatar key={a.username} name={a.display_name} src={a.avatar_url} size="sm" className="ring-2 ring-surface" />
          ))}
        </div>
        <p className="mt-1.5">
          <GroupText group={group} />
        </p>
        <time
          dateTime={group.latest.created_at}
          title={formatDateTime(group.latest.created_at, i18n.language)}
          className="text-sm text-muted"
        >
          {formatRelative(group.latest.created_at, i18n.language)}
        </time>
      </div>
      {group.read ? null : (
        <span className="mt-2 size-2.5 shrink-0 rounded-full bg-primary">
          <span className="sr-only">{t('notifications.unread')}</span>
        </span>
      )}
    </>
  );
  const classes = cn('flex gap-3 px-4 py-3', !group.read && 'bg-primary/5');
  return (
    <li>
      {target ? (
        <Link to={target} className={cn(classes, 'hover:bg-surface-2')}>
          {body}
        </Link>
      ) : (
        <div className={classes}>{body}</div>
      )}
    </li>
  );
}

export default function NotificationsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notifications.title'));
  const query = useInfiniteQuery(notificationListOptions());
  const markRead = useMarkRead();
  const items = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const groups = useMemo(() => groupNotifications(items), [items]);
  const newestUnread = items.find((n) => !n.read)?.id;
  const { mutate } = markRead;

  // Opening the page is reading it: everything shown is marked read (up to the newest shown, so a
  // notification that arrives meanwhile stays unread). The rows keep their highlight until the
  // next visit, so the reader can still tell what is new.
  useEffect(() => {
    if (newestUnread !== undefined) mutate(items[0]?.id);
  }, [newestUnread, items, mutate]);

  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('notifications.title')}</h1>
      {query.isPending ? (
        <div className="flex flex-col gap-2" aria-busy="true" aria-label={t('common.loading')}>
          <Skeleton className="h-20" />
          <Skeleton className="h-20" />
          <Skeleton className="h-20" />
        </div>
      ) : query.isError ? (
        <Alert tone="error" title={t('notifications.loadFailed')}>
          <p>{errorMessage(query.error, t)}</p>
          <Button className="mt-3" size="sm" variant="secondary" onClick={() => void query.refetch()}>
            {t('common.retry')}
          </Button>
        </Alert>
      ) : groups.length === 0 ? (
        <EmptyState title={t('notifications.emptyTitle')} description={t('notifications.emptyHelp')} />
      ) : (
        <section aria-label={t('notifications.title')} className="overflow-hidden rounded-2xl border border-border bg-surface">
          <ul className="divide-y divide-border">
            {groups.map((group) => (
              <NotificationRow key={group.key} group={group} />
            ))}
          </ul>
        </section>
      )}
      {query.hasNextPage ? (
        <Button variant="secondary" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {t('posts.loadMore')}
        </Button>
      ) : null}
    </div>
  );
}
