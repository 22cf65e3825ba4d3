import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, EmptyState, Input, Skeleton } from '@/components/ui';
import { errorMessage } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import type { AuditEntry } from '@/lib/types';
import { fetchAudit, verifyAudit } from '../api/admin';

const targetName = (entry: AuditEntry) => [entry.target_type, entry.target_id].filter(Boolean).join(' ') || '—';

export function AuditPanel() {
  const { t, i18n } = useTranslation();
  const [actor, setActor] = useState('');
  const [action, setAction] = useState('');
  const filter = useDeferredValue({ actor: actor.trim(), action: action.trim() });
  const query = useInfiniteQuery({
    queryKey: ['admin', 'audit', filter.actor, filter.action],
    queryFn: ({ pageParam }) => fetchAudit(filter, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
  const verify = useMutation({ mutationFn: verifyAudit });
  const entries = query.data?.pages.flatMap((p) => p.items) ?? [];
  const intact = verify.data ? verify.data.intact : null;

  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
        <Input label={t('admin.audit.actor')} value={actor} onChange={(e) => setActor(e.target.value)} />
        <Input label={t('admin.audit.action')} value={action} onChange={(e) => setAction(e.target.value)} />
        <Button variant="secondary" onClick={() => verify.mutate()} loading={verify.isPending}>
          {t('admin.audit.verify')}
        </Button>
      </div>
      {verify.isError ? <Alert tone="error">{errorMessage(verify.error, t)}</Alert> : null}
      {intact !== null ? (
        <Alert tone={intact ? 'success' : 'error'}>
          {intact
            ? t('admin.audit.intact')
            : t('admin.audit.broken', { id: verify.data?.first_bad_id ?? '?' })}
        </Alert>
      ) : null}
      {query.isPending ? (
        <Skeleton className="h-40" />
      ) : query.isError ? (
        <Alert tone="error">{errorMessage(query.error, t)}</Alert>
      ) : entries.length === 0 ? (
        <EmptyState title={t('admin.audit.none')} />
      ) : (
        <div className="overflow-x-auto rounded-2xl border border-border">
          <table className="w-full text-sm">
            <caption className="sr-only">{t('admin.audit.title')}</caption>
            <thead className="bg-surface-2 text-muted">
              <tr>
                {['when', 'actor', 'action', 'target', 'reason', 'ip'].map((h) => (
                  <th key={h} scope="col" className="whitespace-nowrap px-3 py-2 text-start font-semibold">
                    {t(`admin.audit.columns.${h}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id} className="border-t border-border align-top">
                  <td className="whitespace-nowrap px-3 py-2">{formatDateTime(entry.created_at, i18n.language)}</td>
                  <td className="px-3 py-2" dir="auto">
                    {entry.actor_username ?? t('admin.audit.system')}
                  </td>
                  <td className="px-3 py-2 font-mono text-xs" dir="ltr">
                    {entry.action}
                  </td>
                  <td className="px-3 py-2" dir="auto">
                    {targetName(entry)}
                  </td>
                  <td className="px-3 py-2" dir="auto">
                    {entry.reason ?? '—'}
                  </td>
                  <td className="px-3 py-2" dir="ltr">
                    {entry.ip ?? '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {query.hasNextPage ? (
        <Button variant="secondary" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {t('common.showMore')}
        </Button>
      ) : null}
    </div>
  );
}
