"""/health is liveness only; /ready checks the database and Redis and names what is down."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from daira import ops
from daira.main import create_app
from tests.conftest import REDIS_URL, AppHarness, make_settings

UNREACHABLE_POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:1/daira_down_test"
UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture
async def broken_client(
    harness: AppHarness, request: pytest.FixtureRequest
) -> AsyncIterator[httpx.AsyncClient]:
    """A second app whose settings point a dependency at a closed port.

    Its lifespan is not run: /ready reads the engine and Redis client create_app builds,
    and skipping the lifespan keeps the shared job queue pointing at the real app.
    """
    overrides: dict[str, Any] = request.param
    app = create_app(make_settings(harness.smtp.port, **overrides))
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 1))
    try:
        async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as c:
            yield c
    finally:
        await app.state.engine.dispose()
        if app.state.redis is not None:
            await app.state.redis.aclose()


async def test_health_needs_no_dependencies(client: httpx.AsyncClient) -> None:
    response = await client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_ready_checks_the_database_and_redis(client: httpx.AsyncClient) -> None:
    response = await client.get("/ready")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    expected = {"database": "ok", "redis": "ok"} if REDIS_URL else {"database": "ok"}
    assert body["checks"] == expected


@pytest.mark.parametrize("broken_client", [{"database_url": UNREACHABLE_POSTGRES}], indirect=True)
async def test_ready_is_503_naming_the_database_when_it_is_down(
    broken_client: httpx.AsyncClient,
) -> None:
    response = await broken_client.get("/ready")

    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "not_ready"
    assert "database" in body["detail"]
    assert body["checks"]["database"].startswith("down")
    assert (await broken_client.get("/health")).status_code == 200


@pytest.mark.parametrize("broken_client", [{"redis_url": UNREACHABLE_REDIS}], indirect=True)
async def test_ready_is_503_naming_redis_when_it_is_down(
    broken_client: httpx.AsyncClient,
) -> None:
    response = await broken_client.get("/ready")

    assert response.status_code == 503
    body = response.json()
    assert "redis" in body["detail"]
    assert "database" not in body["detail"]
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["redis"].startswith("down")


async def test_ready_is_503_when_a_dependency_hangs(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def hangs(engine: object) -> None:
        await asyncio.Event().wait()

    monkeypatch.setattr(ops, "_ping_database", hangs)
    monkeypatch.setattr(ops, "CHECK_TIMEOUT_SECONDS", 0.05)

    response = await client.get("/ready")

    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "down: no answer within 0.05s"
