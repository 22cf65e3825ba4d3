"""Logout, logout-all, password change and reset, and disabling end access on the next request.

Access tokens are JWTs that live 15 minutes, but each names a server-side session: these
tests prove the session check, not the token's expiry, decides.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from sqlalchemy import update

from daira.core.security import hash_password
from daira.models import Role, User
from daira.models.base import utcnow
from tests.auth.conftest import API, AuthFlow, bearer, refresh_cookie, with_refresh
from tests.conftest import Account, AppHarness

NEW_PASSWORD = "nile-sunset-falafel-917"
Action = Callable[[AuthFlow, AppHarness, Account], Awaitable[None]]


async def _logout(flow: AuthFlow, harness: AppHarness, account: Account) -> None:
    response = await flow.client.post(f"{API}/logout", headers=account.headers)
    assert response.status_code == 204


async def _logout_all(flow: AuthFlow, harness: AppHarness, account: Account) -> None:
    signed_in_elsewhere = await flow.login(account.email)
    response = await flow.client.post(
        f"{API}/logout-all", headers=bearer(signed_in_elsewhere.json()["access_token"])
    )
    assert response.status_code == 204


async def _change_password_elsewhere(flow: AuthFlow, harness: AppHarness, account: Account) -> None:
    elsewhere = await flow.login(account.email)
    response = await flow.client.post(
        f"{API}/change-password",
        json={"current_password": account.password, "new_password": NEW_PASSWORD},
        headers=bearer(elsewhere.json()["access_token"]),
    )
    assert response.status_code == 204


async def _reset_password(flow: AuthFlow, harness: AppHarness, account: Account) -> None:
    await flow.client.post(f"{API}/request-password-reset", json={"email": account.email})
    token = await flow.reset_token(account.email)
    response = await flow.client.post(
        f"{API}/reset-password", json={"token": token, "new_password": NEW_PASSWORD}
    )
    assert response.status_code == 204


async def _disable_in_the_database(flow: AuthFlow, harness: AppHarness, account: Account) -> None:
    async with harness.session() as session:
        await session.execute(
            update(User).where(User.id == account.id).values(disabled_at=utcnow())
        )
        await session.commit()


async def _disable_by_an_admin(flow: AuthFlow, harness: AppHarness, account: Account) -> None:
    async with harness.session() as session:
        session.add(
            User(
                email="admin@example.com",
                username="the_admin",
                username_key="the_admin",
                display_name="Admin",
                password_hash=hash_password(account.password),
                role=Role.admin,
                email_verified_at=utcnow(),
            )
        )
        await session.commit()
    admin = await flow.login("admin@example.com")
    response = await flow.client.post(
        f"/api/v1/admin/users/{account.id}/disable",
        json={"reason": "spam"},
        headers=bearer(admin.json()["access_token"]),
    )
    assert response.status_code == 200, response.text


@pytest.mark.parametrize(
    "action",
    [
        _logout,
        _logout_all,
        _change_password_elsewhere,
        _reset_password,
        _disable_in_the_database,
        _disable_by_an_admin,
    ],
    ids=["logout", "logout-all", "change-password", "reset-password", "disable", "admin-disable"],
)
async def test_access_ends_on_the_very_next_request(
    flow: AuthFlow, harness: AppHarness, action: Action
) -> None:
    await flow.signup_verified("victim@example.com", "victim")
    login = await flow.login("victim@example.com")
    account = Account(
        login.json()["user"]["id"],
        "victim@example.com",
        "victim",
        "correct-horse-battery-staple-42",
        login.json()["access_token"],
    )
    before = await flow.client.get(f"{API}/sessions", headers=account.headers)
    assert before.status_code == 200

    await action(flow, harness, account)

    after = await flow.client.get(f"{API}/sessions", headers=account.headers)
    assert after.status_code == 401
    assert after.json()["code"] in {"session_revoked", "account_disabled"}
    flow.client.cookies.clear()
    refreshed = await flow.client.post(
        f"{API}/refresh", headers=with_refresh(refresh_cookie(login))
    )
    assert refreshed.status_code == 401
