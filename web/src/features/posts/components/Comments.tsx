import { zodResolver } from '@hookform/resolvers/zod';
import { useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RichText } from '@/components/RichText';
import { Alert, Avatar, Button, ConfirmDialog, EmptyState, RelativeTime, Skeleton, Textarea } from '@/components/ui';
import { useMentionAutocomplete } from '@/features/search';
import { errorMessage } from '@/lib/errors';
import { textLength } from '@/lib/format';
import type { Comment, Id } from '@/lib/types';
import { commentSchema, LIMITS, type CommentValues } from '@/lib/validation';
import type { ReportTarget } from '../api/posts';
import { useComments, useCreateComment, useDeleteComment } from '../hooks/useComments';
import { ContentMenu } from './ContentMenu';
import { ReportDialog } from './ReportDialog';

function CommentItem({ comment, postId, onReport }: {
  comment: Comment;
  postId: Id;
  onReport: (target: ReportTarget) => void;
}) {
  const { t } = useTranslation();
  const remove = useDeleteComment(postId);
  const [confirmDelete, setConfirmDelete] = useState(false);
  return (
    <li className="flex gap-3 py-3" data-testid="comment">
      <Avatar name={comment.author.display_name} src={comment.author.avatar_url} size="sm" />
      <div className="min-w-0 flex-1">
        <div className="flex items-start gap-2">
          <div className="flex min-w-0 flex-1 flex-wrap items-baseline gap-x-2 text-sm">
            <Link to={`/u/${encodeURIComponent(comment.author.username)}`} className="font-semibold hover:underline">
              {comment.author.display_name}
            </Link>
            <RelativeTime iso={comment.created_at} className="text-muted" />
            {comment.moderation_status === 'hidden' ? (
              <span className="text-xs font-semibold text-warning">{t('posts.hiddenBadge')}</span>
            ) : null}
          </div>
          <ContentMenu
            target={{ type: 'comment', id: comment.id }}
            author={comment.author}
            onReport={onReport}
            onDelete={() => setConfirmDelete(true)}
          />
        </div>
        <RichText text={comment.content} />
      </div>
      <ConfirmDialog
        open={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title={t('comments.deleteTitle')}
        description={t('posts.deleteHelp')}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => remove.mutate(comment, { onSuccess: () => setConfirmDelete(false) })}
      >
        <p dir="auto" className="line-clamp-3 text-sm text-muted">
          {comment.content}
        </p>
      </ConfirmDialog>
    </li>
  );
}

function CommentForm({ postId }: { postId: Id }) {
  const { t } = useTranslation();
  const create = useCreateComment(postId);
  const form = useForm<CommentValues>({ resolver: zodResolver(commentSchema), defaultValues: { content: '' } });
  const content = useWatch({ control: form.control, name: 'content' });
  const length = textLength(content);
  const textarea = useRef<HTMLTextAreaElement | null>(null);
  const { ref: registerRef, ...field } = form.register('content');
  const mentions = useMentionAutocomplete({
    textarea,
    value: content,
    onChange: (value) => form.setValue('content', value, { shouldDirty: true }),
  });
  return (
    <form
      noValidate
      className="flex flex-col gap-2"
      onSubmit={form.handleSubmit((v) => create.mutate(v.content.trim(), { onSuccess: () => form.reset({ content: '' }) }))}
    >
      <Textarea
        label={t('comments.label')}
        placeholder={t('comments.placeholder')}
        rows={2}
        count={length}
        maxChars={LIMITS.commentMax}
        error={form.formState.errors.content?.message}
        {...field}
        {...mentions.inputProps}
        ref={(node) => {
          registerRef(node);
          textarea.current = node;
        }}
      />
      {mentions.popup}
      {create.isError ? <Alert tone="error">{errorMessage(create.error, t)}</Alert> : null}
      <div className="flex justify-end">
        <Button type="submit" size="sm" loading={create.isPending} disabled={length === 0 || length > LIMITS.commentMax}>
          {t('comments.submit')}
        </Button>
      </div>
    </form>
  );
}

export function Comments({ postId }: { postId: Id }) {
  const { t } = useTranslation();
  const query = useComments(postId);
  const [reportTarget, setReportTarget] = useState<ReportTarget | null>(null);
  const comments = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="comments-title" className="flex flex-col gap-4">
      <h2 id="comments-title" className="text-lg font-bold">
        {t('comments.title')}
      </h2>
      <CommentForm postId={postId} />
      {query.isPending ? (
        <div className="space-y-3" aria-busy="true">
          <Skeleton className="h-12" />
          <Skeleton className="h-12" />
        </div>
      ) : query.isError ? (
        <Alert tone="error">{errorMessage(query.error, t)}</Alert>
      ) : comments.length === 0 ? (
        <EmptyState title={t('comments.emptyTitle')} description={t('comments.emptyHelp')} />
      ) : (
        <ul className="divide-y divide-border">
          {comments.map((comment) => (
            <CommentItem key={comment.id} comment={comment} postId={postId} onReport={setReportTarget} />
          ))}
        </ul>
      )}
      {query.hasNextPage ? (
        <Button variant="secondary" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {t('comments.more')}
        </Button>
      ) : null}
      <ReportDialog target={reportTarget} onClose={() => setReportTarget(null)} />
    </section>
  );
}
