"""Blocks: endpoints, lists, and the other account vanishing everywhere, both ways."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.conftest import MakeUser
from tests.support.community import like, relate, search
from tests.support.social import API, comment, follow, ids, post


async def _profile(client: httpx.AsyncClient, viewer: Any, username: str) -> dict[str, Any]:
    response = await client.get(f"{API}/users/{username}", headers=viewer.headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.mark.parametrize(("kind", "flag"), [("block", "is_blocked"), ("mute", "is_muted")])
async def test_block_and_mute_are_idempotent_listed_and_refused_on_yourself(
    client: httpx.AsyncClient, make_user: MakeUser, kind: str, flag: str
) -> None:
    mona = await make_user("mona")
    await make_user("omar")
    await make_user("sara")
    for name in ("omar", "omar", "sara"):
        await relate(client, mona, name, kind)
    listing = await client.get(f"{API}/users/me/{kind}s", headers=mona.headers, params={"limit": 1})
    body = listing.json()
    assert [u["username"] for u in body["items"]] == ["sara"]
    rest = await client.get(
        f"{API}/users/me/{kind}s", headers=mona.headers, params={"cursor": body["next_cursor"]}
    )
    assert [u["username"] for u in rest.json()["items"]] == ["omar"]
    assert (await _profile(client, mona, "omar"))[flag] is True
    for _ in range(2):
        await relate(client, mona, "omar", kind, "DELETE")
    assert (await _profile(client, mona, "omar"))[flag] is False
    own = await client.post(f"{API}/users/MONA/{kind}", headers=mona.headers)
    assert own.status_code == 422
    assert own.json()["code"] == f"cannot_{kind}_self"
    assert (
        await client.post(f"{API}/users/nobody/{kind}", headers=mona.headers)
    ).status_code == 404


async def test_a_block_ends_follows_both_ways_and_forbids_following(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    mona = await make_user("mona")
    omar = await make_user("omar")
    await follow(client, mona, "omar")
    await follow(client, omar, "mona")
    await relate(client, mona, "omar", "block")
    assert (await _profile(client, mona, "mona"))["followers_count"] == 0
    assert (await _profile(client, mona, "mona"))["following_count"] == 0
    for actor, other in ((mona, "omar"), (omar, "mona")):
        response = await client.post(f"{API}/users/{other}/follow", headers=actor.headers)
        assert response.status_code == 403
        assert response.json()["code"] == "follow_not_allowed"
    # The blocked account is not told: its view of the blocker's profile says nothing.
    seen = await _profile(client, omar, "mona")
    assert (seen["is_blocked"], seen["is_following"]) == (False, False)


async def test_after_a_block_neither_sees_nor_reaches_the_other(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    mona = await make_user("mona")
    omar = await make_user("omar")
    sara = await make_user("sara")
    mona_post = await post(client, mona, "mona writes #cairo")
    omar_post = await post(client, omar, "omar writes #cairo")
    sara_post = await post(client, sara, "sara writes")
    await comment(client, omar, sara_post["id"], "omar comments")
    await comment(client, mona, sara_post["id"], "mona comments")
    await relate(client, mona, "omar", "block")

    for viewer, other, other_post in ((mona, omar, omar_post), (omar, mona, mona_post)):
        assert other_post["id"] not in await ids(client, "/posts", viewer)
        assert await ids(client, f"/users/{other.username}/posts", viewer) == []
        assert other_post["id"] not in await ids(client, "/tags/cairo/posts", viewer)
        page = await client.get(f"{API}/posts/{other_post['id']}", headers=viewer.headers)
        assert page.status_code == 404
        comments = await client.get(
            f"{API}/posts/{sara_post['id']}/comments", headers=viewer.headers
        )
        assert [c["author"]["username"] for c in comments.json()["items"]] == [viewer.username]
        shown = await client.get(f"{API}/posts/{sara_post['id']}", headers=viewer.headers)
        assert shown.json()["comment_count"] == 1
        assert (await _profile(client, viewer, other.username))["posts_count"] == 0
        found = await search(client, viewer, "writes", "posts")
        assert other.username not in {p["author"]["username"] for p in found}
        assert viewer.username in {p["author"]["username"] for p in found}
        assert await search(client, viewer, other.username, "users") == []
        assert (await like(client, viewer, other_post["id"])).status_code == 404
        refused = await client.post(
            f"{API}/posts/{other_post['id']}/comments",
            json={"content": "hi"},
            headers=viewer.headers,
        )
        assert refused.status_code == 404
    # Everyone else still sees both.
    assert {mona_post["id"], omar_post["id"]} <= set(await ids(client, "/posts", sara))


async def test_a_mute_hides_timelines_comments_and_nothing_else(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    mona = await make_user("mona")
    omar = await make_user("omar")
    await follow(client, mona, "omar")
    omar_post = await post(client, omar, "omar speaks")
    mine = await post(client, mona, "mona speaks")
    await comment(client, omar, mine["id"], "omar replies")
    await relate(client, mona, "omar", "mute")

    assert await ids(client, "/feed", mona) == [mine["id"]]
    assert omar_post["id"] not in await ids(client, "/posts", mona)
    comments = await client.get(f"{API}/posts/{mine['id']}/comments", headers=mona.headers)
    assert comments.json()["items"] == []
    # Nothing else: the profile, the post page, search, and following stay.
    assert await ids(client, "/users/omar/posts", mona) == [omar_post["id"]]
    assert (
        await client.get(f"{API}/posts/{omar_post['id']}", headers=mona.headers)
    ).status_code == 200
    assert [p["id"] for p in await search(client, mona, "speaks", "posts")] == [
        mine["id"],
        omar_post["id"],
    ]
    assert (await _profile(client, mona, "omar"))["is_following"] is True
    # The muted account notices nothing.
    assert mine["id"] in await ids(client, "/posts", omar)
    await relate(client, mona, "omar", "mute", "DELETE")
    assert omar_post["id"] in await ids(client, "/feed", mona)


@pytest.mark.parametrize(
    "settings_overrides",
    [{"rate_limit_blocks_user": "2/minute", "rate_limit_mutes_user": "2/minute"}],
)
@pytest.mark.parametrize("kind", ["block", "mute"])
async def test_blocks_and_mutes_are_limited_per_user(
    client: httpx.AsyncClient, make_user: MakeUser, kind: str
) -> None:
    mona = await make_user("mona")
    for name in ("omar", "sara", "nour"):
        await make_user(name, login=False)
    codes = [
        (await client.post(f"{API}/users/{name}/{kind}", headers=mona.headers)).status_code
        for name in ("omar", "sara", "nour")
    ]
    assert codes == [204, 204, 429]
