"""Beyond capacity, when no database connection frees up in time, clients are told to back
off (503 + Retry-After), not shown a 500 as if it were a bug."""

from __future__ import annotations

import httpx
from fastapi import APIRouter
from sqlalchemy.exc import TimeoutError as PoolTimeout

from tests.conftest import AppHarness


async def test_an_exhausted_connection_pool_answers_503_with_retry_after(
    client: httpx.AsyncClient, harness: AppHarness
) -> None:
    router = APIRouter()

    @router.get("/test-pool-exhausted")
    async def exhausted() -> None:
        raise PoolTimeout("QueuePool limit of size 10 overflow 5 reached")

    harness.app.include_router(router)
    harness.app.router.routes.insert(0, harness.app.router.routes.pop())

    response = await client.get("/test-pool-exhausted")

    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["retry-after"] == "5"
    assert response.json()["code"] == "service_unavailable"
    assert "QueuePool" not in response.text
    assert response.headers["x-request-id"]
