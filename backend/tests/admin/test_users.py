"""Admin user management: search, disable / enable, roles, stats."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import select

from daira.models import AuditEntry, Role
from tests.conftest import MakeUser
from tests.support.moderation import ADMIN_API, API, report, staff
from tests.support.social import ids, post


async def _search(client: httpx.AsyncClient, viewer: Any, search: str, **params: Any) -> Any:
    response = await client.get(
        f"{ADMIN_API}/users", params={"search": search, **params}, headers=viewer.headers
    )
    assert response.status_code == 200, response.text
    return response.json()


async def test_search_matches_email_or_username_prefix_ignoring_case(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    moderator = await staff(make_user, Role.moderator, "mod")
    await make_user("Samira", email="samira@example.com")
    await make_user("salma", email="contact@salma.eg")
    await make_user("omar", email="SAM.omar@example.com")
    await make_user("s_m", email="x@example.com")
    await make_user("ياسمين", email="yasmin@example.com")

    found = await _search(client, moderator, "SAM")
    assert sorted(u["username"] for u in found["items"]) == ["Samira", "omar"]
    assert {u["username"] for u in (await _search(client, moderator, "cont"))["items"]} == {"salma"}
    # LIKE wildcards in the search are literal characters.
    assert [u["username"] for u in (await _search(client, moderator, "s_"))["items"]] == ["s_m"]
    assert (await _search(client, moderator, "%"))["items"] == []
    assert [u["username"] for u in (await _search(client, moderator, "ياس"))["items"]] == ["ياسمين"]
    user = (await _search(client, moderator, "samira"))["items"][0]
    assert set(user) >= {
        "id",
        "email",
        "username",
        "role",
        "verified",
        "disabled",
        "created_at",
        "last_login",
    }
    assert (user["role"], user["verified"], user["disabled"]) == ("user", True, False)
    assert user["last_login"] is not None


async def test_search_pages_newest_first(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    moderator = await staff(make_user, Role.moderator, "mod")
    for n in range(5):
        await make_user(f"page{n}")
    first = await _search(client, moderator, "page", limit=3)
    rest = await _search(client, moderator, "page", limit=3, cursor=first["next_cursor"])
    names = [u["username"] for u in first["items"] + rest["items"]]
    assert names == [f"page{n}" for n in range(4, -1, -1)]
    assert rest["next_cursor"] is None
    bad = await client.get(
        f"{ADMIN_API}/users", params={"cursor": "nonsense"}, headers=moderator.headers
    )
    assert bad.status_code == 400


async def test_disabling_ends_every_session_hides_content_and_enabling_restores(
    client: httpx.AsyncClient, make_user: MakeUser, db: Any
) -> None:
    admin = await staff(make_user)
    viewer = await make_user("viewer")
    target = await make_user("target")
    written = await post(client, target, "still here?")
    response = await client.post(
        f"{ADMIN_API}/users/{target.id}/disable",
        json={"reason": " spam wave "},
        headers=admin.headers,
    )
    assert response.status_code == 200, response.text
    assert response.json()["disabled"] is True
    assert response.json()["disabled_reason"] == "spam wave"

    after = await client.get(f"{API}/users/me", headers=target.headers)
    assert after.status_code == 401
    login = await client.post(
        f"{API}/auth/login", json={"email": target.email, "password": target.password}
    )
    assert login.status_code == 403
    assert login.json()["code"] == "account_disabled"
    assert written["id"] not in await ids(client, "/posts", viewer)

    enabled = await client.post(f"{ADMIN_API}/users/{target.id}/enable", headers=admin.headers)
    assert enabled.status_code == 200
    assert enabled.json()["disabled"] is False
    assert written["id"] in await ids(client, "/posts", viewer)
    entries = (
        await db.scalars(
            select(AuditEntry).where(AuditEntry.action.like("admin.%")).order_by(AuditEntry.id)
        )
    ).all()
    assert [(e.action, e.reason, e.actor_id, e.ip) for e in entries] == [
        ("admin.user_disabled", "spam wave", admin.id, "203.0.113.7"),
        ("admin.user_enabled", None, admin.id, "203.0.113.7"),
    ]


async def test_disabling_needs_a_reason(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    admin = await staff(make_user)
    target = await make_user("target")
    for body in ({}, {"reason": ""}, {"reason": "   "}, {"reason": "x" * 501}):
        response = await client.post(
            f"{ADMIN_API}/users/{target.id}/disable", json=body, headers=admin.headers
        )
        assert response.status_code == 422, body
        assert response.json()["errors"][0]["field"] == "reason"


async def test_an_admin_cannot_disable_or_demote_themself(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    admin = await staff(make_user)
    disable = await client.post(
        f"{ADMIN_API}/users/{admin.id}/disable", json={"reason": "oops"}, headers=admin.headers
    )
    assert disable.status_code == 403
    assert disable.json()["code"] == "cannot_disable_self"
    demote = await client.patch(
        f"{ADMIN_API}/users/{admin.id}", json={"role": "user"}, headers=admin.headers
    )
    assert demote.status_code == 403
    assert demote.json()["code"] == "cannot_change_own_role"
    me = await client.get(f"{API}/users/me", headers=admin.headers)
    assert me.json()["role"] == "admin"


async def test_admins_change_roles_and_the_change_is_audited(
    client: httpx.AsyncClient, make_user: MakeUser, db: Any
) -> None:
    admin = await staff(make_user)
    target = await make_user("target")
    response = await client.patch(
        f"{ADMIN_API}/users/{target.id}",
        json={"role": "moderator", "reason": "new hire"},
        headers=admin.headers,
    )
    assert response.status_code == 200, response.text
    assert response.json()["role"] == "moderator"
    assert (await client.get(f"{ADMIN_API}/stats", headers=target.headers)).status_code == 200
    bad = await client.patch(
        f"{ADMIN_API}/users/{target.id}", json={"role": "owner"}, headers=admin.headers
    )
    assert bad.status_code == 422
    entry = await db.scalar(select(AuditEntry).where(AuditEntry.action == "admin.role_changed"))
    assert (entry.reason, entry.data) == ("new hire", {"from": "user", "to": "moderator"})


async def test_stats_count_users_posts_reports_and_the_queue(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    admin = await staff(make_user)
    author = await make_user("author")
    reader = await make_user("reader")
    idle = await make_user("idle", login=False)
    await client.post(
        f"{ADMIN_API}/users/{idle.id}/disable", json={"reason": "x"}, headers=admin.headers
    )
    first = await post(client, author, "one")
    await post(client, author, "two")
    await report(client, reader, "post", first["id"])
    response = await client.get(f"{ADMIN_API}/stats", headers=admin.headers)
    assert response.json() == {
        "users_total": 4,
        "users_active_24h": 3,
        "users_disabled": 1,
        "posts_total": 2,
        "posts_hidden": 0,
        "reports_open": 1,
        "queue_pending": 1,
    }


async def test_unknown_users_are_404(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    admin = await staff(make_user)
    response = await client.post(f"{ADMIN_API}/users/424242/enable", headers=admin.headers)
    assert response.status_code == 404
    assert response.json()["code"] == "user_not_found"


async def test_an_admin_can_end_a_users_sessions_without_disabling_them(
    client: httpx.AsyncClient, make_user: MakeUser, db: Any
) -> None:
    admin = await staff(make_user)
    target = await make_user("hijacked")
    mod = await staff(make_user, Role.moderator)

    refused = await client.post(
        f"{ADMIN_API}/users/{target.id}/end-sessions",
        json={"reason": "token leak"},
        headers=mod.headers,
    )
    response = await client.post(
        f"{ADMIN_API}/users/{target.id}/end-sessions",
        json={"reason": "token leak"},
        headers=admin.headers,
    )

    assert refused.status_code == 403
    assert response.status_code == 200
    assert response.json()["disabled"] is False
    assert (await client.get(f"{API}/users/me", headers=target.headers)).status_code == 401
    login = await client.post(
        f"{API}/auth/login", json={"email": target.email, "password": target.password}
    )
    assert login.status_code == 200
    entry = await db.scalar(
        select(AuditEntry).where(AuditEntry.action == "admin.user_sessions_ended")
    )
    assert (entry.actor_id, entry.target_id, entry.reason) == (
        admin.id,
        str(target.id),
        "token leak",
    )
