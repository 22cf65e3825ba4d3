"""Queries over user accounts."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from daira.models import User
from daira.users.validation import USERNAME_RE, username_key


async def get_by_username(session: AsyncSession, username: str) -> User | None:
    """The account with this username, ignoring case, disabled or not."""
    if not USERNAME_RE.fullmatch(username):  # no account can have it: skip the query
        return None
    return (
        await session.execute(select(User).where(User.username_key == username_key(username)))
    ).scalar_one_or_none()


async def get_active_by_usernames(session: AsyncSession, usernames: Iterable[str]) -> list[User]:
    """The active accounts among these usernames (ignoring case), in one query."""
    keys = {username_key(name) for name in usernames if USERNAME_RE.fullmatch(name)}
    if not keys:
        return []
    query = select(User).where(User.username_key.in_(keys), User.disabled_at.is_(None))
    return list((await session.scalars(query)).all())
