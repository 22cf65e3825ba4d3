import { describe, expect, it } from 'vitest';
import type { Notification } from '@/lib/types';
import { groupNotifications } from './group';

let nextId = 100;
function n(kind: Notification['kind'], actor: string, extra: Partial<Notification> = {}): Notification {
  nextId -= 1;
  return {
    id: nextId,
    kind,
    actor: { username: actor, display_name: actor, avatar_url: null },
    post_id: kind === 'follow' ? null : 7,
    comment_id: null,
    outcome: null,
    created_at: '2026-11-29T10:00:00Z',
    read: true,
    ...extra,
  };
}

describe('groupNotifications', () => {
  it('folds likes of one post into one line with distinct actors, newest first', () => {
    const groups = groupNotifications([n('like', 'mona'), n('like', 'omar'), n('like', 'mona'), n('like', 'sara')]);
    expect(groups).toHaveLength(1);
    expect(groups[0]?.actors.map((a) => a.username)).toEqual(['mona', 'omar', 'sara']);
    expect(groups[0]?.latest.id).toBe(99);
  });

  it('keeps likes of different posts, and of different days, apart', () => {
    const groups = groupNotifications([
      n('like', 'mona'),
      n('like', 'omar', { post_id: 8 }),
      n('like', 'sara', { created_at: '2026-11-20T10:00:00Z' }),
    ]);
    expect(groups).toHaveLength(3);
  });

  it('never folds comments or mentions, each has its own words', () => {
    const groups = groupNotifications([n('comment', 'mona'), n('comment', 'omar'), n('mention', 'sara'), n('mention', 'sara')]);
    expect(groups.map((g) => g.kind)).toEqual(['comment', 'comment', 'mention', 'mention']);
  });

  it('is unread while any member is, and sits where its newest member is', () => {
    const groups = groupNotifications([n('follow', 'mona'), n('comment', 'omar'), n('follow', 'sara', { read: false })]);
    expect(groups.map((g) => g.kind)).toEqual(['follow', 'comment']);
    expect(groups[0]?.read).toBe(false);
    expect(groups[1]?.read).toBe(true);
  });
});
