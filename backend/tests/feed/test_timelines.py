import httpx
import pytest

from tests.conftest import AppHarness, MakeUser
from tests.support.social import API, disable, follow, ids, post, set_post_status


async def test_home_feed_has_own_and_followed_posts_newest_first(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    alice = await make_user("alice")
    bob = await make_user("bob")
    carol = await make_user("carol")
    await follow(client, alice, "bob")
    a1 = (await post(client, alice, "mine"))["id"]
    b1 = (await post(client, bob, "followed"))["id"]
    await post(client, carol, "not followed")
    a2 = (await post(client, alice, "mine again"))["id"]
    assert await ids(client, "/feed", alice) == [a2, b1, a1]


async def test_public_timeline_has_every_visible_post(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    alice = await make_user("alice")
    bob = await make_user("bob")
    written = [
        (await post(client, author, f"p{n}"))["id"] for n, author in enumerate([alice, bob, alice])
    ]
    assert await ids(client, "/posts", bob) == list(reversed(written))


async def test_user_posts_list_only_that_users_posts(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    alice = await make_user("alice")
    bob = await make_user("bob")
    mine = (await post(client, alice))["id"]
    await post(client, bob)
    assert await ids(client, "/users/ALICE/posts", bob) == [mine]
    assert (await client.get(f"{API}/users/ghost/posts", headers=bob.headers)).status_code == 404


async def test_hidden_posts_show_only_to_their_author_marked_hidden(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness
) -> None:
    alice = await make_user("alice")
    bob = await make_user("bob")
    await follow(client, bob, "alice")
    hidden = (await post(client, alice, "hidden one"))["id"]
    shown = (await post(client, alice, "shown"))["id"]
    await set_post_status(harness, hidden, "hidden")
    for path in ("/feed", "/posts", "/users/alice/posts"):
        assert await ids(client, path, bob) == [shown]
        response = await client.get(f"{API}{path}", headers=alice.headers)
        statuses = [(p["id"], p["moderation_status"]) for p in response.json()["items"]]
        assert statuses == [(shown, "visible"), (hidden, "hidden")]
    assert (await client.get(f"{API}/users/alice", headers=bob.headers)).json()["posts_count"] == 1
    assert (await client.get(f"{API}/users/alice", headers=alice.headers)).json()[
        "posts_count"
    ] == 2


async def test_removed_deleted_and_disabled_authors_posts_never_listed(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness
) -> None:
    alice = await make_user("alice")
    bob = await make_user("bob")
    carol = await make_user("carol")
    await follow(client, alice, "bob")
    await follow(client, alice, "carol")
    removed = (await post(client, bob, "removed"))["id"]
    deleted = (await post(client, bob, "deleted"))["id"]
    await post(client, carol, "by a disabled author")
    kept = (await post(client, bob, "kept"))["id"]
    await set_post_status(harness, removed, "removed")
    await client.delete(f"{API}/posts/{deleted}", headers=bob.headers)
    await disable(harness, carol.id)
    for viewer in (alice, bob):
        assert await ids(client, "/feed", alice) == [kept]
        assert await ids(client, "/posts", viewer) == [kept]
        assert await ids(client, "/users/bob/posts", viewer) == [kept]


async def test_timeline_items_carry_author_counts_and_liked_by_me(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    alice = await make_user("alice", display_name="Alice")
    bob = await make_user("bob")
    post_id = (await post(client, alice))["id"]
    await client.post(f"{API}/posts/{post_id}/like", headers=bob.headers)
    await client.post(f"{API}/posts/{post_id}/comments", json={"content": "c"}, headers=bob.headers)
    item = (await client.get(f"{API}/posts", headers=bob.headers)).json()["items"][0]
    assert item["author"] == {"username": "alice", "display_name": "Alice", "avatar_url": None}
    assert (item["like_count"], item["comment_count"], item["liked_by_me"]) == (1, 1, True)
    other = (await client.get(f"{API}/posts", headers=alice.headers)).json()["items"][0]
    assert other["liked_by_me"] is False


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        "WyJ4IiwxXQ",  # ["x",1]
        "WyIyMDI2LTAxLTAxVDAwOjAwOjAwIiwxXQ",  # naive datetime
        "WyIyMDI2LTAxLTAxVDAwOjAwOjAwKzAwOjAwIiwieCJd",  # id not an int
        "e30",  # {}
        "",
        "a" * 201,
        "WyIyMDI2LTAxLTAxVDAwOjAwOjAwKzAwOjAwIiwxMTgwNTkxNjIwNzE3NDExMzAzNDI0XQ",  # id 2**70
        "WyIwMDAxLTAxLTAxVDAwOjAwOjAwKzAwOjAwIiwtNV0",  # negative id
        "WyIwMDAxLTAxLTAxVDAwOjAwOjAwKzE0OjAwIiwgMV0",  # before year 1 in UTC
        "WyI5OTk5LTEyLTMxVDIzOjU5OjU5LTE0OjAwIiwgMV0",  # after year 9999 in UTC
    ],
)
async def test_bad_cursors_are_4xx_never_500(
    client: httpx.AsyncClient, make_user: MakeUser, cursor: str
) -> None:
    alice = await make_user("alice")
    for path in ("/feed", "/posts", "/users/alice/posts"):
        response = await client.get(
            f"{API}{path}", params={"cursor": cursor}, headers=alice.headers
        )
        assert response.status_code in {400, 422}, (path, cursor, response.text)


async def test_limit_bounds(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    alice = await make_user("alice")
    for limit in (0, 101, -1, "x"):
        response = await client.get(f"{API}/feed", params={"limit": limit}, headers=alice.headers)
        assert response.status_code == 422
    assert (
        await client.get(f"{API}/feed", params={"limit": 100}, headers=alice.headers)
    ).status_code == 200


async def test_posts_of_disabled_followees_do_not_shorten_feed_pages(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness
) -> None:
    alice = await make_user("alice")
    bob = await make_user("bob")
    carol = await make_user("carol")
    await follow(client, alice, "bob")
    await follow(client, alice, "carol")
    older = [(await post(client, bob, f"b{n}"))["id"] for n in range(3)]
    for n in range(5):
        await post(client, carol, f"c{n}")
    await disable(harness, carol.id)
    page = (await client.get(f"{API}/feed", params={"limit": 2}, headers=alice.headers)).json()
    assert [item["id"] for item in page["items"]] == older[::-1][:2]
    assert page["next_cursor"] is not None
