from typing import Any

import httpx
import pytest
from sqlalchemy import select

from daira.models import AuditEntry, Role
from tests.conftest import AppHarness, MakeUser
from tests.support.social import API, comment, disable, post, set_comment_status, set_post_status


async def _comments(client: httpx.AsyncClient, post_id: int, viewer: Any, **params: Any) -> Any:
    response = await client.get(
        f"{API}/posts/{post_id}/comments", params=params, headers=viewer.headers
    )
    assert response.status_code == 200, response.text
    return response.json()


async def test_comments_are_listed_oldest_first_and_paginated(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    alice = await make_user("alice")
    bob = await make_user("bob")
    post_id = (await post(client, alice))["id"]
    written = [(await comment(client, bob, post_id, f"c{n}"))["id"] for n in range(5)]
    seen: list[int] = []
    cursor = None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = await _comments(client, post_id, alice, **params)
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == written
    first = (await _comments(client, post_id, alice))["items"][0]
    assert first["author"]["username"] == "bob"
    assert first["post_id"] == post_id
    assert (await client.get(f"{API}/posts/{post_id}", headers=alice.headers)).json()[
        "comment_count"
    ] == 5


@pytest.mark.parametrize("content", ["", "  ", "x" * 501, 5, None])
async def test_bad_comment_bodies_are_422(
    client: httpx.AsyncClient, make_user: MakeUser, content: Any
) -> None:
    alice = await make_user("alice")
    post_id = (await post(client, alice))["id"]
    response = await client.post(
        f"{API}/posts/{post_id}/comments", json={"content": content}, headers=alice.headers
    )
    assert response.status_code == 422


async def test_commenting_on_a_missing_or_hidden_post_is_404(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness
) -> None:
    alice = await make_user("alice")
    bob = await make_user("bob")
    post_id = (await post(client, alice))["id"]
    await set_post_status(harness, post_id, "hidden")
    for target in (post_id, 987654):
        response = await client.post(
            f"{API}/posts/{target}/comments", json={"content": "hi"}, headers=bob.headers
        )
        assert response.status_code == 404
        listed = await client.get(f"{API}/posts/{target}/comments", headers=bob.headers)
        assert listed.status_code == 404


async def test_hidden_deleted_and_disabled_comments_leave_lists_and_counts(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness
) -> None:
    alice = await make_user("alice")
    bob = await make_user("bob")
    carol = await make_user("carol")
    post_id = (await post(client, alice))["id"]
    kept = await comment(client, alice, post_id, "kept")
    hidden = await comment(client, bob, post_id, "hidden")
    deleted = await comment(client, bob, post_id, "deleted")
    by_carol = await comment(client, carol, post_id, "carol")
    await set_comment_status(harness, hidden["id"], "hidden")
    await client.delete(f"{API}/comments/{deleted['id']}", headers=bob.headers)
    await disable(harness, carol.id)

    alice_view = [c["id"] for c in (await _comments(client, post_id, alice))["items"]]
    assert alice_view == [kept["id"]]
    bob_view = (await _comments(client, post_id, bob))["items"]
    assert [(c["id"], c["moderation_status"]) for c in bob_view] == [
        (kept["id"], "visible"),
        (hidden["id"], "hidden"),
    ]
    assert (await client.get(f"{API}/posts/{post_id}", headers=alice.headers)).json()[
        "comment_count"
    ] == 1
    assert (await client.get(f"{API}/posts/{post_id}", headers=bob.headers)).json()[
        "comment_count"
    ] == 2
    assert by_carol["id"] not in alice_view


async def test_nobody_deletes_another_users_comment_but_staff_may(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness
) -> None:
    alice = await make_user("alice")
    bob = await make_user("bob")
    moderator = await make_user("mod1", role=Role.moderator)
    post_id = (await post(client, alice))["id"]
    written = await comment(client, bob, post_id)
    path = f"{API}/comments/{written['id']}"
    # Not even the post's author deletes someone else's comment.
    assert (await client.delete(path, headers=alice.headers)).status_code == 403
    assert (await client.delete(path, headers=moderator.headers)).status_code == 204
    async with harness.session() as session:
        actions = (await session.execute(select(AuditEntry.action))).scalars().all()
    assert actions == ["comment.deleted_by_staff"]
    assert (await client.delete(path, headers=bob.headers)).status_code == 404
    assert (await client.delete(f"{API}/comments/0", headers=bob.headers)).status_code == 422
    assert (await client.delete(f"{API}/comments/99999", headers=bob.headers)).status_code == 404


async def test_bad_comment_cursor_is_400(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    alice = await make_user("alice")
    post_id = (await post(client, alice))["id"]
    response = await client.get(
        f"{API}/posts/{post_id}/comments", params={"cursor": "garbage!"}, headers=alice.headers
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_cursor"
