"""Search: people by username or display-name prefix, posts by words, tags by prefix."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from daira.models import User
from daira.models.user import name_key
from daira.moderation.normalize import normalize
from daira.posts.repository import page_params
from daira.search import repository as repo
from daira.tags import repository as tags
from daira.tags.entities import tag_key
from daira.users.validation import username_key

# Words beyond these add little and make the query dearer.
MAX_WORDS = 8

Cursor = tuple[datetime, int] | None


class SearchService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def users(self, viewer: User, q: str, cursor: Cursor, limit: int) -> list[Any]:
        text = q.strip().removeprefix("@")
        name = name_key(text)
        if not name:
            return []
        query = repo.users_by_prefix(viewer.id, username_key(text), name, cursor, limit)
        return list((await self.session.scalars(query)).all())

    async def posts(self, viewer: User, q: str, cursor: Cursor, limit: int) -> list[Any]:
        words = normalize(q).split()[:MAX_WORDS]
        if not words:
            return []
        dialect = self.session.get_bind().dialect.name
        query = repo.posts_with_words(dialect, words)
        return list(
            (await self.session.execute(query, page_params(viewer.id, cursor, limit))).all()
        )

    async def tags(self, q: str, cursor: Cursor, limit: int) -> list[Any]:
        prefix = tag_key(q.strip())
        if not prefix:
            return []
        return list((await self.session.execute(tags.by_prefix(prefix, cursor, limit))).all())
