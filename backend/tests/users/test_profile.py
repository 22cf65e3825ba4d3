from typing import Any

import httpx
import pytest

from tests.conftest import MakeUser

ME = "/api/v1/users/me"


async def test_me_shows_own_profile_with_email_role_and_counts(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    alice = await make_user("alice")
    response = await client.get(ME, headers=alice.headers)
    assert response.status_code == 200
    body = response.json()
    assert body["email"] == alice.email
    assert body["role"] == "user"
    assert body["username"] == "alice"
    assert (body["followers_count"], body["following_count"], body["posts_count"]) == (0, 0, 0)
    assert body["avatar_url"] is None


async def test_patch_me_changes_only_the_fields_sent(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    alice = await make_user("alice", display_name="Alice")
    response = await client.patch(
        ME, json={"bio": "  مرحبا من القاهرة  ", "locale": "ar"}, headers=alice.headers
    )
    assert response.status_code == 200
    body = response.json()
    assert body["bio"] == "مرحبا من القاهرة"
    assert body["locale"] == "ar"
    assert body["display_name"] == "Alice"
    again = (await client.get(ME, headers=alice.headers)).json()
    assert again["bio"] == "مرحبا من القاهرة"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"bio": "x" * 301}, "bio"),
        ({"locale": "fr"}, "locale"),
        ({"display_name": "   "}, "display_name"),
        ({"display_name": "x" * 51}, "display_name"),
        ({"display_name": 42}, "display_name"),
        ({"role": "admin"}, "role"),
        ({"bio": None, "email": "x@example.com"}, "email"),
    ],
)
async def test_patch_me_refuses_bad_fields_with_422(
    client: httpx.AsyncClient, make_user: MakeUser, body: dict[str, Any], field: str
) -> None:
    alice = await make_user("alice")
    response = await client.patch(ME, json=body, headers=alice.headers)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert field in {error["field"] for error in response.json()["errors"]}


async def test_patch_me_with_a_malformed_body_is_422(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    alice = await make_user("alice")
    for content in (b"{not json", b"[]", b'"text"'):
        response = await client.patch(
            ME, content=content, headers={**alice.headers, "Content-Type": "application/json"}
        )
        assert response.status_code == 422


async def test_bio_counts_code_points_so_300_arabic_letters_fit(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    alice = await make_user("alice")
    response = await client.patch(ME, json={"bio": "ب" * 300}, headers=alice.headers)
    assert response.status_code == 200


async def test_profile_edits_pass_through_the_moderation_hook(
    client: httpx.AsyncClient, make_user: MakeUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[dict[str, str]] = []

    async def hook(session: object, user: object, fields: dict[str, str]) -> None:
        seen.append(fields)

    monkeypatch.setattr("daira.users.service.check_profile_fields", hook)
    alice = await make_user("alice")
    await client.patch(
        ME, json={"display_name": "Alia", "bio": "hi", "locale": "en"}, headers=alice.headers
    )
    assert seen == [{"display_name": "Alia", "bio": "hi"}]


async def test_public_profile_has_counts_and_ignores_username_case(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    alice = await make_user("Alice")
    bob = await make_user("bob")
    await client.post("/api/v1/users/alice/follow", headers=bob.headers)
    await client.post("/api/v1/posts", json={"content": "hello"}, headers=alice.headers)
    response = await client.get("/api/v1/users/ALICE", headers=bob.headers)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "id",
        "username",
        "display_name",
        "bio",
        "avatar_url",
        "followers_count",
        "following_count",
        "posts_count",
        "is_following",
        "is_blocked",
        "is_muted",
        "created_at",
    }
    assert body["username"] == "Alice"
    assert (body["followers_count"], body["following_count"], body["posts_count"]) == (1, 0, 1)
    assert body["is_following"] is True
    own = (await client.get("/api/v1/users/alice", headers=alice.headers)).json()
    assert own["is_following"] is False


async def test_unknown_and_disabled_profiles_are_404(
    client: httpx.AsyncClient, make_user: MakeUser, harness: Any
) -> None:
    from sqlalchemy import update

    from daira.models import User
    from daira.models.base import utcnow

    alice = await make_user("alice")
    carol = await make_user("carol")
    async with harness.session() as session:
        await session.execute(update(User).where(User.id == carol.id).values(disabled_at=utcnow()))
        await session.commit()
    for name in ("nobody", "carol", "x" * 300):
        response = await client.get(f"/api/v1/users/{name}", headers=alice.headers)
        assert response.status_code == 404
        assert response.json()["code"] == "user_not_found"
