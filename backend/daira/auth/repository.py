"""Queries of the auth domain: accounts by address, emailed tokens, sessions."""

from __future__ import annotations

from sqlalchemy import and_, exists, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from daira.models import AccountToken, TokenPurpose, User, UserSession
from daira.models.base import utcnow


async def user_by_email(db: AsyncSession, email: str) -> User | None:
    return await db.scalar(select(User).where(User.email == email.strip().lower()))


async def void_tokens(db: AsyncSession, user_id: int, purpose: TokenPurpose) -> None:
    """Mark every outstanding token of this purpose used, so none of them works any more."""
    await db.execute(
        update(AccountToken)
        .where(
            AccountToken.user_id == user_id,
            AccountToken.purpose == purpose,
            AccountToken.used_at.is_(None),
        )
        .values(used_at=utcnow())
    )


async def live_sessions(db: AsyncSession, user_id: int) -> list[UserSession]:
    """The user's sessions that still work, most recently used first."""
    rows = await db.scalars(
        select(UserSession)
        .where(
            UserSession.user_id == user_id,
            UserSession.revoked_at.is_(None),
            UserSession.expires_at > utcnow(),
        )
        .order_by(UserSession.last_seen_at.desc(), UserSession.id.desc())
    )
    return list(rows)


async def has_sessions(db: AsyncSession, user_id: int) -> bool:
    return bool(await db.scalar(select(exists().where(UserSession.user_id == user_id))))


async def seen_from(db: AsyncSession, user_id: int, *, user_agent: str, ip: str) -> bool:
    """Whether this account has signed in before from this device and from this address."""
    own = UserSession.user_id == user_id
    same_device = exists().where(own, UserSession.user_agent == user_agent)
    same_address = exists().where(own, UserSession.ip == ip)
    return bool(await db.scalar(select(and_(same_device, same_address))))
