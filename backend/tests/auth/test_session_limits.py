"""Sessions end when idle too long, at their absolute lifetime, and beyond a per-user cap."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import update

from daira.models import UserSession
from daira.models.base import utcnow
from tests.auth.conftest import API, AuthFlow, bearer, refresh_cookie, with_refresh
from tests.conftest import AppHarness, MakeUser


async def _age(harness: AppHarness, **values: Any) -> None:
    async with harness.session() as session:
        await session.execute(update(UserSession).values(**values))
        await session.commit()


@pytest.mark.parametrize("settings_overrides", [{"session_idle_timeout_hours": 2}])
async def test_an_idle_session_ends(
    flow: AuthFlow, make_user: MakeUser, harness: AppHarness, settings_overrides: dict[str, Any]
) -> None:
    await make_user("idler", login=False)
    login = await flow.login("idler@example.com")
    flow.client.cookies.clear()
    token = login.json()["access_token"]
    await _age(harness, last_seen_at=utcnow() - timedelta(hours=2, minutes=1))

    access = await flow.client.get(f"{API}/sessions", headers=bearer(token))
    renewal = await flow.client.post(f"{API}/refresh", headers=with_refresh(refresh_cookie(login)))

    assert access.status_code == 401
    assert renewal.status_code == 401


async def test_refreshing_never_extends_the_absolute_lifetime(
    flow: AuthFlow, make_user: MakeUser, harness: AppHarness
) -> None:
    await make_user("forever", login=False)
    login = await flow.login("forever@example.com")
    flow.client.cookies.clear()
    await _age(harness, expires_at=utcnow() - timedelta(seconds=1))

    renewal = await flow.client.post(f"{API}/refresh", headers=with_refresh(refresh_cookie(login)))

    assert renewal.status_code == 401


@pytest.mark.parametrize("settings_overrides", [{"max_sessions_per_user": 3}])
async def test_a_new_session_beyond_the_cap_ends_the_least_recently_used(
    harness: AppHarness, make_user: MakeUser, settings_overrides: dict[str, Any]
) -> None:
    account = await make_user("busy", login=False)
    tokens = []
    for n in range(4):
        transport = httpx.ASGITransport(app=harness.app, client=("192.0.2.30", 1))
        async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as c:
            response = await c.post(
                f"{API}/login",
                json={"email": account.email, "password": account.password},
                headers={"User-Agent": f"device {n}"},
            )
            tokens.append(response.json()["access_token"])
            sessions = await c.get(f"{API}/sessions", headers=bearer(tokens[-1]))

    assert len(sessions.json()) == 3
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=harness.app), base_url="https://testserver"
    ) as c:
        answers = [(await c.get(f"{API}/sessions", headers=bearer(t))).status_code for t in tokens]
    assert answers == [401, 200, 200, 200]
