"""With Redis down the rate limits fall back to this process: no 500, limits still hold."""

from __future__ import annotations

import subprocess
from collections.abc import AsyncIterator

import httpx
import pytest
from asgi_lifespan import LifespanManager

from daira.main import create_app
from daira.observability.metrics import RATELIMIT_FALLBACKS
from tests.conftest import make_settings
from tests.support.mailbox import SmtpCapture
from tests.support.servers import redis_server

API = "/api/v1/auth"


@pytest.fixture
async def app_with_dying_redis(
    database: str, smtp: SmtpCapture
) -> AsyncIterator[tuple[httpx.AsyncClient, subprocess.Popen[bytes]]]:
    with redis_server() as (url, process):
        app = create_app(make_settings(smtp.port, redis_url=url))
        async with LifespanManager(app):
            transport = httpx.ASGITransport(app=app, client=("192.0.2.77", 1))
            async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as c:
                yield c, process


async def test_login_keeps_answering_and_limiting_when_redis_goes_down(
    app_with_dying_redis: tuple[httpx.AsyncClient, subprocess.Popen[bytes]],
) -> None:
    client, process = app_with_dying_redis
    body = {"email": "nobody-here@example.com", "password": "wrong-password"}
    assert (await client.post(f"{API}/login", json=body)).status_code == 401
    process.terminate()
    process.wait()
    fallbacks_before = RATELIMIT_FALLBACKS._value.get()

    answers = [(await client.post(f"{API}/login", json=body)).status_code for _ in range(5)]
    over = await client.post(f"{API}/login", json=body)

    # The per-account+address budget (5 failures) is counted in process from the outage on.
    assert answers == [401] * 5
    assert over.status_code == 429
    assert over.headers["retry-after"]
    assert RATELIMIT_FALLBACKS._value.get() > fallbacks_before


async def test_signup_and_reset_requests_work_with_redis_down(
    app_with_dying_redis: tuple[httpx.AsyncClient, subprocess.Popen[bytes]],
) -> None:
    client, process = app_with_dying_redis
    process.terminate()
    process.wait()

    signup = await client.post(
        f"{API}/signup",
        json={
            "email": "outage@example.com",
            "username": "outage",
            "password": "correct-horse-battery-staple-42",
            "accept_terms": True,
        },
    )
    reset = await client.post(f"{API}/request-password-reset", json={"email": "x@example.com"})

    assert signup.status_code == 202, signup.text
    assert reset.status_code == 202, reset.text
