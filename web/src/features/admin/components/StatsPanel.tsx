import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { intlLocale } from '@/lib/format';
import { Alert, Skeleton } from '@/components/ui';
import { errorMessage } from '@/lib/errors';
import type { AdminStats } from '@/lib/types';
import { fetchStats } from '../api/admin';

const KEYS: (keyof AdminStats)[] = [
  'users_total',
  'users_active_24h',
  'users_disabled',
  'posts_total',
  'posts_hidden',
  'reports_open',
  'queue_pending',
];

export function StatsPanel() {
  const { t, i18n } = useTranslation();
  const query = useQuery({ queryKey: ['admin', 'stats'], queryFn: fetchStats, refetchInterval: 30_000 });
  if (query.isPending) {
    return (
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-busy="true">
        {KEYS.map((k) => (
          <Skeleton key={k} className="h-20" />
        ))}
      </div>
    );
  }
  if (query.isError) return <Alert tone="error">{errorMessage(query.error, t)}</Alert>;
  const number = new Intl.NumberFormat(intlLocale(i18n.language));
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      {KEYS.map((key) => (
        <div key={key} className="rounded-xl border border-border bg-surface-2 p-4">
          <dt className="text-sm text-muted">{t(`admin.stats.${key}`)}</dt>
          <dd className="mt-1 text-2xl font-bold tabular-nums">{number.format(query.data[key] ?? 0)}</dd>
        </div>
      ))}
    </dl>
  );
}
