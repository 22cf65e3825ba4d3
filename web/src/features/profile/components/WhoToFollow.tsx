import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Avatar, Button, Handle, Skeleton, toast } from '@/components/ui';
import { errorMessage } from '@/lib/errors';
import type { Page, UserSummary } from '@/lib/types';
import { fetchSuggestions, follow } from '../api/profile';

const SUGGESTIONS_KEY = ['suggestions'] as const;

/** A few accounts worth following (friends of friends first), each one click away. */
export function WhoToFollow() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const query = useQuery({ queryKey: SUGGESTIONS_KEY, queryFn: fetchSuggestions, staleTime: 60_000 });
  const followOne = useMutation({
    mutationFn: (person: UserSummary) => follow(person.username),
    onSuccess: (_, person) => {
      client.setQueryData<Page<UserSummary>>(SUGGESTIONS_KEY, (page) =>
        page ? { ...page, items: page.items.filter((p) => p.username !== person.username) } : page,
      );
      toast.success(t('rail.followed', { name: person.display_name }));
      void client.invalidateQueries({ queryKey: ['timeline', 'home'] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });

  const people = query.data?.items ?? [];
  if (query.isSuccess && people.length === 0) return null;
  return (
    <section aria-labelledby="who-to-follow" className="rounded-2xl border border-border bg-surface py-3">
      <h2 id="who-to-follow" className="px-4 pb-2 text-lg font-bold">
        {t('rail.whoToFollow')}
      </h2>
      {query.isPending ? (
        <div className="space-y-3 px-4" aria-busy="true">
          <Skeleton className="h-10" />
          <Skeleton className="h-10" />
        </div>
      ) : (
        <ul>
          {people.map((person) => (
            <li key={person.username} className="flex items-center gap-3 px-4 py-2">
              <Avatar name={person.display_name} src={person.avatar_url} size="sm" />
              <Link to={`/u/${encodeURIComponent(person.username)}`} className="min-w-0 flex-1 hover:underline">
                {/* match-parent: an Arabic name in an English page (or the reverse) still lines up. */}
                <span dir="auto" className="block truncate text-sm font-semibold [text-align:match-parent]">
                  {person.display_name}
                </span>
                <Handle username={person.username} className="block truncate text-xs text-muted [text-align:match-parent]" />
              </Link>
              <Button
                size="sm"
                onClick={() => followOne.mutate(person)}
                loading={followOne.isPending && followOne.variables?.username === person.username}
                aria-label={t('rail.followName', { name: person.display_name })}
              >
                {t('profile.follow')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
