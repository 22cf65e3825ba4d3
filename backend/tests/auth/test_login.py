"""POST /auth/login: tokens, the refresh cookie, no enumeration, refusals after the password."""

from __future__ import annotations

from typing import Any

import pytest
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from sqlalchemy import select, update

from daira.models import AuditEntry, User
from daira.models.base import utcnow
from tests.auth.conftest import API, AuthFlow, bearer
from tests.conftest import STRONG_PASSWORD, AppHarness, MakeUser


def cookie_attributes(header: str) -> dict[str, str]:
    parts = [p.strip() for p in header.split(";")]
    attributes = {}
    for part in parts[1:]:
        key, _, value = part.partition("=")
        attributes[key.lower()] = value
    return attributes


async def test_login_answers_tokens_and_the_user(flow: AuthFlow, make_user: MakeUser) -> None:
    account = await make_user("layla", login=False, display_name="Layla")

    response = await flow.login("LAYLA@example.com")

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access_token", "token_type", "expires_in", "user"}
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 900
    assert body["user"]["id"] == account.id
    assert body["user"]["username"] == "layla"
    assert body["user"]["email"] == "layla@example.com"
    assert body["user"]["role"] == "user"
    assert body["user"]["email_verified"] is True
    assert body["user"]["totp_enabled"] is False
    assert "password_hash" not in body["user"]
    assert response.headers["cache-control"] == "no-store"
    sessions = await flow.client.get(f"{API}/sessions", headers=bearer(body["access_token"]))
    assert sessions.status_code == 200


async def test_the_refresh_cookie_is_httponly_strict_secure_and_host_prefixed(
    flow: AuthFlow, make_user: MakeUser
) -> None:
    await make_user("cookie", login=False)

    response = await flow.login("cookie@example.com")

    [header] = response.headers.get_list("set-cookie")
    # __Secure-: only an HTTPS response may set it (browsers enforce it).
    assert header.startswith("__Secure-daira_refresh=")
    attributes = cookie_attributes(header)
    assert "httponly" in attributes
    assert attributes["samesite"].lower() == "strict"
    assert attributes["path"] == "/api/v1/auth"  # SPEC: scoped to the auth endpoints
    assert "domain" not in attributes
    assert "secure" in attributes
    assert int(attributes["max-age"]) == 30 * 86400


@pytest.mark.parametrize("settings_overrides", [{"environment": "development"}])
async def test_the_refresh_cookie_is_not_secure_in_development(
    flow: AuthFlow, make_user: MakeUser, settings_overrides: dict[str, Any]
) -> None:
    await make_user("devcookie", login=False)

    response = await flow.login("devcookie@example.com")

    assert response.headers["set-cookie"].startswith("daira_refresh=")
    attributes = cookie_attributes(response.headers["set-cookie"])
    assert "secure" not in attributes
    assert attributes["path"] == "/api/v1/auth"
    assert "httponly" in attributes


async def test_unknown_email_and_wrong_password_answer_identically(
    flow: AuthFlow, make_user: MakeUser
) -> None:
    await make_user("known", login=False)

    unknown = await flow.login("nobody@example.com")
    wrong = await flow.login("known@example.com", "wrong-password-but-long")

    assert unknown.status_code == wrong.status_code == 401
    assert unknown.json() == wrong.json()
    assert unknown.json()["code"] == "invalid_credentials"
    assert unknown.headers["content-type"] == wrong.headers["content-type"]
    assert "set-cookie" not in unknown.headers
    assert "set-cookie" not in wrong.headers


async def test_an_unverified_account_is_refused_only_after_the_right_password(
    flow: AuthFlow,
) -> None:
    await flow.signup("fresh@example.com", "fresh")

    wrong = await flow.login("fresh@example.com", "wrong-password-but-long")
    right = await flow.login("fresh@example.com")

    assert wrong.status_code == 401
    assert wrong.json()["code"] == "invalid_credentials"
    assert right.status_code == 403
    assert right.json()["code"] == "email_not_verified"
    assert "set-cookie" not in right.headers


@pytest.mark.parametrize("settings_overrides", [{"require_email_verification": False}])
async def test_unverified_accounts_may_sign_in_when_verification_is_off(
    flow: AuthFlow, settings_overrides: dict[str, Any]
) -> None:
    await flow.signup("open@example.com", "open_door")

    assert (await flow.login("open@example.com")).status_code == 200


async def test_a_disabled_account_is_refused_only_after_the_right_password_and_audited(
    flow: AuthFlow, make_user: MakeUser, harness: AppHarness
) -> None:
    account = await make_user("gone", login=False)
    async with harness.session() as session:
        await session.execute(
            update(User).where(User.id == account.id).values(disabled_at=utcnow())
        )
        await session.commit()

    wrong = await flow.login("gone@example.com", "wrong-password-but-long")
    right = await flow.login("gone@example.com")

    assert wrong.status_code == 401
    assert wrong.json()["code"] == "invalid_credentials"
    assert right.status_code == 403
    assert right.json()["code"] == "account_disabled"
    async with harness.session() as session:
        actions = (await session.scalars(select(AuditEntry.action).order_by(AuditEntry.id))).all()
    assert actions == ["auth.login_refused_disabled"]


async def test_login_records_the_last_login_time(flow: AuthFlow, make_user: MakeUser) -> None:
    await make_user("tracked", login=False)
    assert (await flow.user("tracked@example.com")).last_login_at is None

    await flow.login("tracked@example.com")

    assert (await flow.user("tracked@example.com")).last_login_at is not None


async def test_login_rehashes_a_password_hashed_with_older_parameters(
    flow: AuthFlow, make_user: MakeUser, harness: AppHarness
) -> None:
    account = await make_user("oldhash", login=False)
    old_hash = PasswordHash((Argon2Hasher(time_cost=1, memory_cost=8192),)).hash(STRONG_PASSWORD)
    async with harness.session() as session:
        await session.execute(
            update(User).where(User.id == account.id).values(password_hash=old_hash)
        )
        await session.commit()

    assert (await flow.login("oldhash@example.com")).status_code == 200

    new_hash = (await flow.user("oldhash@example.com")).password_hash
    assert new_hash != old_hash
    assert "t=2" in new_hash
    assert (await flow.login("oldhash@example.com")).status_code == 200


@pytest.mark.parametrize(
    "body",
    [{}, {"email": "a@example.com"}, {"password": "x"}, {"email": "a@example.com", "password": ""}],
)
async def test_incomplete_login_bodies_are_422(flow: AuthFlow, body: dict[str, str]) -> None:
    response = await flow.client.post(f"{API}/login", json=body)

    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"


async def test_protected_endpoints_need_a_valid_bearer_token(flow: AuthFlow) -> None:
    missing = await flow.client.get(f"{API}/sessions")
    garbage = await flow.client.get(f"{API}/sessions", headers=bearer("not.a.jwt"))

    assert missing.status_code == garbage.status_code == 401
    assert missing.json()["code"] == "not_authenticated"
    assert garbage.json()["code"] == "invalid_token"
    assert missing.headers["www-authenticate"] == "Bearer"
