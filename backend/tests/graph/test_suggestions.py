"""GET /users/me/suggestions: whom to follow next."""

from typing import Any

import httpx

from tests.conftest import AppHarness, MakeUser
from tests.support.community import relate
from tests.support.social import API, disable, follow


async def _suggested(client: httpx.AsyncClient, viewer: Any, **params: Any) -> list[str]:
    response = await client.get(
        f"{API}/users/me/suggestions", params=params, headers=viewer.headers
    )
    assert response.status_code == 200, response.text
    assert response.json()["next_cursor"] is None
    return [item["username"] for item in response.json()["items"]]


async def test_friends_of_friends_come_first_then_the_most_followed(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    me, friend, _star, fof, loner = [
        await make_user(name) for name in ("me", "friend", "star", "fof", "loner")
    ]
    await follow(client, me, "friend")
    await follow(client, friend, "fof")
    for fan in (friend, fof, loner):
        await follow(client, fan, "star")
    await follow(client, friend, "star")

    assert await _suggested(client, me) == ["star", "fof", "loner"]
    assert await _suggested(client, me, limit=1) == ["star"]
    assert "loner" not in await _suggested(client, loner)  # never yourself, always ...
    assert "friend" not in await _suggested(client, me)  # ... and never whom you follow


async def test_disabled_accounts_are_never_suggested(
    client: httpx.AsyncClient, harness: AppHarness, make_user: MakeUser
) -> None:
    me = await make_user("me")
    gone = await make_user("gone")
    assert "gone" in await _suggested(client, me)
    await disable(harness, gone.id)

    assert "gone" not in await _suggested(client, me)


async def test_a_bad_limit_is_refused_by_field(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    me = await make_user("me")
    response = await client.get(
        f"{API}/users/me/suggestions", params={"limit": 500}, headers=me.headers
    )

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["limit"]


async def test_nobody_on_either_side_of_a_block_is_suggested(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    viewer = await make_user("viewer")
    pest = await make_user("pest")
    stranger = await make_user("stranger")
    assert {"pest", "stranger"} <= set(await _suggested(client, viewer))

    await relate(client, viewer, "pest", "block")  # the viewer blocked pest
    await relate(client, stranger, "viewer", "block")  # stranger blocked the viewer

    assert {"pest", "stranger"}.isdisjoint(await _suggested(client, viewer))
    assert "viewer" not in await _suggested(client, pest)
    assert "viewer" not in await _suggested(client, stranger)
