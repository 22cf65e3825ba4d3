import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Avatar, Button, EmptyState, Handle, Skeleton } from '@/components/ui';
import { errorMessage } from '@/lib/errors';
import { relationListOptions, type Relation } from '../api/safety';
import type { RelationChange } from '../hooks/useRelation';
import { RelationDialog } from './RelationDialog';

/** The accounts the signed-in user blocked or muted, each with a way to undo it. */
export function RelationList({ relation }: { relation: Relation }) {
  const { t } = useTranslation();
  const query = useInfiniteQuery(relationListOptions(relation));
  const [change, setChange] = useState<RelationChange | null>(null);

  if (query.isPending) {
    return (
      <div className="flex flex-col gap-2" aria-busy="true" aria-label={t('common.loading')}>
        <Skeleton className="h-14" />
        <Skeleton className="h-14" />
      </div>
    );
  }
  if (query.isError) {
    return (
      <Alert tone="error">
        <p>{errorMessage(query.error, t)}</p>
        <Button className="mt-3" size="sm" variant="secondary" onClick={() => void query.refetch()}>
          {t('common.retry')}
        </Button>
      </Alert>
    );
  }
  const users = query.data.pages.flatMap((p) => p.items);
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-muted">{t(`safety.${relation}.listHelp`)}</p>
      {users.length === 0 ? (
        <EmptyState title={t(`safety.${relation}.empty`)} />
      ) : (
        <ul className="divide-y divide-border">
          {users.map((user) => (
            <li key={user.username} className="flex items-center gap-3 py-3">
              <Avatar name={user.display_name} src={user.avatar_url} size="sm" />
              <div className="min-w-0 flex-1">
                <Link to={`/u/${encodeURIComponent(user.username)}`} className="block truncate font-semibold hover:underline">
                  {user.display_name}
                </Link>
                <Handle username={user.username} className="truncate text-sm text-muted" />
              </div>
              <Button
                size="sm"
                variant="secondary"
                onClick={() => setChange({ relation, username: user.username, on: false })}
              >
                {t(`safety.${relation}.undo`)}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {query.hasNextPage ? (
        <Button variant="secondary" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {t('posts.loadMore')}
        </Button>
      ) : null}
      <RelationDialog change={change} onClose={() => setChange(null)} />
    </div>
  );
}
