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

export default function PostPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('posts.pageTitle'));
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: postKey(id), queryFn: () => fetchPost(id) });
  const [reportTarget, setReportTarget] = useState<ReportTarget | null>(null);

  return (
    <div className="flex flex-col gap-4">
      <h1 className="sr-only">{t('posts.pageTitle')}</h1>
      {query.isPending ? (
        <PostSkeleton />
      ) : query.isError ? (
        <Alert tone="error" title={query.error instanceof ApiError && query.error.status === 404 ? t('posts.notFound') : undefined}>
          {errorMessage(query.error, t)}
        </Alert>
      ) : (
        <>
          <PostCard post={query.data} onReport={setReportTarget} standalone />
          <Card>
            <Comments postId={id} />
          </Card>
        </>
      )}
      <ReportDialog target={reportTarget} onClose={() => setReportTarget(null)} />
    </div>
  );
}
