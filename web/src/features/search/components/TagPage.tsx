import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Timeline } from '@/features/posts';
import { useDocumentTitle } from '@/lib/useDocumentTitle';

/** Every visible post carrying a hashtag; the server folds spellings (`#القاهره` is `#القاهرة`). */
export default function TagPage() {
  const { t } = useTranslation();
  const { tag = '' } = useParams();
  useDocumentTitle(`#${tag}`);
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 dir="auto" className="text-2xl font-bold [unicode-bidi:isolate]">
          #{tag}
        </h1>
        <p className="text-muted">{t('tags.help')}</p>
      </div>
      <Timeline
        key={tag}
        timeline={{ kind: 'tag', tag }}
        label={t('tags.label', { tag })}
        empty={{ title: t('tags.emptyTitle'), description: t('tags.emptyHelp', { tag }) }}
      />
    </div>
  );
}
