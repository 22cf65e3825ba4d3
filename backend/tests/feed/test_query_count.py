from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
from sqlalchemy import event, insert

from daira.models import Comment, Like, Post
from daira.models.base import utcnow
from tests.conftest import AppHarness, MakeUser
from tests.support.social import API, follow


@contextmanager
def count_statements(harness: AppHarness) -> Iterator[list[str]]:
    statements: list[str] = []
    engine = harness.app.state.engine.sync_engine

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def _seed_posts(harness: AppHarness, author_id: int, liker_id: int, count: int) -> None:
    async with harness.session() as session:
        for _ in range(count):
            post_id = (
                await session.execute(
                    insert(Post)
                    .values(
                        author_id=author_id,
                        content="p",
                        created_at=utcnow(),
                        moderation_status="visible",
                        like_count=1,
                    )
                    .returning(Post.id)
                )
            ).scalar_one()
            await session.execute(
                insert(Like).values(user_id=liker_id, post_id=post_id, created_at=utcnow())
            )
            await session.execute(
                insert(Comment).values(
                    post_id=post_id,
                    author_id=liker_id,
                    content="c",
                    created_at=utcnow(),
                    moderation_status="visible",
                )
            )
        await session.commit()


@pytest.mark.parametrize("path", ["/feed", "/posts", "/users/bob/posts"])
async def test_a_page_costs_the_same_statements_for_1_or_100_posts(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness, path: str
) -> None:
    alice = await make_user("alice")
    bob = await make_user("bob")
    await follow(client, alice, "bob")
    await _seed_posts(harness, bob.id, alice.id, 1)
    await client.get(f"{API}{path}", headers=alice.headers)  # warm-up: session touch, caches

    with count_statements(harness) as one:
        page = (
            await client.get(f"{API}{path}", params={"limit": 100}, headers=alice.headers)
        ).json()
    assert len(page["items"]) == 1

    await _seed_posts(harness, bob.id, alice.id, 99)
    with count_statements(harness) as hundred:
        page = (
            await client.get(f"{API}{path}", params={"limit": 100}, headers=alice.headers)
        ).json()
    assert len(page["items"]) == 100
    assert all(item["liked_by_me"] and item["comment_count"] == 1 for item in page["items"])
    assert len(hundred) == len(one)
    # Authentication, then the page itself: one statement for posts, authors and counts.
    assert len([s for s in hundred if "FROM posts" in s]) == 1
