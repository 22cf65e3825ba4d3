import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Avatar, Button, toast } from '@/components/ui';
import { errorMessage } from '@/lib/errors';
import { useSession } from '@/lib/session';
import type { Me } from '@/lib/types';
import { LIMITS } from '@/lib/validation';
import { deleteAvatar, uploadAvatar } from '../api/settings';

const TYPES = ['image/jpeg', 'image/png', 'image/webp'];

export function AvatarSettings({ me }: { me: Me }) {
  const { t } = useTranslation();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
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

  const choose = (chosen: File | undefined) => {
    setLocalError(null);
    upload.reset();
    if (!chosen) return;
    if (!TYPES.includes(chosen.type)) return setLocalError(t('settings.avatar.wrongType'));
    if (chosen.size > LIMITS.avatarBytes) return setLocalError(t('settings.avatar.tooLarge'));
    setFile(chosen);
  };

  const error = localError ?? (upload.isError ? errorMessage(upload.error, t) : remove.isError ? errorMessage(remove.error, t) : null);

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-center gap-5">
        <Avatar name={me.display_name} src={file ? preview : me.avatar_url} size="xl" />
        <div className="flex flex-col gap-2">
          <label htmlFor={inputId} className="text-sm font-semibold">
            {t('settings.avatar.choose')}
          </label>
          <input
            id={inputId}
            type="file"
            accept={TYPES.join(',')}
            onChange={(e) => choose(e.target.files?.[0])}
            aria-describedby={`${inputId}-hint`}
            className="text-sm file:me-3 file:rounded-full file:border file:border-border file:bg-surface-2 file:px-4 file:py-2 file:font-semibold file:text-fg"
          />
          <p id={`${inputId}-hint`} className="text-sm text-muted">
            {t('settings.avatar.hint')}
          </p>
        </div>
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
