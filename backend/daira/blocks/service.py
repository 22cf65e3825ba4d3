"""Blocking and muting: named actions and the lists of blocked and muted accounts."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession

from daira.blocks import repository as repo
from daira.core.errors import ValidationFailed
from daira.models import Block, Mute, User
from daira.notifications.service import signal_unread_changed
from daira.users.service import UserService

Kind = Literal["block", "mute"]
_RELATION: dict[Kind, type[Block] | type[Mute]] = {"block": Block, "mute": Mute}


class BlockService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.users = UserService(session)

    async def _other(self, owner: User, username: str, kind: Kind) -> User:
        other = await self.users.find(owner, username)
        if other.id == owner.id:
            raise ValidationFailed(
                "username", f"You cannot {kind} yourself.", code=f"cannot_{kind}_self"
            )
        return other

    async def add(self, owner: User, username: str, kind: Kind) -> None:
        """Idempotent. A block also ends the follows both ways; the other is not told."""
        other = await self._other(owner, username, kind)
        if await repo.add(self.session, _RELATION[kind], owner.id, other.id):
            if kind == "block":
                await repo.end_follows(self.session, owner.id, other.id)
            # The other account's notifications to the owner leave the owner's count.
            signal_unread_changed(self.session, owner.id)

    async def remove(self, owner: User, username: str, kind: Kind) -> None:
        other = await self._other(owner, username, kind)
        if await repo.remove(self.session, _RELATION[kind], owner.id, other.id):
            signal_unread_changed(self.session, owner.id)

    async def listing(
        self, owner: User, kind: Kind, cursor: tuple[datetime, int] | None, limit: int
    ) -> list[Any]:
        query = repo.listing(_RELATION[kind], owner.id, cursor, limit)
        return list((await self.session.execute(query)).all())
