"""Following and unfollowing, and who follows whom."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from daira.blocks.repository import is_blocked_between
from daira.core.errors import Forbidden, ValidationFailed
from daira.graph import repository as repo
from daira.graph.repository import Direction
from daira.models import User
from daira.notifications.service import Notifier
from daira.users.service import UserService


class GraphService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.users = UserService(session)

    async def follow(self, follower: User, username: str) -> None:
        """Idempotent: following someone already followed changes nothing. Refused on
        either side of a block (without saying who blocked whom)."""
        followee = await self.users.find(follower, username)
        if followee.id == follower.id:
            raise ValidationFailed(
                "username", "You cannot follow yourself.", code="cannot_follow_self"
            )
        if await is_blocked_between(self.session, follower.id, followee.id):
            raise Forbidden("You cannot follow this account.", code="follow_not_allowed")
        if await repo.add_follow(self.session, follower.id, followee.id):
            await Notifier(self.session).followed(follower, followee.id)

    async def unfollow(self, follower: User, username: str) -> None:
        """Idempotent: unfollowing someone not followed changes nothing."""
        followee = await self.users.find(follower, username)
        await repo.remove_follow(self.session, follower.id, followee.id)

    async def connections(
        self,
        viewer: User,
        username: str,
        direction: Direction,
        cursor: tuple[datetime, int] | None,
        limit: int,
    ) -> list[Any]:
        user = await self.users.find(viewer, username)
        query = repo.connections_page(direction, user.id, cursor, limit)
        return list((await self.session.execute(query)).all())

    async def suggestions(self, viewer: User, limit: int) -> list[User]:
        """Whom the viewer might follow next (the "who to follow" list)."""
        return list(await self.session.scalars(repo.suggestions(viewer.id, limit)))
