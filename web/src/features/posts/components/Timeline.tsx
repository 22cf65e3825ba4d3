import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, EmptyState, Spinner } from '@/components/ui';
import { cn } from '@/lib/cn';
import { errorMessage } from '@/lib/errors';
import type { ReportTarget, TimelineKind } from '../api/posts';
import { useTimeline } from '../hooks/usePosts';
import { PostCard } from './PostCard';
import { PostSkeleton } from './PostSkeleton';
import { ReportDialog } from './ReportDialog';

export interface TimelineProps {
  timeline: TimelineKind;
  label: string;
  empty: { title: ReactNode; description?: ReactNode; action?: ReactNode };
}

// One surface with dividers between posts: denser than a bordered card per post.
const LIST = 'divide-y divide-border rounded-2xl border border-border bg-surface';

/** An infinitely scrolling list of posts; a "load more" button is there for keyboards and readers. */
export function Timeline({ timeline, label, empty }: TimelineProps) {
  const { t } = useTranslation();
  const query = useTimeline(timeline);
  const [reportTarget, setReportTarget] = useState<ReportTarget | null>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;

  useEffect(() => {
    const node = sentinel.current;
    if (!node || !hasNextPage || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
      },
      { rootMargin: '600px 0px' },
    );
    observer.observe(node);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (query.isPending) {
    return (
      <div className={cn(LIST, 'flex flex-col')} aria-busy="true" aria-label={t('common.loading')}>
        <PostSkeleton />
        <PostSkeleton />
        <PostSkeleton />
      </div>
    );
  }
  if (query.isError) {
    return (
      <Alert tone="error" title={t('posts.loadFailed')}>
        <p>{errorMessage(query.error, t)}</p>
        <Button className="mt-3" size="sm" variant="secondary" onClick={() => void query.refetch()}>
          {t('common.retry')}
        </Button>
      </Alert>
    );
  }

  const posts = query.data.pages.flatMap((page) => page.items);
  if (posts.length === 0) return <EmptyState {...empty} />;

  return (
    <section aria-label={label}>
      <ul className={LIST}>
        {posts.map((post) => (
          <li key={post.id}>
            <PostCard post={post} onReport={setReportTarget} />
          </li>
        ))}
      </ul>
      <div ref={sentinel} className="flex justify-center py-6">
        {hasNextPage ? (
          <Button variant="secondary" onClick={() => void fetchNextPage()} loading={isFetchingNextPage}>
            {t('posts.loadMore')}
          </Button>
        ) : (
          <p className="text-sm text-muted">{t('posts.end')}</p>
        )}
        {query.isRefetching && !isFetchingNextPage ? <Spinner size="sm" className="ms-2" /> : null}
      </div>
      <ReportDialog target={reportTarget} onClose={() => setReportTarget(null)} />
    </section>
  );
}
