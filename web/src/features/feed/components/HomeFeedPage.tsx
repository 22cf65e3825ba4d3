import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { buttonClasses } from '@/components/ui';
import { Composer, Timeline } from '@/features/posts';
import { useDocumentTitle } from '@/lib/useDocumentTitle';

export default function HomeFeedPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('feed.homeTitle'));
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('feed.homeTitle')}</h1>
      <Composer />
      <Timeline
        timeline={{ kind: 'home' }}
        label={t('feed.homeTitle')}
        empty={{
          title: t('feed.emptyTitle'),
          description: t('feed.emptyHelp'),
          action: (
            <Link to="/explore" className={buttonClasses('primary')}>
              {t('feed.explore')}
            </Link>
          ),
        }}
      />
    </div>
  );
}
