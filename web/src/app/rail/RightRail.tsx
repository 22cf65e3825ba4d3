import { useTranslation } from 'react-i18next';
import { useMatch } from 'react-router';
import { WhoToFollow } from '@/features/profile';
import { TrendingTags } from '@/features/search';
import { SearchBox } from './SearchBox';

/**
 * The desktop's third column: search, then discovery (trending tags, who to follow). Each
 * section is its own component; the search page shows the trends itself, so the rail leaves
 * them out there.
 */
export function RightRail() {
  const { t } = useTranslation();
  const onSearchPage = useMatch('/search');
  return (
    <aside
      aria-label={t('rail.label')}
      className="sticky top-0 hidden h-dvh w-80 shrink-0 flex-col gap-4 overflow-y-auto py-6 lg:flex"
    >
      <SearchBox />
      {onSearchPage ? null : <TrendingTags />}
      <WhoToFollow />
    </aside>
  );
}
