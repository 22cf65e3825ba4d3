"""Ops endpoints outside /api/v1: liveness, readiness and metrics."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from daira.config import Settings
from daira.core.clientip import client_ip, ip_in
from daira.core.errors import NotFound
from daira.core.jobs import get_queue, worker_heartbeat
from daira.observability.metrics import (
    DB_POOL_WAITING,
    DEPENDENCY_UP,
    JOB_OLDEST_AGE,
    JOB_QUEUE_DEPTH,
    REDIS_ERRORS,
    WORKER_HEARTBEAT,
    pool_waiting,
    render_metrics,
)

router = APIRouter(include_in_schema=False)


@router.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


# A probe must answer promptly: a dependency that hangs (an unreachable host, an exhausted
# pool) counts as down instead of holding the probe until some client-side timeout.
CHECK_TIMEOUT_SECONDS = 2.0


async def _ping_database(engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        await conn.execute(text("SELECT 1"))


async def _check(probe: Awaitable[object]) -> str:
    try:
        await asyncio.wait_for(probe, CHECK_TIMEOUT_SECONDS)
    except TimeoutError:
        return f"down: no answer within {CHECK_TIMEOUT_SECONDS:g}s"
    except Exception as exc:
        return f"down: {type(exc).__name__}"
    return "ok"


async def _readiness(request: Request) -> dict[str, str]:
    checks = {"database": await _check(_ping_database(request.app.state.engine))}
    redis = request.app.state.redis
    if redis is not None:
        checks["redis"] = await _check(redis.ping())
        if checks["redis"] != "ok":
            REDIS_ERRORS.labels("ping").inc()
    return checks


@router.get("/ready")
async def ready(request: Request) -> JSONResponse:
    checks = await _readiness(request)
    down = [name for name, state in checks.items() if state != "ok"]
    if down:
        body = {
            "type": "/problems/not_ready",
            "title": "Service Unavailable",
            "status": 503,
            "code": "not_ready",
            "detail": f"Not ready: {', '.join(down)} unreachable.",
            "checks": checks,
        }
        return JSONResponse(body, status_code=503, media_type="application/problem+json")
    return JSONResponse({"status": "ready", "checks": checks})


@router.get("/metrics")
async def metrics(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    if not ip_in(client_ip(request), settings.metrics_allowed_ips):
        # Hidden rather than forbidden: nothing here for the public internet to probe.
        raise NotFound()
    await _refresh_gauges(request)
    body, content_type = render_metrics()
    return Response(body, media_type=content_type)


async def _refresh_gauges(request: Request) -> None:
    """Shared state is read when Prometheus asks, not tracked on every request."""
    for dependency, state in (await _readiness(request)).items():
        DEPENDENCY_UP.labels(dependency).set(1 if state == "ok" else 0)
    DB_POOL_WAITING.set(pool_waiting(request.app.state.engine))
    try:
        await asyncio.wait_for(_queue_gauges(request.app.state.redis), CHECK_TIMEOUT_SECONDS)
    except Exception:
        # Redis is down: /ready says so; the queue gauges keep their last value.
        REDIS_ERRORS.labels("metrics").inc()


async def _queue_gauges(redis: Redis[bytes] | None) -> None:
    depth, oldest_age = await get_queue().stats()
    JOB_QUEUE_DEPTH.set(depth)
    JOB_OLDEST_AGE.set(oldest_age)
    if redis is not None:
        WORKER_HEARTBEAT.set(await worker_heartbeat(redis))
