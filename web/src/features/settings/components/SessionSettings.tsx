import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Alert, Button, EmptyState, Skeleton, toast } from '@/components/ui';
import { errorMessage } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { useSession } from '@/lib/session';
import type { AuthSession } from '@/lib/types';
import { fetchSessions, logoutAll, revokeSession } from '../api/settings';

/** The server names devices in English ("Chrome on Android"); say it in the page's language. */
function describeDevice(session: AuthSession, t: TFunction): string {
  const device = session.device;
  if (!device || device === 'Unknown device') return t('settings.sessions.unknownDevice');
  const [browser = '', system] = device.split(' on ');
  const name = (part: string) => t(`settings.sessions.names.${part}`, { defaultValue: part });
  return system ? t('settings.sessions.device', { browser: name(browser), system: name(system) }) : name(browser);
}

export function SessionSettings() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const query = useQuery({ queryKey: ['sessions'], queryFn: fetchSessions });
  const revoke = useMutation({
    mutationFn: revokeSession,
    onSuccess: () => {
      toast.success(t('settings.sessions.revoked'));
      void client.invalidateQueries({ queryKey: ['sessions'] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const everywhere = useMutation({
    mutationFn: logoutAll,
    onSuccess: () => useSession.getState().signOut(),
    onError: (error) => toast.error(errorMessage(error, t)),
  });

  if (query.isPending) {
    return (
      <div className="space-y-3" aria-busy="true">
        <Skeleton className="h-16" />
        <Skeleton className="h-16" />
      </div>
    );
  }
  if (query.isError) return <Alert tone="error">{errorMessage(query.error, t)}</Alert>;
  if (query.data.length === 0) return <EmptyState title={t('settings.sessions.empty')} />;

  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-muted">{t('settings.sessions.help')}</p>
      <ul className="divide-y divide-border rounded-2xl border border-border">
        {query.data.map((session) => {
          const current = session.current;
          return (
            <li key={session.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
              <div className="min-w-0 flex-1">
                <p className="font-semibold">
                  {describeDevice(session, t)}
                  {current ? (
                    <span className="ms-2 rounded-full bg-surface-2 px-2 py-0.5 text-xs text-accent">
                      {t('settings.sessions.current')}
                    </span>
                  ) : null}
                </p>
                <p className="text-sm text-muted">
                  <span dir="ltr">{session.ip || '—'}</span> ·{' '}
                  {t('settings.sessions.lastSeen', {
                    date: formatDateTime(session.last_seen_at, i18n.language),
                  })}
                </p>
              </div>
              {!current ? (
                <Button
                  size="sm"
                  variant="secondary"
                  onClick={() => revoke.mutate(session.id)}
                  loading={revoke.isPending && revoke.variables === session.id}
                >
                  {t('settings.sessions.revoke')}
                </Button>
              ) : null}
            </li>
          );
        })}
      </ul>
      <div>
        <Button variant="danger" onClick={() => everywhere.mutate()} loading={everywhere.isPending}>
          {t('settings.sessions.logoutAll')}
        </Button>
      </div>
    </div>
  );
}
