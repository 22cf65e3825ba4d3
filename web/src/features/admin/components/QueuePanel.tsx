import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Button, ConfirmDialog, EmptyState, Handle, RelativeTime, Skeleton, Tabs, toast } from '@/components/ui';
import { cn } from '@/lib/cn';
import { errorMessage } from '@/lib/errors';
import { formatList } from '@/lib/format';
import type { QueueEntry, QueueStatus } from '@/lib/types';
import { decide, fetchQueue } from '../api/admin';

const SEVERITY = {
  high: 'border-danger text-danger',
  medium: 'border-warning text-warning',
  low: 'border-border text-muted',
} as const;

/**
 * How a matched rule reads to a moderator: what it looks for in words ("the word «…»"); a
 * regular expression is named by its rule, not printed (the Rules tab shows it in full).
 */
function ruleName(rule: QueueEntry['matched_rules'][number], t: TFunction): string {
  if (rule.match === 'regex') return t('admin.queue.regexRule', { id: rule.id });
  return t(`admin.queue.${rule.match === 'phrase' ? 'phraseRule' : 'wordRule'}`, { pattern: rule.pattern });
}

function reasonsOf(entry: QueueEntry): [string, number][] {
  return Object.entries(entry.reports.reasons).map(([reason, count]) => [reason, Number(count)]);
}

/** Whether people can see the item right now: what "approve" and "remove" would change. */
function visibilityOf(item: QueueEntry['item']): 'visible' | 'hidden' | 'deleted' | 'authorDisabled' {
  if (!item || item.deleted) return 'deleted';
  if (item.author?.disabled) return 'authorDisabled';
  return item.moderation_status === 'hidden' || item.moderation_status === 'removed' ? 'hidden' : 'visible';
}

function QueueCard({ entry, pending }: { entry: QueueEntry; pending: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [confirmRemove, setConfirmRemove] = useState(false);
  const mutation = useMutation({
    mutationFn: (decision: 'approve' | 'remove') => decide(entry.id, decision),
    onSuccess: (_, decision) => {
      setConfirmRemove(false);
      toast.success(t(decision === 'approve' ? 'admin.queue.approved' : 'admin.queue.removed'));
      void client.invalidateQueries({ queryKey: ['admin'] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const item = entry.item;
  const type = entry.item_type;
  const text = item?.content ?? item?.bio ?? item?.display_name ?? '';
  const severity = (entry.severity ?? 'low') as keyof typeof SEVERITY;
  const reportCount = entry.reports.count;
  const author = item?.author?.username ?? item?.username;
  const visibility = visibilityOf(item);

  return (
    <li className="rounded-2xl border border-border bg-surface p-4">
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <span className="rounded-full bg-surface-2 px-2 py-0.5 font-semibold">{t(`admin.queue.types.${type}`, { defaultValue: type })}</span>
        <span className={cn('rounded-full border px-2 py-0.5 font-semibold', SEVERITY[severity] ?? SEVERITY.low)}>
          {t(`admin.severity.${severity}`, { defaultValue: severity })}
        </span>
        <span
          className={cn(
            'rounded-full px-2 py-0.5 font-semibold',
            visibility === 'visible' ? 'bg-surface-2 text-fg' : 'bg-warning/15 text-warning',
          )}
        >
          {t(`admin.queue.visibility.${visibility}`)}
        </span>
        <span className="text-muted">
          {t(entry.source === 'auto' ? 'admin.queue.sourceAuto' : 'admin.queue.sourceReport')} ·{' '}
          <RelativeTime iso={entry.created_at} />
        </span>
      </div>
      {author ? (
        <p className="mt-2 text-sm">
          <Link to={`/u/${encodeURIComponent(author)}`} className="text-primary hover:underline">
            <Handle username={author} />
          </Link>
          {item?.post_id && type === 'comment' ? (
            <>
              {' · '}
              <Link to={`/posts/${item.post_id}`} className="text-primary hover:underline">
                {t('admin.queue.openPost')}
              </Link>
            </>
          ) : type === 'post' && item ? (
            <>
              {' · '}
              <Link to={`/posts/${item.id}`} className="text-primary hover:underline">
                {t('admin.queue.openPost')}
              </Link>
            </>
          ) : null}
        </p>
      ) : null}
      <blockquote dir="auto" className="mt-2 whitespace-pre-wrap break-words [overflow-wrap:anywhere] border-s-4 border-border ps-3">
        {text || <span className="text-muted italic">{t('admin.queue.noText')}</span>}
      </blockquote>
      {entry.matched_rules.length > 0 ? (
        <div className="mt-2 text-sm">
          <span className="text-muted">{t('admin.queue.rules')}: </span>
          <span className="[overflow-wrap:anywhere]">
            {formatList(entry.matched_rules.map((rule) => ruleName(rule, t)), i18n.language)}
          </span>
        </div>
      ) : null}
      {reportCount > 0 ? (
        <p className="mt-1 text-sm">
          <span className="text-muted">{t('admin.queue.reports', { count: reportCount })}: </span>
          {reasonsOf(entry)
            .map(([reason, n]) => `${t(`report.reasons.${reason}.label`, { defaultValue: reason })} × ${n}`)
            .join(i18n.language === 'ar' ? '، ' : ', ')}
        </p>
      ) : null}
      {pending ? (
        <div className="mt-3 flex gap-2">
          <Button
            size="sm"
            variant="secondary"
            onClick={() => mutation.mutate('approve')}
            loading={mutation.isPending && mutation.variables === 'approve'}
            disabled={mutation.isPending}
          >
            {t('admin.queue.approve')}
          </Button>
          <Button
            size="sm"
            variant="danger"
            onClick={() => setConfirmRemove(true)}
            disabled={mutation.isPending}
          >
            {t('admin.queue.remove')}
          </Button>
          <ConfirmDialog
            open={confirmRemove}
            onClose={() => setConfirmRemove(false)}
            title={t('admin.queue.removeTitle')}
            description={t('admin.queue.removeHelp')}
            confirmLabel={t('admin.queue.removeConfirm')}
            loading={mutation.isPending && mutation.variables === 'remove'}
            onConfirm={() => mutation.mutate('remove')}
          >
            {text ? (
              <p dir="auto" className="line-clamp-3 text-sm text-muted [overflow-wrap:anywhere]">
                {text}
              </p>
            ) : null}
          </ConfirmDialog>
        </div>
      ) : entry.decision ? (
        <p className="mt-3 text-sm font-semibold text-muted">{t(`admin.queue.status.${entry.decision}`, { defaultValue: entry.decision })}</p>
      ) : null}
    </li>
  );
}

function QueueList({ status }: { status: QueueStatus }) {
  const { t } = useTranslation();
  const query = useInfiniteQuery({
    queryKey: ['admin', 'queue', status],
    queryFn: ({ pageParam }) => fetchQueue(status, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
  if (query.isPending) {
    return (
      <div className="space-y-3" aria-busy="true">
        <Skeleton className="h-32" />
        <Skeleton className="h-32" />
      </div>
    );
  }
  if (query.isError) return <Alert tone="error">{errorMessage(query.error, t)}</Alert>;
  const entries = query.data.pages.flatMap((p) => p.items);
  if (entries.length === 0) {
    return <EmptyState title={t(status === 'pending' ? 'admin.queue.emptyPending' : 'admin.queue.emptyResolved')} />;
  }
  return (
    <div className="flex flex-col gap-3">
      <ul className="flex flex-col gap-3">
        {entries.map((entry) => (
          <QueueCard key={entry.id} entry={entry} pending={status === 'pending'} />
        ))}
      </ul>
      {query.hasNextPage ? (
        <Button variant="secondary" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {t('common.showMore')}
        </Button>
      ) : null}
    </div>
  );
}

export function QueuePanel() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<QueueStatus>('pending');
  return (
    <Tabs<QueueStatus>
      label={t('admin.queue.title')}
      active={status}
      onChange={setStatus}
      items={[
        { key: 'pending', label: t('admin.queue.pending') },
        { key: 'resolved', label: t('admin.queue.resolved') },
      ]}
    >
      <QueueList status={status} />
    </Tabs>
  );
}
