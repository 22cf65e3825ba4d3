"""Tag pages and trending tags."""

from __future__ import annotations

from datetime import timedelta

import httpx
from sqlalchemy import update

from daira.models import PostTag
from daira.models.base import utcnow
from tests.conftest import AppHarness, MakeUser
from tests.support.social import API, disable, ids, post, set_post_status


async def test_a_tag_page_lists_visible_posts_newest_first_whatever_the_spelling(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness
) -> None:
    mona = await make_user("mona")
    omar = await make_user("omar")
    first = await post(client, mona, "in #القاهرة today")
    second = await post(client, omar, "#القاهره again")
    third = await post(client, mona, "#القاهرةُ with tashkeel")
    await post(client, mona, "#alex elsewhere")
    hidden = await post(client, omar, "#القاهرة hidden")
    await set_post_status(harness, hidden["id"], "hidden")
    expected = [third["id"], second["id"], first["id"]]
    for spelling in ("القاهرة", "القاهره", "%23القاهرة"):
        assert await ids(client, f"/tags/{spelling}/posts", mona) == expected
    # The author still sees their own hidden post, as on every list.
    assert hidden["id"] in await ids(client, "/tags/القاهرة/posts", omar)
    page = await client.get(f"{API}/tags/القاهرة/posts", params={"limit": 2}, headers=mona.headers)
    rest = await client.get(
        f"{API}/tags/القاهرة/posts",
        params={"limit": 2, "cursor": page.json()["next_cursor"]},
        headers=mona.headers,
    )
    assert [p["id"] for p in rest.json()["items"]] == [first["id"]]
    assert await ids(client, "/tags/unknown/posts", mona) == []
    bad = await client.get(f"{API}/tags/!!!/posts", headers=mona.headers)
    assert bad.status_code == 422
    await disable(harness, omar.id)
    assert await ids(client, "/tags/القاهرة/posts", mona) == [third["id"], first["id"]]


async def test_trending_counts_the_last_day_without_hidden_content(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness
) -> None:
    mona = await make_user("mona")
    for text in ("#cairo", "#Cairo #nile", "#CAIRO", "#nile", "#old", "#hidden", "#hidden"):
        created = await post(client, mona, text)
        if "hidden" in text:
            await set_post_status(harness, created["id"], "hidden")
        if "old" in text:
            async with harness.session() as session:
                await session.execute(
                    update(PostTag)
                    .where(PostTag.post_id == created["id"])
                    .values(created_at=utcnow() - timedelta(hours=25))
                )
                await session.commit()
    viewer = await make_user("viewer")
    response = await client.get(f"{API}/tags/trending", headers=viewer.headers)
    assert response.status_code == 200
    assert [(t["name"], t["post_count"]) for t in response.json()["items"]] == [
        ("cairo", 3),
        ("nile", 2),
    ]
    assert response.json()["items"][0]["display"] == "cairo"
