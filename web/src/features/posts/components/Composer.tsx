import { zodResolver } from '@hookform/resolvers/zod';
import { useRef } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Alert, Avatar, Button, Card, CharacterCounter, toast } from '@/components/ui';
import { useErrorText } from '@/components/ui/Field';
import { useMentionAutocomplete } from '@/features/search';
import { cn } from '@/lib/cn';
import { errorMessage } from '@/lib/errors';
import { textLength } from '@/lib/format';
import { useSession } from '@/lib/session';
import { LIMITS, postSchema, type PostValues } from '@/lib/validation';
import { useCreatePost } from '../hooks/usePosts';

export function Composer() {
  const { t } = useTranslation();
  const user = useSession((s) => s.user);
  const create = useCreatePost();
  const form = useForm<PostValues>({ resolver: zodResolver(postSchema), defaultValues: { content: '' } });
  const content = useWatch({ control: form.control, name: 'content' });
  const length = textLength(content);
  const error = useErrorText(form.formState.errors.content?.message);
  const textarea = useRef<HTMLTextAreaElement | null>(null);
  const { ref: registerRef, ...field } = form.register('content');
  const mentions = useMentionAutocomplete({
    textarea,
    value: content,
    onChange: (value) => form.setValue('content', value, { shouldDirty: true }),
  });

  const submit = form.handleSubmit((values) =>
    create.mutate(values.content.trim(), {
      onSuccess: (post) => {
        form.reset({ content: '' });
        toast.success(post.moderation_status === 'hidden' ? t('compose.postedHidden') : t('compose.posted'));
      },
    }),
  );

  return (
    <Card>
      <form onSubmit={submit} noValidate className="flex gap-3">
        <Avatar name={user?.display_name ?? ''} src={user?.avatar_url} className="hidden sm:inline-flex" />
        <div className="flex min-w-0 flex-1 flex-col gap-2">
          <label htmlFor="composer" className="sr-only">
            {t('compose.label')}
          </label>
          <textarea
            id="composer"
            rows={3}
            placeholder={t('compose.placeholder')}
            aria-invalid={error ? true : undefined}
            aria-describedby={cn('composer-counter', error && 'composer-error') || undefined}
            className={cn(
              'w-full resize-y rounded-xl border bg-surface-2 px-3.5 py-3 text-[1.05rem] [unicode-bidi:plaintext] placeholder:text-muted focus:border-primary',
              error ? 'border-danger' : 'border-transparent',
            )}
            {...field}
            {...mentions.inputProps}
            ref={(node) => {
              registerRef(node);
              textarea.current = node;
            }}
            onKeyDown={(event) => {
              mentions.inputProps.onKeyDown(event);
              if (!event.defaultPrevented && event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit();
            }}
          />
          {mentions.popup}
          {error ? (
            <p id="composer-error" role="alert" className="text-sm font-medium text-danger">
              {error}
            </p>
          ) : null}
          {create.isError ? <Alert tone="error">{errorMessage(create.error, t)}</Alert> : null}
          <div className="flex items-center justify-end gap-3">
            <CharacterCounter id="composer-counter" count={length} max={LIMITS.postMax} />
            <Button type="submit" loading={create.isPending} disabled={length === 0 || length > LIMITS.postMax}>
              {t('compose.submit')}
            </Button>
          </div>
        </div>
      </form>
    </Card>
  );
}
