"""The planner answers search, tag, notification and muted-timeline queries from their
indexes (PostgreSQL only), and the home feed keeps its index-only walk with mutes."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.dialects import postgresql

from daira.core.sql import RowSelect
from daira.feed.repository import HOME_FEED, PUBLIC_TIMELINE
from daira.notifications.repository import PAGE, STATE
from daira.posts.repository import page_params
from daira.search.repository import posts_with_words, users_by_prefix
from daira.tags.repository import TAG_POSTS, by_prefix
from tests.conftest import AppHarness, postgres_only

pytestmark = postgres_only


async def _seed(harness: AppHarness) -> None:
    """20,000 posts by 40 authors with tags, mutes, blocks and notifications."""
    statements = [
        "INSERT INTO users (email, username, username_key, display_name, display_name_key, "
        "bio, locale, password_hash, role, created_at) SELECT 'u' || g || '@example.com', "
        "'u' || g, 'u' || g, 'U' || g, 'u' || g, '', 'en', 'x', 'user', now() "
        "FROM generate_series(1, 40) g",
        "INSERT INTO posts (author_id, content, search_text, created_at, moderation_status, "
        "like_count) SELECT 1 + g % 40, 'post ' || g, 'post word' || g || ' common', "
        "now() - g * interval '1 minute', 'visible', 0 FROM generate_series(1, 20000) g",
        "INSERT INTO follows (follower_id, followee_id, created_at) "
        "SELECT 1, g, now() FROM generate_series(2, 6) g",
        "INSERT INTO mutes (muter_id, muted_id, created_at) VALUES (1, 7, now()), (1, 3, now())",
        "INSERT INTO blocks (blocker_id, blocked_id, created_at) VALUES (1, 8, now())",
        "INSERT INTO tags (name, display, created_at) SELECT 't' || g, 't' || g, now() "
        "FROM generate_series(1, 200) g",
        "INSERT INTO post_tags (tag_id, post_id, created_at) SELECT 1 + g % 200, g, "
        "now() - g * interval '1 minute' FROM generate_series(1, 20000) g",
        "INSERT INTO notifications (recipient_id, kind, actor_id, post_id, created_at) "
        "SELECT 1 + g % 40, 'like', 1 + (g + 1) % 40, g, now() - g * interval '1 minute' "
        "FROM generate_series(1, 20000) g",
    ]
    async with harness.session() as session:
        for statement in statements:
            await session.execute(text(statement))
        await session.commit()
    async with harness.app.state.engine.connect() as conn:
        conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
        await conn.execute(text("VACUUM ANALYZE"))


@pytest.fixture
async def seeded(harness: AppHarness) -> AppHarness:
    await _seed(harness)
    return harness


async def _plan(harness: AppHarness, query: RowSelect, **params: Any) -> str:
    compiled = query.params(**params).compile(
        dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}
    )
    async with harness.session() as session:
        await session.execute(text("SET enable_seqscan = off"))
        rows = (await session.execute(text(f"EXPLAIN {compiled}"))).scalars().all()
    return "\n".join(rows)


async def test_post_search_uses_the_full_text_index(seeded: AppHarness) -> None:
    query = posts_with_words("postgresql", ["word123", "comm"])
    plan = await _plan(seeded, query, words="'word123':* & 'comm':*", **page_params(1, None, 20))
    assert "ix_posts_search" in plan, plan


async def test_people_search_uses_the_prefix_indexes(seeded: AppHarness) -> None:
    plan = await _plan(seeded, users_by_prefix(1, "u1", "u1", None, 20))
    assert "ix_users_username_key_prefix" in plan, plan
    assert "ix_users_display_name_key_prefix" in plan, plan


async def test_tag_pages_and_tag_search_walk_their_indexes(seeded: AppHarness) -> None:
    plan = await _plan(seeded, TAG_POSTS, tag_name="t5", **page_params(1, None, 20))
    assert "ix_post_tags_tag_created" in plan, plan
    assert "ix_tags_name_prefix" in await _plan(seeded, by_prefix("t199", None, 20))


async def test_notifications_walk_the_recipient_index(seeded: AppHarness) -> None:
    for query in (PAGE, STATE):
        plan = await _plan(seeded, query, **page_params(2, None, 20))
        assert "ix_notifications_recipient_created" in plan, plan


async def test_timelines_keep_their_indexes_with_mutes_and_blocks(seeded: AppHarness) -> None:
    feed = await _plan(seeded, HOME_FEED["postgresql"], **page_params(1, None, 20))
    assert "Index Only Scan Backward using ix_posts_author_created" in feed, feed
    public = await _plan(seeded, PUBLIC_TIMELINE, **page_params(1, None, 20))
    assert "ix_posts_created" in public, public
    for plan in (feed, public):
        assert "uq_mutes_muter_muted" in plan, plan
        assert re.search(r"using (uq_blocks_blocker_blocked|ix_blocks_blocked_blocker)", plan)
