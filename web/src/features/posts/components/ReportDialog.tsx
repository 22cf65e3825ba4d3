import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Modal, Textarea, toast } from '@/components/ui';
import { useErrorText } from '@/components/ui/Field';
import { ApiError } from '@/lib/api';
import { errorMessage } from '@/lib/errors';
import { textLength } from '@/lib/format';
import { REPORT_REASONS } from '@/lib/types';
import { LIMITS, reportSchema, type ReportValues } from '@/lib/validation';
import { reportItem, type ReportTarget } from '../api/posts';

export interface ReportDialogProps {
  target: ReportTarget | null;
  onClose: () => void;
}

function ReportForm({ target, onClose }: { target: ReportTarget; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm<ReportValues>({
    resolver: zodResolver(reportSchema),
    defaultValues: { details: '' } as Partial<ReportValues> as ReportValues,
  });
  const reasonError = useErrorText(form.formState.errors.reason?.message);
  const mutation = useMutation({
    mutationFn: (values: ReportValues) =>
      reportItem(target, { reason: values.reason, details: values.details.trim() || undefined }),
    onSuccess: () => {
      toast.success(t('report.thanks'));
      onClose();
    },
  });
  const details = useWatch({ control: form.control, name: 'details' }) ?? '';
  if (mutation.error instanceof ApiError && mutation.error.code === 'already_reported') {
    // Nothing left to fill in: the answer replaces the form, where the user is looking.
    return (
      <div className="flex flex-col gap-4">
        <Alert tone="info">{errorMessage(mutation.error, t)}</Alert>
        <div className="flex justify-end">
          <Button onClick={onClose} autoFocus>
            {t('common.close')}
          </Button>
        </div>
      </div>
    );
  }
  return (
    <form onSubmit={form.handleSubmit((v) => mutation.mutate(v))} noValidate className="flex flex-col gap-4">
      <fieldset className="flex flex-col gap-2" aria-describedby={reasonError ? 'report-reason-error' : undefined}>
        <legend className="mb-2 text-sm font-semibold">{t('report.reasonLabel')}</legend>
        {REPORT_REASONS.map((reason) => (
          <label
            key={reason}
            className="flex cursor-pointer items-start gap-3 rounded-xl border border-border px-3 py-2.5 has-[:checked]:border-primary has-[:checked]:bg-surface-2"
          >
            <input type="radio" value={reason} className="mt-1 size-4 accent-[var(--color-primary)]" {...form.register('reason')} />
            <span>
              <span className="block font-medium">{t(`report.reasons.${reason}.label`)}</span>
              <span className="block text-sm text-muted">{t(`report.reasons.${reason}.help`)}</span>
            </span>
          </label>
        ))}
        {reasonError ? (
          <p id="report-reason-error" role="alert" className="text-sm font-medium text-danger">
            {reasonError}
          </p>
        ) : null}
      </fieldset>
      <Textarea
        label={t('report.details')}
        hint={t('common.optional')}
        rows={3}
        count={textLength(details)}
        maxChars={LIMITS.reportDetailsMax}
        error={form.formState.errors.details?.message}
        {...form.register('details')}
      />
      {mutation.isError ? (
        // Next to the button just pressed: the top of a long dialog may be scrolled out of view.
        <div ref={(node) => node?.scrollIntoView({ block: 'nearest' })}>
          <Alert tone="error">{errorMessage(mutation.error, t)}</Alert>
        </div>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" variant="danger" loading={mutation.isPending}>
          {t('report.submit')}
        </Button>
      </div>
    </form>
  );
}

export function ReportDialog({ target, onClose }: ReportDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal
      open={target !== null}
      onClose={onClose}
      title={target?.type === 'comment' ? t('report.titleComment') : t('report.titlePost')}
      description={t('report.description')}
    >
      {target ? <ReportForm key={`${target.type}-${target.id}`} target={target} onClose={onClose} /> : null}
    </Modal>
  );
}
