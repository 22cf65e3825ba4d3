import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Menu, Modal, type MenuItem } from '@/components/ui';
import { BlockIcon, FlagIcon, MuteIcon, TrashIcon } from '@/components/ui/icons';
import { RelationDialog, type RelationChange } from '@/features/safety';
import { isStaff, useSession } from '@/lib/session';
import type { Post } from '@/lib/types';
import type { ReportTarget } from '../api/posts';
import { useDeletePost } from '../hooks/usePosts';

export interface PostMenuProps {
  post: Post;
  onReport: (target: ReportTarget) => void;
}

/** The "..." menu of a post: report, mute or block its author, delete. Each item says who it is for. */
export function PostMenu({ post, onReport }: PostMenuProps) {
  const { t } = useTranslation();
  const me = useSession((s) => s.user);
  const remove = useDeletePost();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [change, setChange] = useState<RelationChange | null>(null);
  const mine = me?.username === post.author.username;
  const username = post.author.username;
  const icon = 'size-4';

  const items: MenuItem[] = [];
  if (!mine) {
    items.push(
      {
        key: 'report',
        label: t('posts.report'),
        icon: <FlagIcon className={icon} />,
        onSelect: () => onReport({ type: 'post', id: post.id }),
      },
      {
        key: 'mute',
        label: t('safety.mute.action', { username }),
        icon: <MuteIcon className={icon} />,
        onSelect: () => setChange({ relation: 'mute', username, on: true }),
      },
      {
        key: 'block',
        label: t('safety.block.action', { username }),
        icon: <BlockIcon className={icon} />,
        tone: 'danger',
        onSelect: () => setChange({ relation: 'block', username, on: true }),
      },
    );
  }
  if (mine || isStaff(me)) {
    items.push({
      key: 'delete',
      label: t('common.delete'),
      icon: <TrashIcon className={icon} />,
      tone: 'danger',
      onSelect: () => setConfirmDelete(true),
    });
  }

  return (
    <>
      <Menu label={t('posts.menu', { name: post.author.display_name })} items={items} />
      <RelationDialog change={change} onClose={() => setChange(null)} />
      <Modal
        open={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title={t('posts.deleteTitle')}
        description={t('posts.deleteHelp')}
        size="sm"
        footer={
          <>
            <Button variant="ghost" onClick={() => setConfirmDelete(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              variant="danger"
              loading={remove.isPending}
              onClick={() => remove.mutate(post, { onSuccess: () => setConfirmDelete(false) })}
            >
              {t('common.delete')}
            </Button>
          </>
        }
      >
        <p dir="auto" className="line-clamp-3 text-sm text-muted">
          {post.content}
        </p>
      </Modal>
    </>
  );
}
