import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Input, Textarea, toast } from '@/components/ui';
import { applyFieldErrors, errorMessage } from '@/lib/errors';
import { textLength } from '@/lib/format';
import type { Me } from '@/lib/types';
import { LIMITS, profileSchema, type ProfileValues } from '@/lib/validation';
import { useUpdateMe } from '../hooks/useProfile';

export function ProfileForm({ me, onSaved }: { me: Me; onSaved?: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateMe();
  const form = useForm<ProfileValues>({
    resolver: zodResolver(profileSchema),
    defaultValues: { display_name: me.display_name, bio: me.bio ?? '' },
  });
  const { errors } = form.formState;
  const bio = useWatch({ control: form.control, name: 'bio' });
  const fieldErrorShown = Object.keys(errors).length > 0;

  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      onSubmit={form.handleSubmit((values) =>
        update.mutate(
          { display_name: values.display_name.trim(), bio: values.bio.trim() },
          {
            onSuccess: (saved) => {
              form.reset({ display_name: saved.display_name, bio: saved.bio ?? '' });
              toast.success(t('settings.profile.saved'));
              onSaved?.();
            },
            onError: (error) => applyFieldErrors(error, form.setError, ['display_name', 'bio'], t),
          },
        ),
      )}
    >
      {update.isError && !fieldErrorShown ? <Alert tone="error">{errorMessage(update.error, t)}</Alert> : null}
      <Input
        label={t('auth.fields.displayName')}
        autoComplete="name"
        error={errors.display_name?.message}
        {...form.register('display_name')}
      />
      <Textarea
        label={t('settings.profile.bio')}
        rows={4}
        count={textLength(bio)}
        maxChars={LIMITS.bioMax}
        error={errors.bio?.message}
        {...form.register('bio')}
      />
      <div className="flex justify-end">
        <Button type="submit" loading={update.isPending} disabled={!form.formState.isDirty}>
          {t('common.save')}
        </Button>
      </div>
    </form>
  );
}
