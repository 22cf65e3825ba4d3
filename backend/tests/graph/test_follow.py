from typing import Any

import httpx

from tests.conftest import AppHarness, MakeUser
from tests.support.social import API, disable, enable, follow


async def _profile(client: httpx.AsyncClient, username: str, viewer: Any) -> Any:
    return (await client.get(f"{API}/users/{username}", headers=viewer.headers)).json()


async def _names(client: httpx.AsyncClient, path: str, viewer: Any, **params: Any) -> list[str]:
    response = await client.get(f"{API}{path}", params=params, headers=viewer.headers)
    assert response.status_code == 200, response.text
    return [item["username"] for item in response.json()["items"]]


async def test_follow_and_unfollow_are_idempotent_and_counts_exact(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    alice = await make_user("alice")
    bob = await make_user("bob")
    for _ in range(3):
        assert (
            await client.post(f"{API}/users/alice/follow", headers=bob.headers)
        ).status_code == 204
    assert (await _profile(client, "alice", bob))["followers_count"] == 1
    assert (await _profile(client, "bob", alice))["following_count"] == 1
    for _ in range(2):
        assert (
            await client.delete(f"{API}/users/ALICE/follow", headers=bob.headers)
        ).status_code == 204
    profile = await _profile(client, "alice", bob)
    assert (profile["followers_count"], profile["is_following"]) == (0, False)


async def test_following_yourself_is_422(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    alice = await make_user("alice")
    response = await client.post(f"{API}/users/Alice/follow", headers=alice.headers)
    assert response.status_code == 422
    assert response.json()["code"] == "cannot_follow_self"


async def test_following_an_unknown_user_is_404(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    alice = await make_user("alice")
    for method in ("POST", "DELETE"):
        response = await client.request(method, f"{API}/users/ghost/follow", headers=alice.headers)
        assert response.status_code == 404
    assert (
        await client.get(f"{API}/users/ghost/followers", headers=alice.headers)
    ).status_code == 404


async def test_followers_and_following_lists_newest_first_with_pagination(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    alice = await make_user("alice")
    fans = [await make_user(f"fan{n}") for n in range(5)]
    for fan in fans:
        await follow(client, fan, "alice")
    await follow(client, alice, "fan0")
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        response = await client.get(
            f"{API}/users/alice/followers", params=params, headers=alice.headers
        )
        body = response.json()
        seen += [item["username"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == [f"fan{n}" for n in reversed(range(5))]
    assert await _names(client, "/users/alice/following", fans[1]) == ["fan0"]
    item = (await client.get(f"{API}/users/fan0/followers", headers=alice.headers)).json()["items"][
        0
    ]
    assert set(item) == {"username", "display_name", "avatar_url", "bio"}


async def test_disabled_users_leave_follow_lists_and_counts_until_enabled(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness
) -> None:
    alice = await make_user("alice")
    bob = await make_user("bob")
    carol = await make_user("carol")
    await follow(client, bob, "alice")
    await follow(client, carol, "alice")
    await disable(harness, carol.id)
    assert await _names(client, "/users/alice/followers", alice) == ["bob"]
    assert (await _profile(client, "alice", alice))["followers_count"] == 1
    await enable(harness, carol.id)
    assert await _names(client, "/users/alice/followers", alice) == ["carol", "bob"]


async def test_bad_list_parameters_are_4xx(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    alice = await make_user("alice")
    for params in (
        {"limit": 0},
        {"limit": 101},
        {"limit": "many"},
        {"cursor": "%%%"},
        {"cursor": "x" * 500},
    ):
        response = await client.get(
            f"{API}/users/alice/followers", params=params, headers=alice.headers
        )
        assert response.status_code in {400, 422}, params
