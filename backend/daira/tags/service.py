"""Hashtags: tagging new posts, tag pages and trending tags."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from daira.core.errors import ValidationFailed
from daira.models import Post, User
from daira.models.base import utcnow
from daira.posts.repository import page_params
from daira.tags import repository as repo
from daira.tags.entities import parse_entities, tag_key

TRENDING_WINDOW = timedelta(hours=24)
TRENDING_SIZE = 10


def valid_tag(tag: str) -> str:
    """The stored form of a tag from a URL or a query; 422 when nothing of it is left."""
    key = tag_key(tag.strip())
    if not key:
        raise ValidationFailed(
            "tag", "A tag is letters, digits and underscores.", code="invalid_tag"
        )
    return key


class TagService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def tag_post(self, post: Post) -> None:
        tags = parse_entities(post.content).tags
        await repo.tag_post(self.session, post.id, post.created_at, tags)

    async def posts(self, viewer: User, tag: str, cursor: Any, limit: int) -> list[Any]:
        params = {**page_params(viewer.id, cursor, limit), "tag_name": valid_tag(tag)}
        return list((await self.session.execute(repo.TAG_POSTS, params)).all())

    async def trending(self, viewer: User) -> list[Any]:
        query = repo.trending(viewer.id, utcnow() - TRENDING_WINDOW, TRENDING_SIZE)
        return list((await self.session.execute(query)).all())
