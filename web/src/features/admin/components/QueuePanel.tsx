import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, EmptyState, Handle, Skeleton, Tabs, toast } from '@/components/ui';
import { cn } from '@/lib/cn';
import { errorMessage } from '@/lib/errors';
import { formatRelative } from '@/lib/format';
import type { QueueEntry, QueueStatus } from '@/lib/types';
import { decide, fetchQueue } from '../api/admin';

const SEVERITY = {
  high: 'border-danger text-danger',
  medium: 'border-warning text-warning',
  low: 'border-border text-muted',
} as const;

function reasonsOf(entry: QueueEntry): [string, number][] {
  return Object.entries(entry.reports.reasons).map(([reason, count]) => [reason, Number(count)]);
}

function QueueCard({ entry, pending }: { entry: QueueEntry; pending: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: (decision: 'approve' | 'remove') => decide(entry.id, decision),
    onSuccess: (_, decision) => {
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
  const rules = entry.matched_rules.map((r) => r.pattern);

  return (
    <li className="rounded-2xl border border-border bg-surface p-4">
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <span className="rounded-full bg-surface-2 px-2 py-0.5 font-semibold">{t(`admin.queue.types.${type}`, { defaultValue: type })}</span>
        <span className={cn('rounded-full border px-2 py-0.5 font-semibold', SEVERITY[severity] ?? SEVERITY.low)}>
          {t(`admin.severity.${severity}`, { defaultValue: severity })}
        </span>
        <span className="text-muted">
          {t(entry.source === 'auto' ? 'admin.queue.sourceAuto' : 'admin.queue.sourceReport')} ·{' '}
          {formatRelative(entry.created_at, i18n.language)}
        </span>
      </div>
      {author ? (
        <p className="mt-2 text-sm text-muted">
          <Handle username={author} />
        </p>
      ) : null}
      <blockquote dir="auto" className="mt-2 whitespace-pre-wrap break-words border-s-4 border-border ps-3">
        {text || <span className="text-muted italic">{t('admin.queue.noText')}</span>}
      </blockquote>
      {rules.length > 0 ? (
        <p className="mt-2 text-sm">
          <span className="text-muted">{t('admin.queue.rules')}: </span>
          <span dir="auto">{rules.join('، ')}</span>
        </p>
      ) : null}
      {reportCount > 0 ? (
        <p className="mt-1 text-sm">
          <span className="text-muted">{t('admin.queue.reports', { count: reportCount })}: </span>
          {reasonsOf(entry)
            .map(([reason, n]) => `${t(`report.reasons.${reason}.label`, { defaultValue: reason })} × ${n}`)
            .join(' · ')}
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
            onClick={() => mutation.mutate('remove')}
            loading={mutation.isPending && mutation.variables === 'remove'}
            disabled={mutation.isPending}
          >
            {t('admin.queue.remove')}
          </Button>
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
