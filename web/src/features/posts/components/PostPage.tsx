import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Alert, Card } from '@/components/ui';
import { ApiError } from '@/lib/api';
import { errorMessage } from '@/lib/errors';
import { fetchPost, postKey, type ReportTarget } from '../api/posts';
import { Comments } from './Comments';
import { PostCard } from './PostCard';
import { PostSkeleton } from './PostSkeleton';
import { ReportDialog } from './ReportDialog';
import { useDocumentTitle } from '@/lib/useDocumentTitle';

/** Post ids are positive integers: anything else in the address names no post. */
const isPostId = (id: string) => /^[1-9]\d{0,18}$/.test(id);

export default function PostPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('posts.pageTitle'));
  const { id = '' } = useParams();
  const valid = isPostId(id);
  const query = useQuery({ queryKey: postKey(id), queryFn: () => fetchPost(id), enabled: valid });
  const missing = !valid || (query.error instanceof ApiError && query.error.status === 404);
  const [reportTarget, setReportTarget] = useState<ReportTarget | null>(null);

  return (
    <div className="flex flex-col gap-4">
      <h1 className="sr-only">{t('posts.pageTitle')}</h1>
      {missing ? (
        <Alert tone="error" title={t('posts.notFound')}>
          {t('errors.codes.post_not_found')}
        </Alert>
      ) : query.isPending ? (
        <Card padded={false}>
          <PostSkeleton />
        </Card>
      ) : query.isError ? (
        <Alert tone="error">{errorMessage(query.error, t)}</Alert>
      ) : (
        <>
          <Card padded={false}>
            <PostCard post={query.data} onReport={setReportTarget} standalone />
          </Card>
          <Card>
            <Comments postId={id} />
          </Card>
        </>
      )}
      <ReportDialog target={reportTarget} onClose={() => setReportTarget(null)} />
    </div>
  );
}
