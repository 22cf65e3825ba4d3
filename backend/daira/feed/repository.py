"""The three post timelines, each one statement built on `visible_posts`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CompoundSelect, literal, select, true, union_all
from sqlalchemy.orm import aliased

from daira.core.sql import RowSelect
from daira.models import Follow, Post, User
from daira.posts.repository import before_cursor, newest_first, post_state_visible, visible_posts

Cursor = tuple[datetime, int] | None


def _feed_authors(viewer_id: int) -> CompoundSelect[int]:
    """The viewer and every active account they follow."""
    followee = aliased(User, name="followee")
    return union_all(
        select(Follow.followee_id.label("author_id"))
        .join(followee, followee.id == Follow.followee_id)
        .where(Follow.follower_id == viewer_id, followee.disabled_at.is_(None)),
        select(literal(viewer_id, Follow.followee_id.type).label("author_id")),
    )


def home_feed(viewer_id: int, cursor: Cursor, limit: int, *, per_author: bool) -> RowSelect:
    """The viewer's own posts and those of everyone they follow, newest first.

    With `per_author` (PostgreSQL), each author contributes at most one page of candidates
    through a LATERAL walk of ix_posts_author_feed (an index-only scan: it carries the
    visibility columns), and only the page's winners are read from the table. The cost is
    then one short index descent per followed author whatever the feed's density, where
    `author_id IN (...)` ordered by time lets the planner pick a global time scan that
    degrades on sparse feeds. SQLite has no LATERAL and keeps the plain form.
    """
    authors = _feed_authors(viewer_id)
    if not per_author:
        query = visible_posts(viewer_id).where(Post.author_id.in_(authors))
        return newest_first(query, cursor, limit)
    feed_authors = authors.subquery("feed_authors")
    candidate = aliased(Post, name="candidate")
    per_author_page = (
        select(candidate.id, candidate.created_at)
        .where(
            candidate.author_id == feed_authors.c.author_id,
            post_state_visible(viewer_id, candidate),
            before_cursor(candidate, cursor),
        )
        .order_by(candidate.created_at.desc(), candidate.id.desc())
        .limit(limit + 1)
        .lateral("per_author")
    )
    page_ids = (
        select(per_author_page.c.id)
        .select_from(feed_authors)
        .join(per_author_page, true())
        .order_by(per_author_page.c.created_at.desc(), per_author_page.c.id.desc())
        .limit(limit + 1)
    )
    return newest_first(visible_posts(viewer_id).where(Post.id.in_(page_ids)), None, limit)


def public_timeline(viewer_id: int, cursor: Cursor, limit: int) -> RowSelect:
    return newest_first(visible_posts(viewer_id), cursor, limit)


def user_posts(viewer_id: int, author_id: int, cursor: Cursor, limit: int) -> RowSelect:
    return newest_first(visible_posts(viewer_id).where(Post.author_id == author_id), cursor, limit)
