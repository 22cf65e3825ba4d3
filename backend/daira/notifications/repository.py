"""Every query over notifications; which of them a recipient sees is decided here.

A notification shows only while its actor is active, neither side blocks the other, the
recipient has not muted the actor and the content it is about is public
(`daira.posts.repository.public_post` / `public_comment`): hiding or deleting a post later
removes its notifications from lists and counts, restoring it brings them back.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    bindparam,
    exists,
    func,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from daira.blocks.repository import blocked_between, muted_by
from daira.core.sql import RowSelect, dialect_insert
from daira.models import Notification, NotificationKind, User, UserSession
from daira.models.base import BigId, UTCDateTime, utcnow
from daira.posts.repository import (
    CURSOR_AT,
    CURSOR_ID,
    PAGE_SIZE,
    VIEWER_ID,
    ViewerId,
    public_comment,
    public_post,
)

Actor = aliased(User, name="actor")


def notification_visibility(recipient_id: ViewerId = VIEWER_ID) -> ColumnElement[bool]:
    """The recipient's notifications that may be shown (needs `Actor` outer-joined)."""
    return and_(
        Notification.recipient_id == recipient_id,
        or_(
            Notification.actor_id.is_(None),
            and_(
                Actor.disabled_at.is_(None),
                ~blocked_between(recipient_id, Actor.id),
                ~muted_by(recipient_id, Actor.id),
            ),
        ),
        or_(
            # A report outcome is about content that may well be gone: that is the news.
            Notification.kind == NotificationKind.report_resolved.value,
            and_(
                or_(Notification.post_id.is_(None), public_post(Notification.post_id)),
                or_(Notification.comment_id.is_(None), public_comment(Notification.comment_id)),
            ),
        ),
    )


def _visible(*columns: Any) -> RowSelect:
    return (
        select(*columns)
        .select_from(Notification)
        .outerjoin(Actor, Actor.id == Notification.actor_id)
        .where(notification_visibility())
    )


PAGE = (
    _visible(
        Notification.id,
        Notification.kind,
        Notification.post_id,
        Notification.comment_id,
        Notification.outcome,
        Notification.created_at,
        Notification.read_at,
        Actor.username.label("actor_username"),
        Actor.display_name.label("actor_display_name"),
        Actor.avatar_key.label("actor_avatar_key"),
    )
    .where(tuple_(Notification.created_at, Notification.id) < tuple_(CURSOR_AT, CURSOR_ID))
    .order_by(Notification.created_at.desc(), Notification.id.desc())
    .limit(PAGE_SIZE)
)
"""Newest first; execute with `page_params(recipient_id, cursor, limit)`."""

STATE = _visible(
    func.count(Notification.id).filter(Notification.read_at.is_(None)).label("unread"),
    func.coalesce(func.max(Notification.id), 0).label("latest_id"),
)
"""The unread count and the newest visible notification's id (`viewer_id` bound)."""

_SIGNED_IN = exists().where(
    UserSession.id == bindparam("session_id", type_=BigId),
    UserSession.user_id == VIEWER_ID,
    UserSession.revoked_at.is_(None),
    UserSession.expires_at > bindparam("now", type_=UTCDateTime()),
    User.id == UserSession.user_id,
    User.disabled_at.is_(None),
)
STREAM_STATE = STATE.add_columns(_SIGNED_IN.label("signed_in"))
"""`STATE`, and whether the stream's sign-in session still holds (`session_id`, `now`):
logout, revocation and disabling end a live stream too."""


async def reachable(session: AsyncSession, actor_id: int, candidates: set[int]) -> list[int]:
    """The candidates the actor may notify: active accounts other than the actor, on no
    side of a block with the actor, that did not mute the actor."""
    candidates.discard(actor_id)
    if not candidates:
        return []
    query = select(User.id).where(
        User.id.in_(candidates),
        User.disabled_at.is_(None),
        ~blocked_between(User.id, actor_id),
        ~muted_by(User.id, actor_id),
    )
    return sorted((await session.scalars(query)).all())


async def insert(session: AsyncSession, rows: list[dict[str, Any]]) -> list[int]:
    """Insert notifications; a row whose `dedupe_key` exists already is skipped.
    Answers the recipients of the rows really inserted. One statement, however many rows
    (a post mentioning ten people is one insert)."""
    if not rows:
        return []
    now = utcnow()
    result = await session.execute(
        dialect_insert(session)(Notification)
        .values([{"created_at": now, "dedupe_key": None, **row} for row in rows])
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
        .returning(Notification.recipient_id)
    )
    return list(result.scalars().all())


async def unread_recipients_about(
    session: AsyncSession,
    *,
    post_id: int | None = None,
    comment_id: int | None = None,
    actor_id: int | None = None,
) -> list[int]:
    """Who has unread notifications about this post, comment or actor."""
    conditions = [
        column == value
        for column, value in (
            (Notification.post_id, post_id),
            (Notification.comment_id, comment_id),
            (Notification.actor_id, actor_id),
        )
        if value is not None
    ]
    query = (
        select(Notification.recipient_id)
        .where(or_(*conditions), Notification.read_at.is_(None))
        .distinct()
    )
    return list((await session.scalars(query)).all())


async def mark_read(session: AsyncSession, recipient_id: int, up_to_id: int | None) -> int:
    query = update(Notification).where(
        Notification.recipient_id == recipient_id, Notification.read_at.is_(None)
    )
    if up_to_id is not None:
        query = query.where(Notification.id <= bindparam("up_to", up_to_id, type_=BigId))
    result = await session.execute(query.values(read_at=utcnow()))
    return int(result.rowcount)  # type: ignore[attr-defined]
