import { useTranslation } from 'react-i18next';
import { Menu, type MenuAction } from '@/components/ui';
import { FlagIcon, TrashIcon } from '@/components/ui/icons';
import { isStaff, useSession } from '@/lib/session';
import type { ReportTarget } from '../api/posts';

export interface ContentMenuProps {
  target: ReportTarget;
  author: { username: string; display_name: string };
  onReport: (target: ReportTarget) => void;
  onDelete: () => void;
}

/**
 * The "..." menu of a post or comment. Each action decides here whether it applies to this
 * viewer and item; actions about the author (block, mute ...) belong in this list too.
 */
export function ContentMenu({ target, author, onReport, onDelete }: ContentMenuProps) {
  const { t } = useTranslation();
  const me = useSession((s) => s.user);
  const mine = me?.username === author.username;
  const actions: MenuAction[] = [];
  if (!mine) {
    actions.push({
      key: 'report',
      label: t('posts.report'),
      icon: <FlagIcon className="size-4" />,
      onSelect: () => onReport(target),
    });
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
  return <Menu label={label} actions={actions} />;
}
