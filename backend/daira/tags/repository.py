"""Queries over hashtags: tagging a post, tag pages, trending tags, tag search."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BindParameter, String, bindparam, func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from daira.core.sql import RowSelect, dialect_insert
from daira.models import Post, PostTag, Tag
from daira.models.base import utcnow
from daira.posts.repository import (
    CURSOR_AT,
    CURSOR_ID,
    PAGE_SIZE,
    Author,
    post_visibility,
    visible_posts,
)

TAG_NAME: BindParameter[str] = bindparam("tag_name", type_=String())

TAG_POSTS = (
    visible_posts()
    .join(PostTag, PostTag.post_id == Post.id)
    .where(
        PostTag.tag_id == select(Tag.id).where(Tag.name == TAG_NAME).scalar_subquery(),
        tuple_(PostTag.created_at, PostTag.post_id) < tuple_(CURSOR_AT, CURSOR_ID),
    )
    # post_tags carries the post's (created_at, id): the page walks ix_post_tags_tag_created
    # instead of sorting every post of a popular tag.
    .order_by(PostTag.created_at.desc(), PostTag.post_id.desc())
    .limit(PAGE_SIZE)
)
"""Visible posts carrying the tag `tag_name`, newest first (with `page_params`)."""


async def tag_post(
    session: AsyncSession, post_id: int, created_at: datetime, tags: tuple[tuple[str, str], ...]
) -> None:
    """Attach `(name, as written)` tags to a post, creating the tags that are new."""
    if not tags:
        return
    await session.execute(
        dialect_insert(session)(Tag)
        .values([{"name": name, "display": shown, "created_at": utcnow()} for name, shown in tags])
        .on_conflict_do_nothing(index_elements=["name"])
    )
    tag_ids = (
        await session.scalars(select(Tag.id).where(Tag.name.in_([n for n, _ in tags])))
    ).all()
    await session.execute(
        dialect_insert(session)(PostTag)
        .values(
            [{"tag_id": tag_id, "post_id": post_id, "created_at": created_at} for tag_id in tag_ids]
        )
        .on_conflict_do_nothing(index_elements=["tag_id", "post_id"])
    )


def trending(viewer_id: int, since: datetime, limit: int) -> RowSelect:
    """Tags by how many posts the viewer may see carried them since `since`."""
    uses = func.count(PostTag.post_id).label("post_count")
    return (
        select(Tag.name, Tag.display, uses)
        .select_from(PostTag)
        .join(Tag, Tag.id == PostTag.tag_id)
        .join(Post, Post.id == PostTag.post_id)
        .join(Author, Author.id == Post.author_id)
        .where(PostTag.created_at >= since, post_visibility(viewer_id))
        .group_by(Tag.id, Tag.name, Tag.display)
        .order_by(uses.desc(), Tag.name)
        .limit(limit)
    )


def by_prefix(prefix: str, cursor: tuple[datetime, int] | None, limit: int) -> RowSelect:
    """Tags whose normalised name starts with `prefix`, newest first."""
    query = select(Tag.id, Tag.name, Tag.display, Tag.created_at).where(
        Tag.name.startswith(prefix, autoescape=True)
    )
    if cursor is not None:
        query = query.where(
            tuple_(Tag.created_at, Tag.id)
            < tuple_(
                bindparam("c_at", cursor[0], type_=Tag.created_at.type),
                bindparam("c_id", cursor[1]),
            )
        )
    return query.order_by(Tag.created_at.desc(), Tag.id.desc()).limit(limit + 1)
