"""The planner can answer the hot queries from their indexes (PostgreSQL only)."""

import re
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.dialects import postgresql

from daira.core.sql import RowSelect
from daira.feed.repository import HOME_FEED, USER_POSTS
from daira.models.base import utcnow
from daira.posts.repository import VISIBLE_COMMENTS, page_params
from tests.conftest import AppHarness, postgres_only

pytestmark = postgres_only


async def _seed(harness: AppHarness) -> None:
    """20,000 posts by 40 authors, follows and comments, then VACUUM ANALYZE."""
    async with harness.session() as session:
        await session.execute(
            text(
                "INSERT INTO users (email, username, username_key, display_name, bio, locale, "
                "password_hash, role, created_at) SELECT 'u' || g || '@example.com', 'u' || g, "
                "'u' || g, 'U' || g, '', 'en', 'x', 'user', now() FROM generate_series(1, 40) g"
            )
        )
        await session.execute(
            text(
                "INSERT INTO posts (author_id, content, created_at, moderation_status, like_count) "
                "SELECT 1 + g % 40, 'post ' || g, now() - g * interval '1 minute', 'visible', 0 "
                "FROM generate_series(1, 20000) g"
            )
        )
        await session.execute(
            text(
                "INSERT INTO follows (follower_id, followee_id, created_at) "
                "SELECT 1, g, now() FROM generate_series(2, 6) g"
            )
        )
        await session.execute(
            text(
                "INSERT INTO comments (post_id, author_id, content, created_at, moderation_status) "
                "SELECT 1 + g % 20000, 1 + g % 40, 'c', now() - g * interval '1 second', 'visible' "
                "FROM generate_series(1, 20000) g"
            )
        )
        await session.commit()
    # Fresh statistics and visibility map, as autovacuum would leave them on a live table.
    async with harness.app.state.engine.connect() as conn:
        conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
        await conn.execute(text("VACUUM ANALYZE"))


async def _plan(harness: AppHarness, query: RowSelect, **params: Any) -> str:
    bound = query.params(**params)
    compiled = bound.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True})
    async with harness.session() as session:
        await session.execute(text("SET enable_seqscan = off"))
        rows = (await session.execute(text(f"EXPLAIN {compiled}"))).scalars().all()
    return "\n".join(rows)


@pytest.fixture
async def seeded(harness: AppHarness) -> AppHarness:
    await _seed(harness)
    return harness


async def test_home_feed_walks_the_author_index_without_touching_the_table(
    seeded: AppHarness,
) -> None:
    for cursor in (None, (utcnow(), 10_000)):
        plan = await _plan(seeded, HOME_FEED["postgresql"], **page_params(1, cursor, 20))
        assert "Index Only Scan Backward using ix_posts_author_created" in plan, plan


async def test_profile_posts_walk_the_author_index(seeded: AppHarness) -> None:
    plan = await _plan(seeded, USER_POSTS, author_id=3, **page_params(1, None, 20))
    assert "ix_posts_author_created" in plan, plan


async def test_comments_walk_the_post_index(seeded: AppHarness) -> None:
    params = page_params(1, None, 50, oldest_first=True)
    plan = await _plan(seeded, VISIBLE_COMMENTS, post_id=5, **params)
    assert "ix_comments_post_created" in plan, plan


async def test_comment_counts_and_likes_use_indexes(seeded: AppHarness) -> None:
    plan = await _plan(seeded, HOME_FEED["postgresql"], **page_params(1, None, 20))
    assert "ix_comments_post_created" in plan, plan
    assert re.search(r"Index (Only )?Scan using \w+ on likes", plan), plan
