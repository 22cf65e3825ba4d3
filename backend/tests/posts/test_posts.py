from typing import Any

import httpx
import pytest
from sqlalchemy import select

from daira.models import AuditEntry, Role
from tests.conftest import AppHarness, MakeUser
from tests.support.social import API, disable, ids, post, set_post_status


async def test_create_post_trims_and_answers_the_full_post(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    alice = await make_user("alice", display_name="Alice")
    response = await client.post(
        f"{API}/posts", json={"content": "  صباح الفل يا جماعة  "}, headers=alice.headers
    )
    assert response.status_code == 201
    body = response.json()
    assert body["content"] == "صباح الفل يا جماعة"
    assert body["author"] == {"username": "alice", "display_name": "Alice", "avatar_url": None}
    assert body["like_count"] == 0
    assert body["comment_count"] == 0
    assert body["liked_by_me"] is False
    assert body["moderation_status"] == "visible"
    fetched = await client.get(f"{API}/posts/{body['id']}", headers=alice.headers)
    assert fetched.json() == body


@pytest.mark.parametrize(
    "body",
    [
        {"content": ""},
        {"content": "   \n\t "},
        {"content": "x" * 1001},
        {"content": 12},
        {"content": None},
        {},
        {"content": "ok", "author_id": 1},
        [],
    ],
)
async def test_bad_post_bodies_are_422(
    client: httpx.AsyncClient, make_user: MakeUser, body: Any
) -> None:
    alice = await make_user("alice")
    response = await client.post(f"{API}/posts", json=body, headers=alice.headers)
    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"


async def test_a_thousand_code_points_fit_even_in_arabic(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    alice = await make_user("alice")
    response = await client.post(
        f"{API}/posts", json={"content": "ع" * 1000}, headers=alice.headers
    )
    assert response.status_code == 201


@pytest.mark.parametrize(
    "path", ["/posts/999999", "/posts/0", "/posts/abc", "/posts/99999999999999999999999"]
)
async def test_missing_or_malformed_post_ids_never_500(
    client: httpx.AsyncClient, make_user: MakeUser, path: str
) -> None:
    alice = await make_user("alice")
    for method in ("GET", "DELETE"):
        response = await client.request(method, f"{API}{path}", headers=alice.headers)
        assert response.status_code in {404, 422}


async def test_author_deletes_own_post_softly(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    alice = await make_user("alice")
    created = await post(client, alice)
    response = await client.delete(f"{API}/posts/{created['id']}", headers=alice.headers)
    assert response.status_code == 204
    assert (
        await client.get(f"{API}/posts/{created['id']}", headers=alice.headers)
    ).status_code == 404
    assert await ids(client, "/users/alice/posts", alice) == []
    again = await client.delete(f"{API}/posts/{created['id']}", headers=alice.headers)
    assert again.status_code == 404


async def test_nobody_deletes_another_users_post(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    alice = await make_user("alice")
    bob = await make_user("bob")
    created = await post(client, alice)
    response = await client.delete(f"{API}/posts/{created['id']}", headers=bob.headers)
    assert response.status_code == 403
    assert (
        await client.get(f"{API}/posts/{created['id']}", headers=bob.headers)
    ).status_code == 200


@pytest.mark.parametrize("role", [Role.moderator, Role.admin])
async def test_staff_delete_any_post_and_it_is_audited(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness, role: Role
) -> None:
    alice = await make_user("alice")
    staff = await make_user("staff", role=role)
    created = await post(client, alice)
    response = await client.delete(f"{API}/posts/{created['id']}", headers=staff.headers)
    assert response.status_code == 204
    async with harness.session() as session:
        entry = (
            await session.execute(
                select(AuditEntry).where(AuditEntry.action == "post.deleted_by_staff")
            )
        ).scalar_one()
    assert (entry.actor_id, entry.target_id) == (staff.id, str(created["id"]))


async def test_hidden_post_is_seen_only_by_its_author_and_staff(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness
) -> None:
    alice = await make_user("alice")
    bob = await make_user("bob")
    moderator = await make_user("mod1", role=Role.moderator)
    created = await post(client, alice)
    await set_post_status(harness, created["id"], "hidden")
    path = f"{API}/posts/{created['id']}"
    own = await client.get(path, headers=alice.headers)
    assert own.status_code == 200
    assert own.json()["moderation_status"] == "hidden"
    assert (await client.get(path, headers=bob.headers)).status_code == 404
    assert (await client.get(path, headers=moderator.headers)).status_code == 200
    # Someone who cannot see it cannot learn it exists by trying to delete it.
    assert (await client.delete(path, headers=bob.headers)).status_code == 404


async def test_removed_post_is_404_for_everyone_but_staff(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness
) -> None:
    alice = await make_user("alice")
    admin = await make_user("admin1", role=Role.admin)
    created = await post(client, alice)
    await set_post_status(harness, created["id"], "removed")
    path = f"{API}/posts/{created['id']}"
    assert (await client.get(path, headers=alice.headers)).status_code == 404
    staff_view = await client.get(path, headers=admin.headers)
    assert staff_view.status_code == 200
    assert staff_view.json()["moderation_status"] == "removed"


async def test_disabled_authors_posts_vanish_and_come_back_when_enabled(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness
) -> None:
    from tests.support.social import enable

    alice = await make_user("alice")
    bob = await make_user("bob")
    created = await post(client, alice)
    await disable(harness, alice.id)
    assert (
        await client.get(f"{API}/posts/{created['id']}", headers=bob.headers)
    ).status_code == 404
    assert await ids(client, "/posts", bob) == []
    await enable(harness, alice.id)
    assert await ids(client, "/posts", bob) == [created["id"]]
