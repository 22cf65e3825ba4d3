"""The three post timelines, each one prebuilt statement on `visible_posts`.

Execute them with `page_params(viewer_id, cursor, limit)` (plus `author_id` for USER_POSTS).
"""

from __future__ import annotations

from sqlalchemy import CompoundSelect, bindparam, select, true, union_all
from sqlalchemy.orm import aliased

from daira.blocks.repository import muted_by
from daira.core.sql import RowSelect
from daira.models import Follow, Post, User
from daira.models.base import BigId
from daira.posts.repository import (
    PAGE_SIZE,
    VIEWER_ID,
    before_cursor,
    newest_first,
    post_state_visible,
    timeline_posts,
    visible_posts,
)


def _feed_authors() -> CompoundSelect[int]:
    """The viewer and every active account they follow and did not mute (a block has
    already ended the follows both ways)."""
    followee = aliased(User, name="followee")
    return union_all(
        select(Follow.followee_id.label("author_id"))
        .join(followee, followee.id == Follow.followee_id)
        .where(
            Follow.follower_id == VIEWER_ID,
            followee.disabled_at.is_(None),
            ~muted_by(VIEWER_ID, followee.id),
        ),
        select(VIEWER_ID.label("author_id")),
    )


def _home_feed(*, per_author: bool) -> RowSelect:
    """The viewer's own posts and those of everyone they follow, newest first.

    With `per_author` (PostgreSQL), each author contributes at most one page of candidates
    through a LATERAL walk of ix_posts_author_created (an index-only scan: it carries the
    visibility columns), and only the page's winners are read from the table. The cost is
    then one short index descent per followed author whatever the feed's density, where
    `author_id IN (...)` ordered by time lets the planner pick a global time scan that
    degrades on sparse feeds. SQLite has no LATERAL and keeps the plain form.
    """
    authors = _feed_authors()
    if not per_author:
        return newest_first(timeline_posts().where(Post.author_id.in_(authors)))
    feed_authors = authors.subquery("feed_authors")
    candidate = aliased(Post, name="candidate")
    per_author_page = (
        select(candidate.id, candidate.created_at)
        .where(
            candidate.author_id == feed_authors.c.author_id,
            post_state_visible(post=candidate),
            before_cursor(candidate),
        )
        .order_by(candidate.created_at.desc(), candidate.id.desc())
        .limit(PAGE_SIZE)
        .lateral("per_author")
    )
    page_ids = (
        select(per_author_page.c.id)
        .select_from(feed_authors)
        .join(per_author_page, true())
        .order_by(per_author_page.c.created_at.desc(), per_author_page.c.id.desc())
        .limit(PAGE_SIZE)
    )
    return newest_first(timeline_posts().where(Post.id.in_(page_ids)))


HOME_FEED = {
    dialect: _home_feed(per_author=dialect == "postgresql") for dialect in ("postgresql", "sqlite")
}
PUBLIC_TIMELINE = newest_first(timeline_posts())
USER_POSTS = newest_first(
    visible_posts().where(Post.author_id == bindparam("author_id", type_=BigId))
)
