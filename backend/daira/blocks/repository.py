"""Queries over blocks and mutes, and the predicates every visibility rule builds on.

`blocked_between` and `muted_by` are correlatable: the post, comment, notification and
search queries put them next to their own visibility checks (`daira.posts.repository`), so
each is one statement that PostgreSQL answers with index probes on the unique pairs.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, exists, literal, or_, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from daira.core.sql import RowSelect, dialect_insert
from daira.models import Block, Follow, Mute, User
from daira.models.base import utcnow

Listed = aliased(User, name="listed")
Relation = type[Block] | type[Mute]


def blocked_between(a: Any, b: Any) -> ColumnElement[bool]:
    """Either account blocked the other (two probes of the unique pair index)."""
    return or_(
        exists().where(Block.blocker_id == a, Block.blocked_id == b),
        exists().where(Block.blocker_id == b, Block.blocked_id == a),
    )


def muted_by(muter: Any, muted: Any) -> ColumnElement[bool]:
    return exists().where(Mute.muter_id == muter, Mute.muted_id == muted)


def _columns(relation: Relation) -> tuple[Any, Any]:
    if relation is Block:
        return Block.blocker_id, Block.blocked_id
    return Mute.muter_id, Mute.muted_id


async def add(session: AsyncSession, relation: Relation, owner_id: int, other_id: int) -> bool:
    """Idempotent; whether a row was really added."""
    owner, other = _columns(relation)
    result = await session.execute(
        dialect_insert(session)(relation)
        .values({owner.key: owner_id, other.key: other_id, "created_at": utcnow()})
        .on_conflict_do_nothing(index_elements=[owner.key, other.key])
    )
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


async def remove(session: AsyncSession, relation: Relation, owner_id: int, other_id: int) -> bool:
    owner, other = _columns(relation)
    result = await session.execute(delete(relation).where(owner == owner_id, other == other_id))
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


async def end_follows(session: AsyncSession, a: int, b: int) -> None:
    """A block ends the follows in both directions."""
    await session.execute(
        delete(Follow).where(
            or_(
                and_(Follow.follower_id == a, Follow.followee_id == b),
                and_(Follow.follower_id == b, Follow.followee_id == a),
            )
        )
    )


async def is_blocked_between(session: AsyncSession, a: int, b: int) -> bool:
    return bool(await session.scalar(select(blocked_between(a, b))))


def listing(
    relation: Relation, owner_id: int, cursor: tuple[datetime, int] | None, limit: int
) -> RowSelect:
    """The accounts `owner_id` blocked or muted (active ones), newest first."""
    owner, other = _columns(relation)
    query = (
        select(Listed, relation.created_at.label("listed_at"), relation.id.label("relation_id"))
        .join(Listed, Listed.id == other)
        .where(owner == owner_id, Listed.disabled_at.is_(None))
    )
    if cursor is not None:
        created_at, id_ = cursor
        query = query.where(
            tuple_(relation.created_at, relation.id)
            < tuple_(literal(created_at, relation.created_at.type), literal(id_, relation.id.type))
        )
    return query.order_by(relation.created_at.desc(), relation.id.desc()).limit(limit + 1)


def state_of(viewer_id: int, user_id: Any) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """(viewer blocked user, viewer muted user): a profile shows both."""
    return (
        exists().where(Block.blocker_id == viewer_id, Block.blocked_id == user_id),
        muted_by(viewer_id, user_id),
    )
