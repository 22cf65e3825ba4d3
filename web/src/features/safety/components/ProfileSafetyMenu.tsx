import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Menu } from '@/components/ui';
import { BlockIcon, MuteIcon } from '@/components/ui/icons';
import type { RelationChange } from '../hooks/useRelation';
import { RelationDialog } from './RelationDialog';

export interface ProfileSafetyMenuProps {
  username: string;
  displayName: string;
  blocked: boolean;
  muted: boolean;
}

/** The "..." menu of someone else's profile: mute or block them, or undo either, after a confirmation. */
export function ProfileSafetyMenu({ username, displayName, blocked, muted }: ProfileSafetyMenuProps) {
  const { t } = useTranslation();
  const [change, setChange] = useState<RelationChange | null>(null);
  return (
    <>
      <Menu
        label={t('safety.profileMenu', { name: displayName })}
        actions={[
          {
            key: 'mute',
            label: t(muted ? 'safety.mute.undoAction' : 'safety.mute.action', { username }),
            icon: <MuteIcon className="size-4" />,
            onSelect: () => setChange({ relation: 'mute', username, on: !muted }),
          },
          {
            key: 'block',
            label: t(blocked ? 'safety.block.undoAction' : 'safety.block.action', { username }),
            icon: <BlockIcon className="size-4" />,
            tone: blocked ? undefined : 'danger',
            onSelect: () => setChange({ relation: 'block', username, on: !blocked }),
          },
        ]}
      />
      <RelationDialog change={change} onClose={() => setChange(null)} />
    </>
  );
}
