import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatCount } from '@/lib/format';
import { tagPath } from '@/lib/richtext';
import { trendingOptions } from '../api/search';

/** The right rail's trends: the tags most used in the last 24 hours (nothing while there are none). */
export function TrendingTags({ limit = 5 }: { limit?: number }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const query = useQuery(trendingOptions());
  const tags = (query.data ?? []).slice(0, limit);
  if (tags.length === 0) return null;
  return (
    <section aria-labelledby={id} className="rounded-2xl border border-border bg-surface py-3">
      <h2 id={id} className="px-4 pb-2 text-lg font-bold">
        {t('search.trending')}
      </h2>
      <ul>
        {tags.map((tag) => (
          <li key={tag.name}>
            <Link to={tagPath(tag.name)} className="flex items-center justify-between gap-3 px-4 py-2 hover:bg-surface-2">
              <span dir="auto" className="truncate text-sm font-semibold [unicode-bidi:isolate]">
                #{tag.display}
              </span>
              <span className="shrink-0 text-xs text-muted">
                {t('search.tagPosts', { count: tag.post_count, formatted: formatCount(tag.post_count, i18n.language) })}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
