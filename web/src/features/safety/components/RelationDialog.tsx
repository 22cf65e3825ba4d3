import { useTranslation } from 'react-i18next';
import { Button, Modal } from '@/components/ui';
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
    <Modal
      open={change !== null}
      onClose={onClose}
      size="sm"
      title={change ? t(`${key}Title`, { username }) : ''}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            variant={change?.on ? 'danger' : 'primary'}
            loading={mutation.isPending}
            onClick={() => change && mutation.mutate(change, { onSuccess: onClose })}
          >
            {change ? t(`${key}Action`) : null}
          </Button>
        </>
      }
    >
      <p className="text-sm text-muted">{change ? t(`${key}Help`, { username }) : null}</p>
    </Modal>
  );
}
