import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Avatar, Button, toast } from '@/components/ui';
import { UploadIcon } from '@/components/ui/icons';
import { cn } from '@/lib/cn';
import { errorMessage } from '@/lib/errors';
import { useSession } from '@/lib/session';
import type { Me } from '@/lib/types';
import { LIMITS } from '@/lib/validation';
import { deleteAvatar, uploadAvatar } from '../api/settings';

const TYPES = ['image/jpeg', 'image/png', 'image/webp'];

/** True when the browser can decode the file as a picture: a renamed text file is not one. */
async function decodes(file: File): Promise<boolean> {
  const url = URL.createObjectURL(file);
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    return image.naturalWidth > 0;
  } catch {
    return false;
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function AvatarSettings({ me }: { me: Me }) {
  const { t } = useTranslation();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const preview = useMemo(() => (file ? URL.createObjectURL(file) : null), [file]);

  useEffect(
    () => () => {
      if (preview) URL.revokeObjectURL(preview);
    },
    [preview],
  );

  const upload = useMutation({
    mutationFn: uploadAvatar,
    onSuccess: (updated) => {
      useSession.getState().setUser({ ...me, avatar_url: updated.avatar_url });
      setFile(null);
      toast.success(t('settings.avatar.saved'));
    },
  });
  const remove = useMutation({
    mutationFn: deleteAvatar,
    onSuccess: () => {
      useSession.getState().setUser({ ...me, avatar_url: null });
      toast.success(t('settings.avatar.removed'));
    },
  });

  const choose = async (chosen: File | undefined) => {
    setLocalError(null);
    upload.reset();
    if (!chosen) return;
    if (!TYPES.includes(chosen.type)) return setLocalError(t('settings.avatar.wrongType', { name: chosen.name }));
    if (chosen.size > LIMITS.avatarBytes) return setLocalError(t('settings.avatar.tooLarge'));
    if (!(await decodes(chosen))) return setLocalError(t('settings.avatar.wrongType', { name: chosen.name }));
    setFile(chosen);
  };

  const error = localError ?? (upload.isError ? errorMessage(upload.error, t) : remove.isError ? errorMessage(remove.error, t) : null);

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-center gap-5">
        <Avatar name={me.display_name} src={file ? preview : me.avatar_url} size="xl" />
        <label
          htmlFor={inputId}
          data-testid="avatar-drop"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            void choose(e.dataTransfer.files[0]);
          }}
          className={cn(
            'flex min-w-0 flex-1 cursor-pointer flex-col items-center gap-1 rounded-2xl border-2 border-dashed px-4 py-5 text-center has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-focus',
            dragging ? 'border-primary bg-surface-2' : 'border-border hover:border-primary',
          )}
        >
          <UploadIcon className="size-6 text-primary" />
          <span className="text-sm font-semibold">{t('settings.avatar.choose')}</span>
          <span className="text-sm text-muted">{t('settings.avatar.drop')}</span>
          <span id={`${inputId}-hint`} className="text-xs text-muted">
            {t('settings.avatar.hint')}
          </span>
          {file ? (
            <span dir="auto" className="max-w-full truncate text-xs font-semibold">
              {file.name}
            </span>
          ) : null}
          <input
            id={inputId}
            type="file"
            accept={TYPES.join(',')}
            onChange={(e) => {
              void choose(e.target.files?.[0]);
              e.target.value = '';
            }}
            aria-describedby={`${inputId}-hint`}
            className="sr-only"
          />
        </label>
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => file && upload.mutate(file)} disabled={!file} loading={upload.isPending}>
          {t('settings.avatar.upload')}
        </Button>
        {file ? (
          <Button variant="ghost" onClick={() => setFile(null)}>
            {t('common.cancel')}
          </Button>
        ) : null}
        {me.avatar_url && !file ? (
          <Button variant="ghost" onClick={() => remove.mutate()} loading={remove.isPending}>
            {t('settings.avatar.remove')}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
