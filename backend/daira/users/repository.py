"""Queries over user accounts."""

from __future__ import annotations

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
