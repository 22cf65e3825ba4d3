"""Logout, logout-all, the session list and revoking one session."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import jwt
import pytest
from sqlalchemy import select, update

from daira.auth.service import session_device
from daira.core.security import JWT_ALGORITHM, JWT_AUDIENCE
from daira.models import AuditEntry, UserSession
from tests.auth.conftest import API, AuthFlow, bearer, refresh_cookie, with_refresh
from tests.conftest import AppHarness, MakeUser

PHONE = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"


async def _login_from(harness: AppHarness, email: str, ip: str, user_agent: str) -> httpx.Response:
    transport = httpx.ASGITransport(app=harness.app, client=(ip, 5000))
    async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as c:
        response = await c.post(
            f"{API}/login",
            json={"email": email, "password": "correct-horse-battery-staple-42"},
            headers={"User-Agent": user_agent},
        )
    assert response.status_code == 200
    return response


async def test_sessions_lists_device_ip_and_times_with_the_current_one_marked(
    flow: AuthFlow, make_user: MakeUser, harness: AppHarness
) -> None:
    account = await make_user("listed")
    phone = await _login_from(harness, account.email, "192.0.2.44", PHONE)

    response = await flow.client.get(
        f"{API}/sessions", headers=bearer(phone.json()["access_token"])
    )

    assert response.status_code == 200
    sessions = response.json()
    assert len(sessions) == 2
    current = [s for s in sessions if s["current"]]
    assert len(current) == 1
    assert current[0]["device"] == "Chrome on Android"
    assert current[0]["ip"] == "192.0.2.44"
    assert current[0]["user_agent"] == PHONE
    assert set(current[0]) == {
        "id",
        "device",
        "user_agent",
        "ip",
        "created_at",
        "last_seen_at",
        "current",
    }


async def test_logout_is_204_and_ends_this_session_only(
    flow: AuthFlow, make_user: MakeUser
) -> None:
    account = await make_user("bye")
    other = await flow.login(account.email)

    response = await flow.client.post(f"{API}/logout", headers=account.headers)

    assert response.status_code == 204
    assert '__Secure-daira_refresh=""' in response.headers["set-cookie"]
    assert "Max-Age=0" in response.headers["set-cookie"]
    assert (await flow.client.get(f"{API}/sessions", headers=account.headers)).status_code == 401
    still = await flow.client.get(f"{API}/sessions", headers=bearer(other.json()["access_token"]))
    assert still.status_code == 200
    assert len(still.json()) == 1


async def test_logout_needs_a_signed_in_user(flow: AuthFlow) -> None:
    assert (await flow.client.post(f"{API}/logout")).status_code == 401


async def test_logout_all_ends_every_session_and_is_audited(
    flow: AuthFlow, make_user: MakeUser, harness: AppHarness
) -> None:
    account = await make_user("everywhere")
    other = await flow.login(account.email)

    response = await flow.client.post(f"{API}/logout-all", headers=account.headers)

    assert response.status_code == 204
    for token in (account.access_token, other.json()["access_token"]):
        assert (await flow.client.get(f"{API}/sessions", headers=bearer(token))).status_code == 401
    refreshed = await flow.client.post(
        f"{API}/refresh", headers=with_refresh(refresh_cookie(other))
    )
    assert refreshed.status_code == 401
    async with harness.session() as session:
        entry = await session.scalar(select(AuditEntry))
    assert entry is not None
    assert (entry.action, entry.actor_id, entry.ip) == (
        "auth.logout_all",
        account.id,
        "203.0.113.7",
    )


async def test_revoking_one_session_ends_it_at_once(
    flow: AuthFlow, make_user: MakeUser, harness: AppHarness
) -> None:
    account = await make_user("revoker")
    other = await flow.login(account.email)
    sessions = (await flow.client.get(f"{API}/sessions", headers=account.headers)).json()
    [target] = [s["id"] for s in sessions if not s["current"]]

    response = await flow.client.delete(f"{API}/sessions/{target}", headers=account.headers)

    assert response.status_code == 204
    gone = await flow.client.get(f"{API}/sessions", headers=bearer(other.json()["access_token"]))
    assert gone.status_code == 401
    remaining = (await flow.client.get(f"{API}/sessions", headers=account.headers)).json()
    assert [s["current"] for s in remaining] == [True]
    async with harness.session() as session:
        actions = (await session.scalars(select(AuditEntry.action).order_by(AuditEntry.id))).all()
    assert actions == ["auth.session_revoked"]


async def test_revoking_someone_elses_or_an_unknown_session_is_404(
    flow: AuthFlow, make_user: MakeUser, harness: AppHarness
) -> None:
    alice = await make_user("alice")
    bob = await make_user("bob")
    async with harness.session() as session:
        bobs = await session.scalar(select(UserSession.id).where(UserSession.user_id == bob.id))

    theirs = await flow.client.delete(f"{API}/sessions/{bobs}", headers=alice.headers)
    unknown = await flow.client.delete(f"{API}/sessions/999999", headers=alice.headers)

    assert theirs.status_code == unknown.status_code == 404
    assert theirs.json() == unknown.json()
    assert theirs.json()["code"] == "session_not_found"
    assert (await flow.client.get(f"{API}/sessions", headers=bob.headers)).status_code == 200


async def test_revoking_an_already_revoked_session_is_404(
    flow: AuthFlow, make_user: MakeUser
) -> None:
    account = await make_user("twice")
    other = await flow.login(account.email)
    [target] = [
        s["id"]
        for s in (await flow.client.get(f"{API}/sessions", headers=account.headers)).json()
        if not s["current"]
    ]
    assert other.status_code == 200
    await flow.client.delete(f"{API}/sessions/{target}", headers=account.headers)

    again = await flow.client.delete(f"{API}/sessions/{target}", headers=account.headers)

    assert again.status_code == 404


async def test_an_expired_or_forged_access_token_is_401(
    flow: AuthFlow, make_user: MakeUser, harness: AppHarness
) -> None:
    account = await make_user("forger")
    claims = jwt.decode(
        account.access_token,
        harness.settings.secret_key,
        algorithms=[JWT_ALGORITHM],
        audience=JWT_AUDIENCE,
    )
    expired = dict(claims, exp=datetime.now(UTC) - timedelta(seconds=1))
    forged = dict(claims, sub=str(account.id + 1))

    for token in (
        jwt.encode(expired, harness.settings.secret_key, algorithm=JWT_ALGORITHM),
        jwt.encode(claims, "another-secret-key-that-is-long-enough", algorithm=JWT_ALGORITHM),
        jwt.encode(forged, harness.settings.secret_key, algorithm=JWT_ALGORITHM),
        jwt.encode(dict(claims, aud="other"), harness.settings.secret_key, algorithm=JWT_ALGORITHM),
    ):
        response = await flow.client.get(f"{API}/sessions", headers=bearer(token))
        assert response.status_code == 401, token


async def test_each_request_records_the_sessions_last_use(
    flow: AuthFlow, make_user: MakeUser, harness: AppHarness
) -> None:
    account = await make_user("seen")
    long_ago = datetime.now(UTC) - timedelta(hours=3)
    async with harness.session() as session:
        await session.execute(update(UserSession).values(last_seen_at=long_ago))
        await session.commit()

    response = await flow.client.get(f"{API}/sessions", headers=account.headers)

    assert response.status_code == 200
    async with harness.session() as session:
        last_seen = await session.scalar(select(UserSession.last_seen_at))
    assert last_seen is not None
    assert last_seen > long_ago + timedelta(hours=2)


@pytest.mark.parametrize(
    ("user_agent", "device"),
    [
        (
            "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36",
            "Chrome on Android",
        ),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Safari/604.1", "Safari on iPhone"),
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0 Edg/126.0", "Edge on Windows"),
        (
            "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
            "Firefox on Linux",
        ),
        ("curl/8.5.0", "Browser"),
        ("", "Unknown device"),
    ],
)
def test_sessions_are_named_after_their_device(user_agent: str, device: str) -> None:
    assert session_device(user_agent) == device
