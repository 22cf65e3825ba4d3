"""The three post timelines, each one statement built on `visible_posts`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import literal, select, union_all

from daira.core.sql import RowSelect
from daira.models import Follow, Post
from daira.posts.repository import newest_first, visible_posts

Cursor = tuple[datetime, int] | None


def home_feed(viewer_id: int, cursor: Cursor, limit: int) -> RowSelect:
    """The viewer's own posts and those of everyone they follow.

    `author_id IN (followees + me)` lets PostgreSQL walk ix_posts_author_created once per
    author and merge, rather than scan the whole timeline.
    """
    authors = union_all(
        select(Follow.followee_id).where(Follow.follower_id == viewer_id),
        select(literal(viewer_id, Follow.followee_id.type)),
    )
    query = visible_posts(viewer_id).where(Post.author_id.in_(authors))
    return newest_first(query, cursor, limit)


def public_timeline(viewer_id: int, cursor: Cursor, limit: int) -> RowSelect:
    return newest_first(visible_posts(viewer_id), cursor, limit)


def user_posts(viewer_id: int, author_id: int, cursor: Cursor, limit: int) -> RowSelect:
    return newest_first(visible_posts(viewer_id).where(Post.author_id == author_id), cursor, limit)
