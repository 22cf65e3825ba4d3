import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Avatar, Button, EmptyState, Handle, Skeleton } from '@/components/ui';
import { errorMessage } from '@/lib/errors';
import type { Connection } from '../api/profile';
import { useConnections } from '../hooks/useProfile';

export function UserList({ username, kind }: { username: string; kind: Connection }) {
  const { t } = useTranslation();
  const query = useConnections(username, kind);
  if (query.isPending) {
    return (
      <div className="space-y-3" aria-busy="true">
        <Skeleton className="h-14" />
        <Skeleton className="h-14" />
      </div>
    );
  }
  if (query.isError) return <Alert tone="error">{errorMessage(query.error, t)}</Alert>;
  const users = query.data.pages.flatMap((p) => p.items);
  if (users.length === 0) {
    return <EmptyState title={t(kind === 'followers' ? 'profile.noFollowers' : 'profile.noFollowing')} />;
  }
  return (
    <div className="flex flex-col gap-3">
      <ul className="divide-y divide-border rounded-2xl border border-border bg-surface">
        {users.map((user) => (
          <li key={user.username}>
            <Link
              to={`/u/${encodeURIComponent(user.username)}`}
              className="flex items-center gap-3 px-4 py-3 hover:bg-surface-2"
            >
              <Avatar name={user.display_name} src={user.avatar_url} />
              <span className="min-w-0">
                <span className="block truncate font-semibold">{user.display_name}</span>
                <Handle username={user.username} className="block truncate text-sm text-muted" />
              </span>
            </Link>
          </li>
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
