"""Profiles and avatars: named actions over users."""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from daira.blocks import repository as blocks
from daira.core.errors import NotFound
from daira.core.jobs import enqueue
from daira.graph import repository as graph
from daira.media.backends import MediaStorage
from daira.media.images import (
    OUTPUT_CONTENT_TYPE,
    OUTPUT_EXTENSION,
    Readable,
    make_avatar_async,
    read_limited,
)
from daira.models import User
from daira.moderation.hooks import check_profile_fields
from daira.posts import repository as posts
from daira.posts.repository import is_staff
from daira.users import repository as repo
from daira.users.schemas import ProfileUpdateIn

_MODERATED_FIELDS = ("display_name", "bio")


def _user_not_found() -> NotFound:
    return NotFound("No user has this username.", code="user_not_found")


class UserService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def counts(self, viewer: User, user: User) -> Any:
        """followers_count, following_count, posts_count (as `viewer` sees them), is_following,
        is_blocked and is_muted (by the viewer)."""
        is_blocked, is_muted = blocks.state_of(viewer.id, user.id)
        query = select(
            graph.connections_count("followers", user.id).label("followers_count"),
            graph.connections_count("following", user.id).label("following_count"),
            posts.posts_count(viewer.id, user.id).label("posts_count"),
            graph.is_following(viewer.id, user.id).label("is_following"),
            is_blocked.label("is_blocked"),
            is_muted.label("is_muted"),
        )
        return (await self.session.execute(query)).one()

    async def find(self, viewer: User, username: str) -> User:
        """A profile by username (ignoring case); disabled accounts exist only for staff."""
        user = await repo.get_by_username(self.session, username)
        if user is None or (user.is_disabled and not is_staff(viewer)):
            raise _user_not_found()
        return user

    async def update_profile(self, user: User, changes: ProfileUpdateIn) -> None:
        fields = changes.model_dump(exclude_unset=True, exclude_none=True)
        moderated = {name: fields[name] for name in _MODERATED_FIELDS if name in fields}
        if moderated:
            await check_profile_fields(self.session, user, moderated)
        for name, value in fields.items():
            setattr(user, name, value)
        await self.session.flush()

    async def set_avatar(self, user: User, upload: Readable, storage: MediaStorage) -> None:
        image = await make_avatar_async(await read_limited(upload))
        key = f"avatars/{secrets.token_urlsafe(18)}.{OUTPUT_EXTENSION}"
        await storage.put(key, image, OUTPUT_CONTENT_TYPE)
        self._replace_avatar(user, key)
        await self.session.flush()

    async def remove_avatar(self, user: User) -> None:
        self._replace_avatar(user, None)
        await self.session.flush()

    def _replace_avatar(self, user: User, key: str | None) -> None:
        if user.avatar_key is not None:
            enqueue(self.session, "delete_media", key=user.avatar_key)
        user.avatar_key = key
