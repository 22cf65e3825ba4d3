import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Input, toast } from '@/components/ui';
import { PasswordStrengthMeter } from '@/features/auth';
import { applyFieldErrors, errorMessage } from '@/lib/errors';
import { changePasswordSchema, type ChangePasswordValues } from '@/lib/validation';
import { changePassword } from '../api/settings';

export function PasswordSettings() {
  const { t } = useTranslation();
  const form = useForm<ChangePasswordValues>({
    resolver: zodResolver(changePasswordSchema),
    defaultValues: { current_password: '', new_password: '', confirm: '' },
  });
  const { errors } = form.formState;
  const newPassword = useWatch({ control: form.control, name: 'new_password' });
  const mutation = useMutation({
    mutationFn: (v: ChangePasswordValues) => changePassword(v.current_password, v.new_password),
    onSuccess: () => {
      form.reset();
      toast.success(t('settings.password.saved'));
    },
    onError: (error) => applyFieldErrors(error, form.setError, ['current_password', 'new_password'], t),
  });
  return (
    <form noValidate onSubmit={form.handleSubmit((v) => mutation.mutate(v))} className="flex max-w-md flex-col gap-4">
      <p className="text-sm text-muted">{t('settings.password.help')}</p>
      {mutation.isError && !errors.current_password && !errors.new_password ? (
        <Alert tone="error">{errorMessage(mutation.error, t)}</Alert>
      ) : null}
      <Input
        label={t('settings.password.current')}
        type="password"
        autoComplete="current-password"
        error={errors.current_password?.message}
        {...form.register('current_password')}
      />
      <div className="flex flex-col gap-2">
        <Input
          label={t('auth.fields.newPassword')}
          type="password"
          autoComplete="new-password"
          error={errors.new_password?.message}
          {...form.register('new_password')}
        />
        <PasswordStrengthMeter password={newPassword} userInputs={[]} />
      </div>
      <Input
        label={t('auth.fields.confirmPassword')}
        type="password"
        autoComplete="new-password"
        error={errors.confirm?.message}
        {...form.register('confirm')}
      />
      <div>
        <Button type="submit" loading={mutation.isPending}>
          {t('settings.password.submit')}
        </Button>
      </div>
    </form>
  );
}
