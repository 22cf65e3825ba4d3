import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Alert, Button, EmptyState, Input, Select, Skeleton } from '@/components/ui';
import { errorMessage } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import type { AuditEntry } from '@/lib/types';
import { fetchAudit, verifyAudit } from '../api/admin';

// Every action the server audits: the filter offers them by their label, not their key.
const ACTIONS = [
  'admin.created_by_cli',
  'admin.role_changed',
  'admin.user_disabled',
  'admin.user_enabled',
  'auth.2fa_disabled',
  'auth.2fa_enabled',
  'auth.login_refused_disabled',
  'auth.logout_all',
  'auth.password_changed',
  'auth.password_reset',
  'auth.password_reset_requested',
  'auth.refresh_token_reused',
  'auth.session_revoked',
  'moderation.approved',
  'moderation.removed',
  'moderation.auto_blocked',
  'moderation.auto_flagged',
  'moderation.auto_hidden',
  'moderation.auto_hidden_by_reports',
  'moderation.rule_created',
  'moderation.rule_deleted',
  'moderation.rule_updated',
  'moderation.rules_imported',
] as const;

/** An action in words; one added on the server later shows as its key until it is translated. */
const actionLabel = (action: string, t: TFunction) => t(`admin.audit.actions.${action}`, { defaultValue: action });

const targetName = (entry: AuditEntry, t: TFunction) =>
  [entry.target_type && t(`admin.audit.targets.${entry.target_type}`, { defaultValue: entry.target_type }), entry.target_id]
    .filter(Boolean)
    .join(' ') || '—';

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
        <Select label={t('admin.audit.action')} value={action} onChange={(e) => setAction(e.target.value)}>
          <option value="">{t('admin.audit.allActions')}</option>
          {ACTIONS.map((key) => ({ key, label: actionLabel(key, t) }))
            .sort((a, b) => a.label.localeCompare(b.label, i18n.language))
            .map(({ key, label }) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
        </Select>
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
                  <td className="px-3 py-2" title={entry.action}>
                    {actionLabel(entry.action, t)}
                  </td>
                  <td className="px-3 py-2" dir="auto">
                    {targetName(entry, t)}
                  </td>
                  <td className="min-w-48 px-3 py-2 [overflow-wrap:anywhere]" dir="auto">
                    {entry.reason ?? '—'}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2" dir="ltr">
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
