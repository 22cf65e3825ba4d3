"""POST /auth/refresh: rotation on every use, reuse detection, refusals."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update

from daira.models import AuditEntry, User, UserSession
from daira.models.base import utcnow
from tests.auth.conftest import API, AuthFlow, bearer, refresh_cookie, with_refresh
from tests.conftest import AppHarness, MakeUser


async def _signed_in(flow: AuthFlow, make_user: MakeUser, name: str) -> httpx.Response:
    await make_user(name, login=False)
    response = await flow.login(f"{name}@example.com")
    assert response.status_code == 200
    flow.client.cookies.clear()
    return response


async def test_refresh_gives_a_new_access_token_and_rotates_the_cookie(
    flow: AuthFlow, make_user: MakeUser
) -> None:
    login = await _signed_in(flow, make_user, "rota")
    first = refresh_cookie(login)

    response = await flow.client.post(f"{API}/refresh", headers=with_refresh(first))

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access_token", "token_type", "expires_in", "user"}
    assert body["token_type"] == "bearer"
    assert body["user"]["username"] == "rota"  # a page load needs no /users/me after it
    assert response.headers["cache-control"] == "no-store"
    second = refresh_cookie(response)
    assert second != first
    assert "HttpOnly" in response.headers["set-cookie"]
    me = await flow.client.get(f"{API}/sessions", headers=bearer(body["access_token"]))
    assert me.status_code == 200
    assert len(me.json()) == 1  # the same session, not a new one


async def test_the_browser_cookie_jar_carries_the_refresh_cookie(
    flow: AuthFlow, make_user: MakeUser
) -> None:
    await make_user("jar", login=False)
    await flow.login("jar@example.com")

    first = await flow.client.post(f"{API}/refresh")
    second = await flow.client.post(f"{API}/refresh")

    assert first.status_code == second.status_code == 200


async def test_a_reused_refresh_token_revokes_the_whole_session(
    flow: AuthFlow, make_user: MakeUser, harness: AppHarness
) -> None:
    login = await _signed_in(flow, make_user, "thief")
    stolen = refresh_cookie(login)
    rotated = await flow.client.post(f"{API}/refresh", headers=with_refresh(stolen))
    newest_access = rotated.json()["access_token"]
    newest_refresh = refresh_cookie(rotated)

    reuse = await flow.client.post(f"{API}/refresh", headers=with_refresh(stolen))

    assert reuse.status_code == 401
    assert reuse.json()["code"] == "refresh_token_reused"
    after = await flow.client.get(f"{API}/sessions", headers=bearer(newest_access))
    assert after.status_code == 401
    assert after.json()["code"] == "session_revoked"
    again = await flow.client.post(f"{API}/refresh", headers=with_refresh(newest_refresh))
    assert again.status_code == 401
    async with harness.session() as session:
        actions = (await session.scalars(select(AuditEntry.action).order_by(AuditEntry.id))).all()
    assert "auth.refresh_token_reused" in actions


async def test_reuse_ends_only_that_session(flow: AuthFlow, make_user: MakeUser) -> None:
    login = await _signed_in(flow, make_user, "twodevices")
    other = await flow.login("twodevices@example.com")
    stolen = refresh_cookie(login)
    await flow.client.post(f"{API}/refresh", headers=with_refresh(stolen))

    await flow.client.post(f"{API}/refresh", headers=with_refresh(stolen))

    still = await flow.client.get(f"{API}/sessions", headers=bearer(other.json()["access_token"]))
    assert still.status_code == 200


async def test_refresh_without_a_cookie_or_with_an_unknown_one_is_401(flow: AuthFlow) -> None:
    missing = await flow.client.post(f"{API}/refresh")
    unknown = await flow.client.post(f"{API}/refresh", headers=with_refresh("made-up"))

    assert missing.status_code == unknown.status_code == 401
    assert missing.json()["code"] == unknown.json()["code"] == "invalid_refresh_token"


async def test_refresh_after_logout_is_401(flow: AuthFlow, make_user: MakeUser) -> None:
    login = await _signed_in(flow, make_user, "leaver")
    await flow.client.post(f"{API}/logout", headers=bearer(login.json()["access_token"]))

    response = await flow.client.post(f"{API}/refresh", headers=with_refresh(refresh_cookie(login)))

    assert response.status_code == 401


async def test_refresh_of_an_expired_session_is_401(
    flow: AuthFlow, make_user: MakeUser, harness: AppHarness
) -> None:
    login = await _signed_in(flow, make_user, "expired")
    async with harness.session() as session:
        await session.execute(
            update(UserSession).values(expires_at=utcnow() - timedelta(seconds=1))
        )
        await session.commit()

    response = await flow.client.post(f"{API}/refresh", headers=with_refresh(refresh_cookie(login)))

    assert response.status_code == 401


async def test_refresh_of_a_disabled_account_is_401(
    flow: AuthFlow, make_user: MakeUser, harness: AppHarness
) -> None:
    login = await _signed_in(flow, make_user, "banned")
    async with harness.session() as session:
        await session.execute(update(User).values(disabled_at=utcnow()))
        await session.commit()

    response = await flow.client.post(f"{API}/refresh", headers=with_refresh(refresh_cookie(login)))

    assert response.status_code == 401


async def test_refresh_from_a_foreign_origin_is_refused(
    flow: AuthFlow, make_user: MakeUser
) -> None:
    login = await _signed_in(flow, make_user, "csrf")
    cookie = refresh_cookie(login)

    foreign = await flow.client.post(
        f"{API}/refresh", headers={**with_refresh(cookie), "Origin": "https://evil.example"}
    )
    own = await flow.client.post(
        f"{API}/refresh", headers={**with_refresh(cookie), "Origin": "https://daira.test"}
    )

    assert foreign.status_code == 403
    assert foreign.json()["code"] == "origin_not_allowed"
    assert own.status_code == 200  # the refused attempt did not use the token up


@pytest.mark.parametrize("settings_overrides", [{"cors_origins": "https://app.daira.example"}])
async def test_refresh_from_a_cors_origin_or_the_same_host_is_allowed(
    flow: AuthFlow, make_user: MakeUser, settings_overrides: dict[str, Any]
) -> None:
    login = await _signed_in(flow, make_user, "origins")
    listed = await flow.client.post(
        f"{API}/refresh",
        headers={**with_refresh(refresh_cookie(login)), "Origin": "https://app.daira.example"},
    )
    same_host = await flow.client.post(
        f"{API}/refresh",
        headers={**with_refresh(refresh_cookie(listed)), "Origin": "https://testserver"},
    )

    assert listed.status_code == 200
    assert same_host.status_code == 200
