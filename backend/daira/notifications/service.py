"""Notifications: created inside the transaction of the action that causes them.

Nobody is notified of their own actions, by an account on either side of a block, by one
they muted, or about content that is not public (hidden, deleted, by a disabled account).
Likes and follows carry a dedupe key, so undoing and redoing them notifies once. Every
change of a recipient's unread count is signalled after commit to their live streams.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from daira.core.pubsub import Broker, publish_after_commit
from daira.models import Comment, ItemType, ModerationStatus, NotificationKind, Post, User
from daira.models.base import utcnow
from daira.notifications import repository as repo
from daira.posts.repository import page_params
from daira.tags.entities import parse_entities
from daira.users.repository import get_active_by_usernames


def topic(user_id: int) -> str:
    return f"notifications:{user_id}"


def signal_unread_changed(session: AsyncSession, user_id: int) -> None:
    publish_after_commit(session, topic(user_id))


async def signal_visibility_changed(
    session: AsyncSession,
    *,
    post_id: int | None = None,
    comment_id: int | None = None,
    actor_id: int | None = None,
) -> None:
    """Content or an account was hidden, deleted, restored, disabled or enabled: the unread
    counts of those notified about it change, so their streams are told."""
    recipients = await repo.unread_recipients_about(
        session, post_id=post_id, comment_id=comment_id, actor_id=actor_id
    )
    for recipient in recipients:
        signal_unread_changed(session, recipient)


async def signal_content_changed(session: AsyncSession, item: Post | Comment) -> None:
    if isinstance(item, Post):
        await signal_visibility_changed(session, post_id=item.id)
    else:
        await signal_visibility_changed(session, comment_id=item.id)


@dataclass(frozen=True, slots=True)
class UnreadState:
    count: int
    latest_id: int

    @property
    def event_id(self) -> str:
        """Names this state: a client that saw it has missed nothing."""
        return f"{self.latest_id}.{self.count}"


class Notifier:
    """Creates notifications; called by the services whose actions cause them."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _notify(
        self,
        kind: NotificationKind,
        actor_id: int,
        recipients: set[int],
        *,
        post_id: int | None = None,
        comment_id: int | None = None,
        dedupe: str | None = None,
    ) -> list[int]:
        allowed = await repo.reachable(self.session, actor_id, recipients)
        rows = [
            {
                "recipient_id": recipient,
                "kind": kind,
                "actor_id": actor_id,
                "post_id": post_id,
                "comment_id": comment_id,
                "dedupe_key": f"{kind}:{actor_id}:{dedupe}" if dedupe else None,
            }
            for recipient in allowed
        ]
        notified = await repo.insert(self.session, rows)
        for recipient in notified:
            signal_unread_changed(self.session, recipient)
        return notified

    async def followed(self, actor: User, followee_id: int) -> None:
        await self._notify(
            NotificationKind.follow, actor.id, {followee_id}, dedupe=str(followee_id)
        )

    async def liked(self, actor: User, post: Post) -> None:
        if post.moderation_status != ModerationStatus.visible:
            return
        await self._notify(
            NotificationKind.like, actor.id, {post.author_id}, post_id=post.id, dedupe=str(post.id)
        )

    async def published(self, author: User, item: Post | Comment, post: Post | None) -> None:
        """A new post or comment (on `post`): its mentions, and the post's author."""
        if item.moderation_status != ModerationStatus.visible:
            return
        comment_id = item.id if isinstance(item, Comment) else None
        post_id = post.id if post is not None else item.id
        told: list[int] = []
        if post is not None and post.moderation_status == ModerationStatus.visible:
            told = await self._notify(
                NotificationKind.comment,
                author.id,
                {post.author_id},
                post_id=post_id,
                comment_id=comment_id,
            )
        names = parse_entities(item.content).mentions
        if names:
            mentioned = {user.id for user in await get_active_by_usernames(self.session, names)}
            await self._notify(
                NotificationKind.mention,
                author.id,
                mentioned - set(told),
                post_id=post_id,
                comment_id=comment_id,
            )

    async def report_resolved(
        self, reporter_ids: set[int], item_type: ItemType, item_id: int, outcome: str
    ) -> None:
        """Reporters learn the outcome; the moderator who decided stays unnamed."""
        rows = [
            {
                "recipient_id": reporter,
                "kind": NotificationKind.report_resolved,
                "actor_id": None,
                "post_id": item_id if item_type == ItemType.post else None,
                "comment_id": item_id if item_type == ItemType.comment else None,
                "outcome": outcome,
            }
            for reporter in sorted(reporter_ids)
        ]
        for recipient in await repo.insert(self.session, rows):
            signal_unread_changed(self.session, recipient)


class NotificationService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def page(self, viewer: User, cursor: Any, limit: int) -> list[Any]:
        result = await self.session.execute(repo.PAGE, page_params(viewer.id, cursor, limit))
        return list(result.all())

    async def unread(self, viewer: User) -> UnreadState:
        row = (await self.session.execute(repo.STATE, {"viewer_id": viewer.id})).one()
        return UnreadState(count=row.unread, latest_id=row.latest_id)

    async def mark_read(self, viewer: User, up_to_id: int | None) -> None:
        if await repo.mark_read(self.session, viewer.id, up_to_id):
            signal_unread_changed(self.session, viewer.id)


async def unread_states(
    sessions: async_sessionmaker[AsyncSession],
    broker: Broker,
    viewer: User,
    session_id: int,
    heartbeat_seconds: float,
) -> AsyncIterator[UnreadState | None]:
    """The viewer's unread state now, then after every signal that it may have changed and
    every `heartbeat_seconds` (None first: a heartbeat), until the sign-in session `session_id`
    ends (logout, revocation, expiry, a disabled account). Re-reading on heartbeats also
    heals a signal lost in a Redis reconnect. Each read takes a pooled connection for its
    one query only, so an open stream holds none."""
    params = {"viewer_id": viewer.id, "session_id": session_id}
    async with broker.listen(topic(viewer.id)) as signals:
        while True:
            async with sessions() as session:
                row = (await session.execute(repo.STREAM_STATE, {**params, "now": utcnow()})).one()
            if not row.signed_in:
                return
            yield UnreadState(count=row.unread, latest_id=row.latest_id)
            try:
                await asyncio.wait_for(signals.get(), heartbeat_seconds)
            except TimeoutError:
                yield None
