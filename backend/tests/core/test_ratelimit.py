"""Abuse limits: 429 with Retry-After at request N+1, per IP, email and user.

In the PostgreSQL + Redis run the counters live in Redis under the `ratelimit` prefix; in
the SQLite run they live in process. The behaviour must be the same.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import APIRouter

from daira.auth.deps import limit_by_user
from tests.conftest import REDIS_URL, AppHarness, MakeUser, redis_only

API = "/api/v1/auth"


def client_from(harness: AppHarness, ip: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=harness.app, client=(ip, 50000))
    return httpx.AsyncClient(transport=transport, base_url="https://testserver")


def assert_limited(response: httpx.Response, window_seconds: int) -> None:
    assert response.status_code == 429, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "rate_limited"
    retry_after = int(response.headers["retry-after"])
    assert 1 <= retry_after <= window_seconds


def signup_body(n: int) -> dict[str, Any]:
    return {
        "email": f"s{n}@example.com",
        "username": f"signup{n}",
        "password": "correct-horse-battery-staple-42",
        "accept_terms": True,
    }


async def test_login_is_limited_per_ip_at_the_eleventh_attempt(
    client: httpx.AsyncClient,
) -> None:
    for n in range(10):
        response = await client.post(
            f"{API}/login", json={"email": f"u{n}@example.com", "password": "wrong-password"}
        )
        assert response.status_code == 401

    response = await client.post(
        f"{API}/login", json={"email": "other@example.com", "password": "wrong-password"}
    )

    assert_limited(response, 15 * 60)


async def test_strangers_failing_on_an_account_never_lock_its_owner_out(
    harness: AppHarness, make_user: MakeUser
) -> None:
    account = await make_user("target", login=False)
    body = {"email": account.email, "password": "wrong-password"}
    for n in range(30):
        async with client_from(harness, f"192.0.2.{n + 1}") as c:
            assert (await c.post(f"{API}/login", json=body)).status_code == 401

    async with client_from(harness, "198.51.100.77") as owner:
        response = await owner.post(
            f"{API}/login", json={"email": account.email.upper(), "password": account.password}
        )

    assert response.status_code == 200, response.text


async def test_failed_logins_are_limited_per_account_and_address(
    harness: AppHarness, make_user: MakeUser
) -> None:
    account = await make_user("guessed", login=False)
    async with client_from(harness, "192.0.2.9") as guesser:
        for _ in range(5):
            wrong = {"email": account.email, "password": "wrong-password"}
            assert (await guesser.post(f"{API}/login", json=wrong)).status_code == 401
        right = {"email": account.email, "password": account.password}
        blocked = await guesser.post(f"{API}/login", json=right)
        other_account = await guesser.post(
            f"{API}/login", json={"email": "someone@example.com", "password": "wrong-password"}
        )

    assert_limited(blocked, 15 * 60)  # even the right password waits: no oracle for guessers
    assert other_account.status_code == 401


async def test_successful_logins_do_not_use_up_the_account_limit(
    harness: AppHarness, make_user: MakeUser
) -> None:
    account = await make_user("regular", login=False)
    right = {"email": account.email, "password": account.password}
    async with client_from(harness, "192.0.2.10") as c:
        answers = [(await c.post(f"{API}/login", json=right)).status_code for _ in range(8)]

    assert answers == [200] * 8


async def test_signup_is_limited_per_ip_at_the_fourth(client: httpx.AsyncClient) -> None:
    for n in range(3):
        assert (await client.post(f"{API}/signup", json=signup_body(n))).status_code == 202

    assert_limited(await client.post(f"{API}/signup", json=signup_body(3)), 3600)


async def test_password_reset_requests_are_limited_per_ip_at_the_sixth(
    client: httpx.AsyncClient,
) -> None:
    for n in range(5):
        response = await client.post(
            f"{API}/request-password-reset", json={"email": f"r{n}@example.com"}
        )
        assert response.status_code == 202

    response = await client.post(f"{API}/request-password-reset", json={"email": "x@example.com"})

    assert_limited(response, 3600)


async def test_resend_verification_is_limited_per_ip(client: httpx.AsyncClient) -> None:
    for n in range(5):
        response = await client.post(f"{API}/resend-verification", json={"email": f"v{n}@e.com"})
        assert response.status_code == 202

    response = await client.post(f"{API}/resend-verification", json={"email": "x@example.com"})

    assert_limited(response, 3600)


async def test_limits_count_each_ip_separately(harness: AppHarness) -> None:
    async with client_from(harness, "192.0.2.1") as first:
        for n in range(3):
            await first.post(f"{API}/signup", json=signup_body(n))
        assert (await first.post(f"{API}/signup", json=signup_body(3))).status_code == 429
    async with client_from(harness, "192.0.2.2") as second:
        assert (await second.post(f"{API}/signup", json=signup_body(4))).status_code == 202


@pytest.mark.parametrize("settings_overrides", [{"rate_limit_signup_ip": "2/minute"}])
async def test_limits_are_settings(
    client: httpx.AsyncClient, settings_overrides: dict[str, Any]
) -> None:
    for n in range(2):
        assert (await client.post(f"{API}/signup", json=signup_body(n))).status_code == 202

    assert_limited(await client.post(f"{API}/signup", json=signup_body(2)), 60)


@pytest.mark.parametrize("settings_overrides", [{"rate_limit_exempt_ips": "203.0.113.0/24"}])
async def test_exempt_ips_are_not_limited(
    client: httpx.AsyncClient, harness: AppHarness, settings_overrides: dict[str, Any]
) -> None:
    for n in range(5):
        assert (await client.post(f"{API}/signup", json=signup_body(n))).status_code == 202
    async with client_from(harness, "192.0.2.9") as other:
        for n in range(5, 8):
            await other.post(f"{API}/signup", json=signup_body(n))
        assert (await other.post(f"{API}/signup", json=signup_body(9))).status_code == 429


def test_no_ip_is_exempt_by_default() -> None:
    from daira.config import Settings

    assert Settings(_env_file=None).rate_limit_exempt_ips == []  # type: ignore[call-arg]


@pytest.mark.parametrize("settings_overrides", [{"trusted_proxies": "10.0.0.1"}])
async def test_forwarded_for_from_a_trusted_proxy_names_the_client(
    harness: AppHarness, settings_overrides: dict[str, Any]
) -> None:
    async with client_from(harness, "10.0.0.1") as proxy:
        for n in range(3):
            response = await proxy.post(
                f"{API}/signup", json=signup_body(n), headers={"X-Forwarded-For": "198.51.100.1"}
            )
            assert response.status_code == 202
        same = await proxy.post(
            f"{API}/signup", json=signup_body(3), headers={"X-Forwarded-For": "198.51.100.1"}
        )
        other = await proxy.post(
            f"{API}/signup",
            json=signup_body(4),
            # The client wrote the first entry; our proxy appended the real address.
            headers={"X-Forwarded-For": "198.51.100.1, 198.51.100.2"},
        )

    assert_limited(same, 3600)
    assert other.status_code == 202


@pytest.mark.parametrize("settings_overrides", [{"trusted_proxies": "10.0.0.1"}])
async def test_forwarded_for_from_anyone_else_is_ignored(
    client: httpx.AsyncClient, settings_overrides: dict[str, Any]
) -> None:
    for n in range(3):
        response = await client.post(
            f"{API}/signup", json=signup_body(n), headers={"X-Forwarded-For": f"198.51.100.{n}"}
        )
        assert response.status_code == 202

    response = await client.post(
        f"{API}/signup", json=signup_body(3), headers={"X-Forwarded-For": "198.51.100.99"}
    )

    assert_limited(response, 3600)


async def test_per_user_limits_count_each_user(harness: AppHarness, make_user: MakeUser) -> None:
    router = APIRouter()

    @router.post("/test-write", dependencies=[limit_by_user("posts_user", "test_write")])
    async def write() -> dict[str, bool]:
        return {"ok": True}

    harness.app.include_router(router)
    harness.app.router.routes.insert(0, harness.app.router.routes.pop())
    harness.settings.rate_limit_posts_user = "2/minute"
    alice = await make_user("alice")
    bob = await make_user("bob")
    async with client_from(harness, "192.0.2.50") as c:
        answers = [
            (await c.post("/test-write", headers=alice.headers)).status_code for _ in range(2)
        ]
        over = await c.post("/test-write", headers=alice.headers)
        others = await c.post("/test-write", headers=bob.headers)

    assert answers == [200, 200]
    assert_limited(over, 60)
    assert others.status_code == 200


@redis_only
async def test_counters_live_in_redis_under_the_ratelimit_prefix(
    client: httpx.AsyncClient, harness: AppHarness
) -> None:
    assert REDIS_URL is not None
    await client.post(f"{API}/login", json={"email": "Who@Example.com", "password": "wrong-pass"})
    await client.post(f"{API}/signup", json=signup_body(1))

    keys = sorted(k.decode() for k in await harness.app.state.redis.keys("*"))
    limit_keys = [k for k in keys if k.startswith("ratelimit")]

    assert any("login" in k and "ip" in k and "203.0.113.7" in k for k in limit_keys), keys
    assert any(
        "login" in k and "account_ip" in k and "who@example.com|203.0.113.7" in k
        for k in limit_keys
    ), keys
    assert any("signup" in k and "203.0.113.7" in k for k in limit_keys), keys


async def test_password_and_code_checks_of_a_signed_in_user_are_limited(
    harness: AppHarness, make_user: MakeUser
) -> None:
    account = await make_user("stolen_token")
    wrong = {"current_password": "guess-number-n", "new_password": "nile-sunset-falafel-917"}
    async with client_from(harness, "192.0.2.60") as c:
        for _ in range(9):
            response = await c.post(f"{API}/change-password", json=wrong, headers=account.headers)
            assert response.status_code == 422
        # The same budget covers the 2FA endpoints, which also check a code or password.
        await c.post(
            f"{API}/2fa/disable", json={"password": "x", "code": "123456"}, headers=account.headers
        )
        over = await c.post(f"{API}/change-password", json=wrong, headers=account.headers)
        right = await c.post(
            f"{API}/change-password",
            json={**wrong, "current_password": account.password},
            headers=account.headers,
        )

    assert_limited(over, 15 * 60)
    assert_limited(right, 15 * 60)
