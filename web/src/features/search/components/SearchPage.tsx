import { useInfiniteQuery, useQuery, type InfiniteData, type UseInfiniteQueryResult } from '@tanstack/react-query';
import { zodResolver } from '@hookform/resolvers/zod';
import { type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Alert, Avatar, Button, EmptyState, Handle, Input, Skeleton, Tabs } from '@/components/ui';
import { SearchIcon } from '@/components/ui/icons';
import { Timeline } from '@/features/posts';
import { errorMessage } from '@/lib/errors';
import { tagPath } from '@/lib/richtext';
import { formatCount } from '@/lib/format';
import type { Page, Tag } from '@/lib/types';
import { searchSchema, type SearchValues } from '@/lib/validation';
import { useDocumentTitle } from '@/lib/useDocumentTitle';
import { SEARCH_TYPES, tagSearchOptions, trendingOptions, userSearchOptions, type SearchType } from '../api/search';

const isSearchType = (value: string | null): value is SearchType => SEARCH_TYPES.some((t) => t === value);

/** Loading, error, empty and "more" states shared by the people and tags tabs. */
function Results<T>({
  query,
  empty,
  children,
}: {
  query: UseInfiniteQueryResult<InfiniteData<Page<T>, unknown>>;
  empty: string;
  children: (items: T[]) => ReactNode;
}) {
  const { t } = useTranslation();
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
  const items = query.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <EmptyState title={empty} description={t('search.emptyHelp')} />;
  return (
    <div className="flex flex-col gap-3">
      <ul className="divide-y divide-border rounded-2xl border border-border bg-surface">{children(items)}</ul>
      {query.hasNextPage ? (
        <Button variant="secondary" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {t('common.showMore')}
        </Button>
      ) : null}
    </div>
  );
}

function PeopleResults({ q }: { q: string }) {
  const { t } = useTranslation();
  return (
    <Results query={useInfiniteQuery(userSearchOptions(q))} empty={t('search.noPeople', { q })}>
      {(users) =>
        users.map((user) => (
          <li key={user.username}>
            <Link to={`/u/${encodeURIComponent(user.username)}`} className="flex items-center gap-3 px-4 py-3 hover:bg-surface-2">
              <Avatar name={user.display_name} src={user.avatar_url} />
              <span className="min-w-0">
                <span className="block truncate font-semibold">{user.display_name}</span>
                <Handle username={user.username} className="block truncate text-sm text-muted" />
              </span>
            </Link>
          </li>
        ))
      }
    </Results>
  );
}

function TagLink({ tag, children }: { tag: Tag; children?: ReactNode }) {
  return (
    <Link to={tagPath(tag.name)} className="flex items-center justify-between gap-3 px-4 py-3 hover:bg-surface-2">
      <span dir="auto" className="truncate font-semibold [unicode-bidi:isolate]">
        #{tag.display}
      </span>
      {children}
    </Link>
  );
}

function TagResults({ q }: { q: string }) {
  const { t } = useTranslation();
  return (
    <Results query={useInfiniteQuery(tagSearchOptions(q))} empty={t('search.noTags', { q })}>
      {(tags) =>
        tags.map((tag) => (
          <li key={tag.name}>
            <TagLink tag={tag} />
          </li>
        ))
      }
    </Results>
  );
}

/** Before anything is typed: what people are talking about (the last 24 hours). */
function Trending() {
  const { t, i18n } = useTranslation();
  const query = useQuery(trendingOptions());
  const tags = query.data ?? [];
  return (
    <div className="flex flex-col gap-3">
      <EmptyState title={t('search.startTitle')} description={t('search.startHelp')} />
      {tags.length > 0 ? (
        <section aria-labelledby="trending-title" className="flex flex-col gap-2">
          <h2 id="trending-title" className="text-lg font-bold">
            {t('search.trending')}
          </h2>
          <ul className="divide-y divide-border rounded-2xl border border-border bg-surface">
            {tags.map((tag) => (
              <li key={tag.name}>
                <TagLink tag={tag}>
                  <span className="shrink-0 text-sm text-muted">
                    {t('search.tagPosts', { count: tag.post_count, formatted: formatCount(tag.post_count, i18n.language) })}
                  </span>
                </TagLink>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

/** Remounted (by key) when the address changes, so the box always shows what was searched. */
function SearchForm({ initial, onSearch }: { initial: string; onSearch: (q: string) => void }) {
  const { t } = useTranslation();
  const form = useForm<SearchValues>({ resolver: zodResolver(searchSchema), defaultValues: { q: initial } });
  return (
    <form role="search" noValidate className="flex items-start gap-2" onSubmit={form.handleSubmit((v) => onSearch(v.q))}>
      <Input
        type="search"
        label={t('search.label')}
        hideLabel
        placeholder={t('search.placeholder')}
        dir="auto"
        className="flex-1"
        enterKeyHint="search"
        error={form.formState.errors.q?.message}
        {...form.register('q')}
      />
      <Button type="submit" icon={<SearchIcon className="size-4" />} className="h-11">
        {t('search.submit')}
      </Button>
    </form>
  );
}

/** Search people, posts and tags; the query and the tab live in the address, so results can be shared. */
export default function SearchPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('search.title'));
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const typeParam = params.get('type');
  const type: SearchType = isSearchType(typeParam) ? typeParam : 'posts';

  const go = (next: { q?: string; type?: SearchType }) => {
    const value = next.q ?? q;
    setParams({ ...(value ? { q: value } : {}), type: next.type ?? type }, { replace: next.q === undefined });
  };

  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('search.title')}</h1>
      <SearchForm key={q} initial={q} onSearch={(value) => go({ q: value })} />
      <Tabs
        label={t('search.tabsLabel')}
        active={type}
        onChange={(key) => go({ type: key })}
        items={SEARCH_TYPES.map((key) => ({ key, label: t(`search.tabs.${key}`) }))}
      >
        {q === '' ? (
          <Trending />
        ) : type === 'users' ? (
          <PeopleResults q={q} />
        ) : type === 'tags' ? (
          <TagResults q={q} />
        ) : (
          <Timeline
            timeline={{ kind: 'search', q }}
            label={t('search.tabs.posts')}
            empty={{ title: t('search.noPosts', { q }), description: t('search.emptyHelp') }}
          />
        )}
      </Tabs>
    </div>
  );
}
