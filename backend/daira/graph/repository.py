"""Queries over the follow graph; the one place that decides who appears in its lists.

Disabled accounts never appear in followers / following lists nor in their counts
(their follows stay in the table and come back when the account is enabled).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from sqlalchemy import delete, func, literal, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from daira.blocks.repository import blocked_between
from daira.core.sql import RowSelect, dialect_insert
from daira.models import Follow, User
from daira.models.base import utcnow

Direction = Literal["followers", "following"]
Person = aliased(User, name="person")


def _connections(direction: Direction, user_id: Any) -> RowSelect:
    """Follows of `user_id` in one direction, joined to the other side's active account."""
    if direction == "followers":
        mine, other = Follow.followee_id, Follow.follower_id
    else:
        mine, other = Follow.follower_id, Follow.followee_id
    return (
        select(Person, Follow.created_at.label("followed_at"), Follow.id.label("follow_id"))
        .join(Person, Person.id == other)
        .where(mine == user_id, Person.disabled_at.is_(None))
    )


def connections_page(
    direction: Direction, user_id: int, cursor: tuple[datetime, int] | None, limit: int
) -> RowSelect:
    """Newest follows first, keyset-paginated on the follow's (created_at, id)."""
    query = _connections(direction, user_id)
    if cursor is not None:
        created_at, id_ = cursor
        query = query.where(
            tuple_(Follow.created_at, Follow.id)
            < tuple_(literal(created_at, Follow.created_at.type), literal(id_, Follow.id.type))
        )
    return query.order_by(Follow.created_at.desc(), Follow.id.desc()).limit(limit + 1)


def connections_count(direction: Direction, user_id: Any) -> Any:
    """Correlatable count matching exactly what `connections_page` lists."""
    inner = _connections(direction, user_id).with_only_columns(func.count())
    return inner.scalar_subquery()


def is_following(follower_id: int, followee_id: Any) -> Any:
    return (
        select(Follow.id)
        .where(Follow.follower_id == follower_id, Follow.followee_id == followee_id)
        .exists()
    )


async def add_follow(session: AsyncSession, follower_id: int, followee_id: int) -> bool:
    """Idempotent; whether a follow was really added."""
    insert = dialect_insert(session)
    result = await session.execute(
        insert(Follow)
        .values(follower_id=follower_id, followee_id=followee_id, created_at=utcnow())
        .on_conflict_do_nothing(index_elements=["follower_id", "followee_id"])
    )
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


async def remove_follow(session: AsyncSession, follower_id: int, followee_id: int) -> None:
    await session.execute(
        delete(Follow).where(Follow.follower_id == follower_id, Follow.followee_id == followee_id)
    )


def suggestions(viewer_id: int, limit: int) -> RowSelect:
    """Active accounts the viewer does not follow yet and has no block with, either way: first
    those followed by the people the viewer follows (most such follows first), then the most
    followed; newest on a tie."""
    followed = select(Follow.followee_id).where(Follow.follower_id == viewer_id)
    via_friends = (
        select(Follow.followee_id.label("user_id"), func.count().label("score"))
        .where(Follow.follower_id.in_(followed))
        .group_by(Follow.followee_id)
        .subquery()
    )
    popularity = (
        select(Follow.followee_id.label("user_id"), func.count().label("score"))
        .group_by(Follow.followee_id)
        .subquery()
    )
    return (
        select(Person)
        .outerjoin(via_friends, via_friends.c.user_id == Person.id)
        .outerjoin(popularity, popularity.c.user_id == Person.id)
        .where(
            Person.id != viewer_id,
            Person.id.not_in(followed),
            Person.disabled_at.is_(None),
            Person.email_verified_at.is_not(None),
            ~blocked_between(Person.id, viewer_id),
        )
        .order_by(
            func.coalesce(via_friends.c.score, 0).desc(),
            func.coalesce(popularity.c.score, 0).desc(),
            Person.id.desc(),
        )
        .limit(limit)
    )
