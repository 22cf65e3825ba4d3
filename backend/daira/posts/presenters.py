"""Shape post and comment rows (from `daira.posts.repository`) for the API."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from daira.config import Settings
from daira.core.pagination import Page, encode_cursor
from daira.media.storage import avatar_url
from daira.posts.schemas import AuthorOut, CommentOut, PostOut

T = TypeVar("T")


def _author(settings: Settings, row: Any) -> AuthorOut:
    return AuthorOut(
        username=row.author_username,
        display_name=row.author_display_name,
        avatar_url=avatar_url(settings, row.author_avatar_key),
    )


def post_out(settings: Settings, row: Any) -> PostOut:
    return PostOut(
        id=row.id,
        author=_author(settings, row),
        content=row.content,
        created_at=row.created_at,
        like_count=row.like_count,
        comment_count=row.comment_count,
        liked_by_me=bool(row.liked_by_me),
        moderation_status=row.moderation_status,
    )


def comment_out(settings: Settings, row: Any) -> CommentOut:
    return CommentOut(
        id=row.id,
        post_id=row.post_id,
        author=_author(settings, row),
        content=row.content,
        created_at=row.created_at,
        moderation_status=row.moderation_status,
    )


def page_of(
    rows: Sequence[Any], limit: int, shape: Callable[[Settings, Any], T], settings: Settings
) -> Page[T]:
    """A page from `limit + 1` rows ordered by (created_at, id): the extra row means more."""
    items = rows[:limit]
    next_cursor = (
        encode_cursor(items[-1].created_at, items[-1].id) if len(rows) > limit and items else None
    )
    return Page(items=[shape(settings, row) for row in items], next_cursor=next_cursor)
