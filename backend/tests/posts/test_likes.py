import asyncio

import httpx

from tests.conftest import IS_POSTGRES, AppHarness, MakeUser, postgres_only
from tests.support.social import API, disable, post, set_post_status


async def _post_view(client: httpx.AsyncClient, post_id: int, viewer: object) -> dict[str, object]:
    response = await client.get(f"{API}/posts/{post_id}", headers=viewer.headers)  # type: ignore[attr-defined]
    assert response.status_code == 200
    body: dict[str, object] = response.json()
    return body


async def test_like_and_unlike_are_idempotent(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    alice = await make_user("alice")
    bob = await make_user("bob")
    post_id = (await post(client, alice))["id"]
    for _ in range(2):
        assert (
            await client.post(f"{API}/posts/{post_id}/like", headers=bob.headers)
        ).status_code == 204
    view = await _post_view(client, post_id, bob)
    assert (view["like_count"], view["liked_by_me"]) == (1, True)
    assert (await _post_view(client, post_id, alice))["liked_by_me"] is False
    for _ in range(2):
        assert (
            await client.delete(f"{API}/posts/{post_id}/like", headers=bob.headers)
        ).status_code == 204
    view = await _post_view(client, post_id, bob)
    assert (view["like_count"], view["liked_by_me"]) == (0, False)


async def test_liking_a_missing_or_hidden_post_is_404(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness
) -> None:
    alice = await make_user("alice")
    bob = await make_user("bob")
    post_id = (await post(client, alice))["id"]
    await set_post_status(harness, post_id, "hidden")
    assert (
        await client.post(f"{API}/posts/{post_id}/like", headers=bob.headers)
    ).status_code == 404
    assert (await client.post(f"{API}/posts/424242/like", headers=bob.headers)).status_code == 404
    assert (await client.delete(f"{API}/posts/424242/like", headers=bob.headers)).status_code == 404


async def test_likes_of_a_disabled_user_stay_counted(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness
) -> None:
    alice = await make_user("alice")
    bob = await make_user("bob")
    post_id = (await post(client, alice))["id"]
    await client.post(f"{API}/posts/{post_id}/like", headers=bob.headers)
    await disable(harness, bob.id)
    assert (await _post_view(client, post_id, alice))["like_count"] == 1


@postgres_only
async def test_fifty_concurrent_likes_count_exactly_fifty(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    assert IS_POSTGRES
    alice = await make_user("alice")
    likers = [await make_user(f"liker{n}") for n in range(50)]
    post_id = (await post(client, alice))["id"]

    async def like_twice(account: object) -> list[int]:
        path = f"{API}/posts/{post_id}/like"
        first, second = await asyncio.gather(
            client.post(path, headers=account.headers),  # type: ignore[attr-defined]
            client.post(path, headers=account.headers),  # type: ignore[attr-defined]
        )
        return [first.status_code, second.status_code]

    results = await asyncio.gather(*(like_twice(a) for a in likers))
    assert all(code == 204 for pair in results for code in pair)
    assert (await _post_view(client, post_id, alice))["like_count"] == 50
