import type { Actor, Notification, NotificationKind } from '@/lib/types';

/** Notifications shown as one line: "Mona and 3 others liked your post". */
export interface NotificationGroup {
  key: string;
  kind: NotificationKind;
  /** Distinct actors, newest first. */
  actors: Actor[];
  post_id: number | null;
  comment_id: number | null;
  /** The newest notification of the group (its time, its id for "read up to"). */
  latest: Notification;
  read: boolean;
}

// Likes of one post and new followers say the same thing many times over; comments and mentions
// each carry their own words, so they stay one per line.
const GROUPED: ReadonlySet<NotificationKind> = new Set(['like', 'follow']);

function dayOf(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

/**
 * Groups a newest-first list: likes of the same post, and follows, on the same local day. A
 * group takes the place of its newest member and is unread while any member is.
 */
export function groupNotifications(items: Notification[]): NotificationGroup[] {
  const groups: NotificationGroup[] = [];
  const byKey = new Map<string, NotificationGroup>();
  for (const n of items) {
    const groupKey = GROUPED.has(n.kind) ? `${n.kind}:${n.post_id ?? ''}:${dayOf(n.created_at)}` : null;
    const existing = groupKey ? byKey.get(groupKey) : undefined;
    if (existing) {
      if (n.actor && !existing.actors.some((a) => a.username === n.actor?.username)) existing.actors.push(n.actor);
      existing.read &&= n.read;
      continue;
    }
    const group: NotificationGroup = {
      key: groupKey ?? `${n.kind}:${n.id}`,
      kind: n.kind,
      actors: n.actor ? [n.actor] : [],
      post_id: n.post_id,
      comment_id: n.comment_id,
      latest: n,
      read: n.read,
    };
    if (groupKey) byKey.set(groupKey, group);
    groups.push(group);
  }
  return groups;
}
