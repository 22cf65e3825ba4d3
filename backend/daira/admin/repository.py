"""Every query of the admin area: user search, queue pages, the audit log, stats."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, literal, or_, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from daira.models import (
    AuditEntry,
    Comment,
    ModerationRule,
    ModerationStatus,
    Post,
    QueueEntry,
    QueueStatus,
    Report,
    User,
    UserSession,
)
from daira.models.base import utcnow


def _keyset(
    columns: tuple[Any, Any], cursor: tuple[datetime, int], *, before: bool = True
) -> ColumnElement[bool]:
    """Rows after `cursor` in (time, id) order: before it when newest first, else after."""
    row = tuple_(*columns)
    key = tuple_(literal(cursor[0], columns[0].type), literal(cursor[1], columns[1].type))
    return row < key if before else row > key


def _prefix_pattern(prefix: str) -> str:
    """A LIKE pattern for `prefix%`, with LIKE's wildcards in the prefix escaped."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


def search_users_query(search: str, cursor: tuple[datetime, int] | None, limit: int) -> Select[Any]:
    """Users whose email or username starts with `search` (case-insensitive), newest first.

    Emails and username keys are stored case-folded with text_pattern_ops indexes, so a
    case-folded prefix LIKE is two index range scans on PostgreSQL. The pattern is rendered
    into the statement (safely escaped) rather than bound: with a bound pattern a cached
    generic plan cannot know the prefix and falls back to scanning the table.
    """
    query = select(User)
    key = search.strip().casefold()
    if key:
        pattern = literal(_prefix_pattern(key), literal_execute=True)
        query = query.where(
            or_(User.email.like(pattern, escape="\\"), User.username_key.like(pattern, escape="\\"))
        )
    if cursor is not None:
        query = query.where(_keyset((User.created_at, User.id), cursor))
    return query.order_by(User.created_at.desc(), User.id.desc()).limit(limit + 1)


async def search_users(
    session: AsyncSession, search: str, cursor: tuple[datetime, int] | None, limit: int
) -> Sequence[User]:
    return (await session.scalars(search_users_query(search, cursor, limit))).all()


async def queue_page(
    session: AsyncSession, status: QueueStatus, cursor: tuple[datetime, int] | None, limit: int
) -> Sequence[QueueEntry]:
    """Pending: highest severity first, then oldest first. Resolved: newest decision first."""
    query = select(QueueEntry).where(QueueEntry.status == status)
    if status is QueueStatus.pending:
        if cursor is not None:
            # The cursor names the last entry seen; its rank places the next page.
            rank = (
                await session.scalar(
                    select(QueueEntry.severity_rank).where(QueueEntry.id == cursor[1])
                )
                or 0
            )
            after = _keyset((QueueEntry.created_at, QueueEntry.id), cursor, before=False)
            query = query.where(
                or_(
                    QueueEntry.severity_rank < rank,
                    and_(QueueEntry.severity_rank == rank, after),
                )
            )
        query = query.order_by(
            QueueEntry.severity_rank.desc(), QueueEntry.created_at, QueueEntry.id
        )
    else:
        if cursor is not None:
            query = query.where(_keyset((QueueEntry.resolved_at, QueueEntry.id), cursor))
        query = query.order_by(QueueEntry.resolved_at.desc(), QueueEntry.id.desc())
    return (await session.scalars(query.limit(limit + 1))).all()


async def reports_of(session: AsyncSession, entry_ids: Sequence[int]) -> Sequence[Report]:
    if not entry_ids:
        return []
    rows = await session.scalars(
        select(Report).where(Report.queue_entry_id.in_(entry_ids)).order_by(Report.id)
    )
    return rows.all()


async def posts_by_id(session: AsyncSession, ids: Sequence[int]) -> dict[int, Post]:
    if not ids:
        return {}
    return {p.id: p for p in await session.scalars(select(Post).where(Post.id.in_(ids)))}


async def comments_by_id(session: AsyncSession, ids: Sequence[int]) -> dict[int, Comment]:
    if not ids:
        return {}
    return {c.id: c for c in await session.scalars(select(Comment).where(Comment.id.in_(ids)))}


async def users_by_id(session: AsyncSession, ids: Sequence[int]) -> dict[int, User]:
    if not ids:
        return {}
    return {u.id: u for u in await session.scalars(select(User).where(User.id.in_(set(ids))))}


async def reporters_of(session: AsyncSession, entry_id: int) -> Sequence[User]:
    rows = await session.scalars(
        select(User)
        .join(Report, Report.reporter_id == User.id)
        .where(Report.queue_entry_id == entry_id)
        .order_by(Report.id)
    )
    return rows.all()


async def audit_page(
    session: AsyncSession,
    *,
    actor_id: int | None,
    action: str | None,
    before_id: int | None,
    limit: int,
) -> Sequence[Any]:
    """Newest entries first, each with its actor's username."""
    query = select(AuditEntry, User.username).outerjoin(User, User.id == AuditEntry.actor_id)
    if actor_id is not None:
        query = query.where(AuditEntry.actor_id == actor_id)
    if action:
        query = query.where(AuditEntry.action == action)
    if before_id is not None:
        query = query.where(AuditEntry.id < before_id)
    query = query.order_by(AuditEntry.id.desc()).limit(limit + 1)
    return (await session.execute(query)).all()


async def user_id_by_name(session: AsyncSession, username: str) -> int | None:
    return await session.scalar(select(User.id).where(User.username_key == username.casefold()))


async def stats(session: AsyncSession) -> dict[str, int]:
    day_ago = utcnow() - timedelta(hours=24)
    count = func.count()
    users = (
        await session.execute(select(count, func.count(User.disabled_at)).select_from(User))
    ).one()
    active = await session.scalar(
        select(func.count(func.distinct(UserSession.user_id))).where(
            UserSession.last_seen_at >= day_ago
        )
    )
    live_posts = Post.deleted_at.is_(None) & (Post.moderation_status != ModerationStatus.removed)
    posts = (
        await session.execute(
            select(count, func.count().filter(Post.moderation_status == ModerationStatus.hidden))
            .select_from(Post)
            .where(live_posts)
        )
    ).one()
    pending = QueueEntry.status == QueueStatus.pending
    reports_open = await session.scalar(
        select(count)
        .select_from(Report)
        .join(QueueEntry, QueueEntry.id == Report.queue_entry_id)
        .where(pending)
    )
    queue_pending = await session.scalar(select(count).select_from(QueueEntry).where(pending))
    return {
        "users_total": users[0],
        "users_disabled": users[1],
        "users_active_24h": active or 0,
        "posts_total": posts[0],
        "posts_hidden": posts[1],
        "reports_open": reports_open or 0,
        "queue_pending": queue_pending or 0,
    }


async def rules_page(
    session: AsyncSession, cursor: tuple[datetime, int] | None, limit: int
) -> Sequence[ModerationRule]:
    query = select(ModerationRule)
    if cursor is not None:
        query = query.where(_keyset((ModerationRule.created_at, ModerationRule.id), cursor))
    query = query.order_by(ModerationRule.created_at.desc(), ModerationRule.id.desc())
    return (await session.scalars(query.limit(limit + 1))).all()
