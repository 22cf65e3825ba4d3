"""Notifications: who is told what, and what disappears while content is hidden."""

from __future__ import annotations

import httpx

from tests.conftest import AppHarness, MakeUser
from tests.support.community import kinds, like, notifications, relate, unread
from tests.support.social import (
    API,
    comment,
    disable,
    enable,
    follow,
    post,
    set_comment_status,
    set_post_status,
)


async def test_follow_like_comment_and_mention_notify_with_the_spec_fields(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    mona = await make_user("mona", display_name="Mona")
    omar = await make_user("omar")
    sara = await make_user("sara")
    await follow(client, omar, "mona")
    p = await post(client, mona, "hello")
    assert (await like(client, omar, p["id"])).status_code == 204
    c = await comment(client, omar, p["id"], "nice, @sara look")
    items = await notifications(client, mona)
    assert [n["kind"] for n in items] == ["comment", "like", "follow"]
    newest = items[0]
    assert set(newest) >= {"id", "kind", "actor", "post_id", "comment_id", "created_at", "read"}
    assert newest["actor"] == {"username": "omar", "display_name": "Omar", "avatar_url": None}
    assert (newest["post_id"], newest["comment_id"], newest["read"]) == (p["id"], c["id"], False)
    assert (items[1]["post_id"], items[1]["comment_id"]) == (p["id"], None)
    assert items[2]["post_id"] is None
    assert await kinds(client, sara) == [("mention", "omar")]
    assert await unread(client, mona) == 3


async def test_nobody_is_notified_of_their_own_actions(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    mona = await make_user("mona")
    p = await post(client, mona, "me, @mona, myself")
    await like(client, mona, p["id"])
    await comment(client, mona, p["id"], "replying to @mona")
    assert await notifications(client, mona) == []
    assert await unread(client, mona) == 0


async def test_like_unlike_like_and_follow_unfollow_follow_notify_once(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    mona = await make_user("mona")
    omar = await make_user("omar")
    p = await post(client, mona)
    for _ in range(2):
        await like(client, omar, p["id"])
        await client.delete(f"{API}/posts/{p['id']}/like", headers=omar.headers)
        await follow(client, omar, "mona")
        await client.delete(f"{API}/users/mona/follow", headers=omar.headers)
    await like(client, omar, p["id"])
    assert sorted(await kinds(client, mona)) == [("follow", "omar"), ("like", "omar")]


async def test_a_comment_on_a_post_mentioning_its_author_notifies_once(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    mona = await make_user("mona")
    omar = await make_user("omar")
    p = await post(client, mona)
    await comment(client, omar, p["id"], "@mona yes")
    assert await kinds(client, mona) == [("comment", "omar")]


async def test_mentions_reach_only_active_accounts_and_at_most_ten(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness
) -> None:
    author = await make_user("author")
    people = [await make_user(f"person{n:02d}", login=n < 2) for n in range(12)]
    gone = await make_user("gone")
    await disable(harness, gone.id)
    names = " ".join(f"@{p.username}" for p in people)
    await post(client, author, f"@gone @nobody_here {names}")
    assert await kinds(client, people[0]) == [("mention", "author")]
    async with harness.session() as session:
        from sqlalchemy import func, select

        from daira.models import Notification

        total = await session.scalar(select(func.count()).select_from(Notification))
    # "@gone" and "@nobody_here" use two of the ten mentions; neither is notified.
    assert total == 8


async def test_hidden_deleted_and_disabled_content_notifies_nobody_and_drops_out(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness
) -> None:
    mona = await make_user("mona")
    omar = await make_user("omar")
    p = await post(client, mona, "post")
    await like(client, omar, p["id"])
    c = await comment(client, omar, p["id"], "hi @mona")
    assert await unread(client, mona) == 2

    await set_comment_status(harness, c["id"], "hidden")
    assert await kinds(client, mona) == [("like", "omar")]
    await set_comment_status(harness, c["id"], "visible")
    await set_post_status(harness, p["id"], "hidden")
    assert await kinds(client, mona) == []
    assert await unread(client, mona) == 0
    await set_post_status(harness, p["id"], "visible")
    assert await unread(client, mona) == 2

    await disable(harness, omar.id)
    assert await unread(client, mona) == 0
    await enable(harness, omar.id)
    assert await unread(client, mona) == 2

    # A mention inside hidden content is never sent.
    sara = await make_user("sara")
    await set_post_status(harness, p["id"], "hidden")
    await comment(client, mona, p["id"], "@sara see")
    assert await notifications(client, sara) == []

    await set_post_status(harness, p["id"], "visible")
    assert (await client.delete(f"{API}/posts/{p['id']}", headers=mona.headers)).status_code == 204
    assert await unread(client, mona) == 0


async def test_mark_read_all_or_up_to_an_id(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    mona = await make_user("mona")
    fans = [await make_user(f"fan{n}") for n in range(3)]
    for fan in fans:
        await follow(client, fan, "mona")
    items = await notifications(client, mona)
    oldest_two = items[1]["id"]
    response = await client.post(
        f"{API}/notifications/read", json={"up_to_id": oldest_two}, headers=mona.headers
    )
    assert response.status_code == 204
    assert [n["read"] for n in await notifications(client, mona)] == [False, True, True]
    assert await unread(client, mona) == 1
    assert (await client.post(f"{API}/notifications/read", headers=mona.headers)).status_code == 204
    assert await unread(client, mona) == 0
    for wrong in (0, True, "5"):
        bad = await client.post(
            f"{API}/notifications/read", json={"up_to_id": wrong}, headers=mona.headers
        )
        assert bad.status_code == 422, wrong
        assert [e["field"] for e in bad.json()["errors"]] == ["up_to_id"], wrong


async def test_blocked_and_muted_accounts_do_not_notify(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    mona = await make_user("mona")
    omar = await make_user("omar")
    sara = await make_user("sara")
    p = await post(client, mona)
    await like(client, omar, p["id"])
    await like(client, sara, p["id"])
    await relate(client, mona, "omar", "mute")
    await relate(client, mona, "sara", "block")
    assert await notifications(client, mona) == []
    await post(client, omar, "@mona hello")
    await post(client, sara, "@mona hello")
    assert await unread(client, mona) == 0
    await relate(client, mona, "omar", "mute", "DELETE")
    assert await kinds(client, mona) == [("like", "omar")]


async def test_reporters_learn_the_outcome_without_the_moderator_named(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    from daira.models import Role

    author = await make_user("author")
    reporter = await make_user("reporter")
    moderator = await make_user("moderator", role=Role.moderator)
    p = await post(client, author, "spam spam")
    response = await client.post(
        f"{API}/posts/{p['id']}/report", json={"reason": "spam"}, headers=reporter.headers
    )
    assert response.status_code == 201, response.text
    queue = await client.get(f"{API}/admin/moderation-queue", headers=moderator.headers)
    entry = queue.json()["items"][0]["id"]
    decided = await client.post(
        f"{API}/admin/moderation-queue/{entry}/remove", json={}, headers=moderator.headers
    )
    assert decided.status_code == 200, decided.text
    [note] = await notifications(client, reporter)
    assert (note["kind"], note["actor"], note["post_id"], note["outcome"]) == (
        "report_resolved",
        None,
        p["id"],
        "removed",
    )


async def test_a_notification_page_is_one_statement_and_ten_mentions_one_insert(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness
) -> None:
    from tests.feed.test_query_count import count_statements

    mona = await make_user("mona")
    omar = await make_user("omar")
    fans = [await make_user(f"fan{n}", login=False) for n in range(10)]
    await follow(client, omar, "mona")
    await notifications(client, mona)  # warm-up: session touch, caches
    with count_statements(harness) as one:
        assert len(await notifications(client, mona)) == 1
    with count_statements(harness) as publishing:
        await post(client, omar, "@mona " + " ".join(f"@{fan.username}" for fan in fans[1:]))
    assert len([s for s in publishing if "INSERT INTO notifications" in s]) == 1
    with count_statements(harness) as again:
        assert len(await notifications(client, mona)) == 2
    assert len(again) == len(one)
    assert len([s for s in again if "FROM notifications" in s]) == 1
