import { useTranslation } from 'react-i18next';
import { WhoToFollow } from '@/features/profile';
import { SearchBox } from './SearchBox';

/**
 * The desktop's third column: search, then discovery. Each section is its own component (trends
 * and tags go here, between search and who-to-follow, once they exist).
 */
export function RightRail() {
  const { t } = useTranslation();
  return (
    <aside
      aria-label={t('rail.label')}
      className="sticky top-0 hidden h-dvh w-80 shrink-0 flex-col gap-4 overflow-y-auto py-6 lg:flex"
    >
      <SearchBox />
      <WhoToFollow />
    </aside>
  );
}
