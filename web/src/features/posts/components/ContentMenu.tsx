import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Menu, type MenuAction } from '@/components/ui';
import { BlockIcon, FlagIcon, MuteIcon, TrashIcon } from '@/components/ui/icons';
import { RelationDialog, type RelationChange } from '@/features/safety';
import { isStaff, useSession } from '@/lib/session';
import type { ReportTarget } from '../api/posts';

export interface ContentMenuProps {
  target: ReportTarget;
  author: { username: string; display_name: string };
  onReport: (target: ReportTarget) => void;
  /** Asks for the delete confirmation (the caller owns it: it shows what is being deleted). */
  onDelete: () => void;
}

/**
 * The one "..." menu of a post or comment: report, mute or block its author (each after a
 * confirmation), delete. Each action decides here whether it applies to this viewer and item,
 * and each says whom it is about.
 */
export function ContentMenu({ target, author, onReport, onDelete }: ContentMenuProps) {
  const { t } = useTranslation();
  const me = useSession((s) => s.user);
  const [change, setChange] = useState<RelationChange | null>(null);
  const mine = me?.username === author.username;
  const { username } = author;
  const actions: MenuAction[] = [];
  if (!mine) {
    actions.push(
      {
        key: 'report',
        label: t('posts.report'),
        icon: <FlagIcon className="size-4" />,
        onSelect: () => onReport(target),
      },
      {
        key: 'mute',
        label: t('safety.mute.action', { username }),
        icon: <MuteIcon className="size-4" />,
        onSelect: () => setChange({ relation: 'mute', username, on: true }),
      },
      {
        key: 'block',
        label: t('safety.block.action', { username }),
        icon: <BlockIcon className="size-4" />,
        tone: 'danger',
        onSelect: () => setChange({ relation: 'block', username, on: true }),
      },
    );
  }
  if (mine || isStaff(me)) {
    actions.push({
      key: 'delete',
      label: t('common.delete'),
      icon: <TrashIcon className="size-4" />,
      tone: 'danger',
      onSelect: onDelete,
    });
  }
  const label = t(target.type === 'post' ? 'posts.menu' : 'comments.menu', { name: author.display_name });
  return (
    <>
      <Menu label={label} actions={actions} />
      <RelationDialog change={change} onClose={() => setChange(null)} />
    </>
  );
}
