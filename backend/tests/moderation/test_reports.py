"""Reporting posts and comments: one report per user and item, grouped, hidden at N reporters."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from daira.models import Post, QueueEntry, Report
from tests.conftest import MakeUser, postgres_only
from tests.support.moderation import API, queue, report, staff
from tests.support.social import comment, ids, post


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {"report_hide_threshold": 3, "rate_limit_reports_user": "4/hour"}


async def test_reporting_a_post_answers_201_and_queues_it(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    author = await make_user("author")
    reader = await make_user("reader")
    moderator = await staff(make_user)
    target = await post(client, author, "buy followers now")
    response = await report(client, reader, "post", target["id"], "spam", "  a bot  ")
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["item_type"], body["item_id"], body["reason"]) == ("post", target["id"], "spam")
    assert body["details"] == "a bot"
    [entry] = await queue(client, moderator)
    assert entry["source"] == "report"
    assert entry["item"]["content"] == "buy followers now"
    assert entry["reports"]["count"] == 1
    assert entry["reports"]["reasons"] == {"spam": 1}


async def test_a_second_report_by_the_same_user_is_a_conflict(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    author = await make_user("author")
    reader = await make_user("reader")
    target = await post(client, author)
    assert (await report(client, reader, "post", target["id"])).status_code == 201
    again = await report(client, reader, "post", target["id"], "hate")
    assert again.status_code == 409
    assert again.json()["code"] == "already_reported"


async def test_reports_of_one_item_join_one_queue_entry(
    client: httpx.AsyncClient, make_user: MakeUser, db: Any
) -> None:
    author = await make_user("author")
    target = await post(client, author)
    for n, reason in enumerate(["spam", "hate"]):
        reader = await make_user(f"reader{n}")
        assert (await report(client, reader, "post", target["id"], reason)).status_code == 201
    assert await db.scalar(select(func.count()).select_from(QueueEntry)) == 1
    entry = await db.scalar(select(QueueEntry))
    assert entry.report_count == 2
    # A hate report ranks the entry high in the queue.
    assert entry.severity == "high"


async def test_an_item_reported_by_n_distinct_users_is_hidden_until_reviewed(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    author = await make_user("author")
    viewer = await make_user("viewer")
    target = await post(client, author, "questionable")
    for n in range(2):
        reader = await make_user(f"reader{n}")
        await report(client, reader, "post", target["id"])
    assert target["id"] in await ids(client, "/posts", viewer)
    third = await make_user("reader2")
    await report(client, third, "post", target["id"])
    assert target["id"] not in await ids(client, "/posts", viewer)
    own = await client.get(f"{API}/posts/{target['id']}", headers=author.headers)
    assert own.json()["moderation_status"] == "hidden"


async def test_comments_can_be_reported(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    author = await make_user("author")
    reader = await make_user("reader")
    moderator = await staff(make_user)
    target = await post(client, author)
    reply = await comment(client, author, target["id"], "rude words")
    response = await report(client, reader, "comment", reply["id"], "harassment")
    assert response.status_code == 201, response.text
    [entry] = await queue(client, moderator)
    assert (entry["item_type"], entry["item"]["content"]) == ("comment", "rude words")
    assert entry["item"]["post_id"] == target["id"]


@pytest.mark.parametrize("item_type", ["post", "comment"])
async def test_reporting_a_missing_item_is_404(
    client: httpx.AsyncClient, make_user: MakeUser, item_type: str
) -> None:
    reader = await make_user("reader")
    response = await report(client, reader, item_type, 999_999)
    assert response.status_code == 404
    assert response.json()["code"] == f"{item_type}_not_found"


async def test_nobody_reports_their_own_post(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    author = await make_user("author")
    target = await post(client, author)
    response = await report(client, author, "post", target["id"])
    assert response.status_code == 422
    assert response.json()["code"] == "cannot_report_own"


@pytest.mark.parametrize(
    "body",
    [{}, {"reason": "boring"}, {"reason": "spam", "details": "x" * 1001}, {"reason": None}],
)
async def test_invalid_reports_are_422(
    client: httpx.AsyncClient, make_user: MakeUser, body: dict[str, Any], db: Any
) -> None:
    author = await make_user("author")
    reader = await make_user("reader")
    target = await post(client, author)
    response = await client.post(
        f"{API}/posts/{target['id']}/report", json=body, headers=reader.headers
    )
    assert response.status_code == 422
    assert await db.scalar(select(func.count()).select_from(Report)) == 0


async def test_reports_need_a_signed_in_user(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    author = await make_user("author")
    target = await post(client, author)
    response = await client.post(f"{API}/posts/{target['id']}/report", json={"reason": "spam"})
    assert response.status_code == 401


async def test_reports_are_rate_limited_per_user(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    author = await make_user("author")
    reader = await make_user("reader")
    targets = [await post(client, author, f"post {n}") for n in range(5)]
    answers = [(await report(client, reader, "post", t["id"])).status_code for t in targets]
    assert answers == [201, 201, 201, 201, 429]


@postgres_only
async def test_concurrent_reports_are_all_counted_in_one_entry(
    client: httpx.AsyncClient, make_user: MakeUser, db: Any
) -> None:
    author = await make_user("author")
    target = await post(client, author)
    readers = [await make_user(f"reader{n}") for n in range(4)]
    answers = await asyncio.gather(*(report(client, r, "post", target["id"]) for r in readers))
    assert [a.status_code for a in answers] == [201] * 4
    entry = await db.scalar(select(QueueEntry))
    assert entry.report_count == 4
    status = await db.scalar(select(Post.moderation_status).where(Post.id == target["id"]))
    assert status == "hidden"
