import { useTranslation } from 'react-i18next';
import { Timeline } from '@/features/posts';
import { useDocumentTitle } from '@/lib/useDocumentTitle';

export default function PublicTimelinePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('feed.publicTitle'));
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-2xl font-bold">{t('feed.publicTitle')}</h1>
        <p className="text-muted">{t('feed.publicHelp')}</p>
      </div>
      <Timeline
        timeline={{ kind: 'public' }}
        label={t('feed.publicTitle')}
        empty={{ title: t('feed.publicEmptyTitle'), description: t('feed.publicEmptyHelp') }}
      />
    </div>
  );
}
