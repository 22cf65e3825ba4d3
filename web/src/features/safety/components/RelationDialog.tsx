import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '@/components/ui';
import { useSetRelation, type RelationChange } from '../hooks/useRelation';

export interface RelationDialogProps {
  /** The change to confirm; null keeps the dialog closed. */
  change: RelationChange | null;
  onClose: () => void;
}

/** Asks before blocking, muting or undoing either, and says what will happen. */
export function RelationDialog({ change, onClose }: RelationDialogProps) {
  const { t } = useTranslation();
  const mutation = useSetRelation();
  const key = change ? `safety.${change.relation}.${change.on ? 'confirm' : 'undoConfirm'}` : '';
  const username = change?.username ?? '';
  return (
    <ConfirmDialog
      open={change !== null}
      onClose={onClose}
      title={change ? t(`${key}Title`, { username }) : ''}
      description={change ? t(`${key}Help`, { username }) : null}
      confirmLabel={change ? t(`${key}Action`) : ''}
      tone={change?.on ? 'danger' : 'primary'}
      loading={mutation.isPending}
      onConfirm={() => change && mutation.mutate(change, { onSuccess: onClose })}
    />
  );
}
