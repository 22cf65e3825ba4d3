"""Ops endpoints outside /api/v1: liveness, readiness and metrics."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy import text

from daira.config import Settings
from daira.core.clientip import client_ip, ip_in
from daira.core.errors import NotFound
from daira.observability.metrics import render_metrics

router = APIRouter(include_in_schema=False)


@router.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/ready")
async def ready(request: Request) -> JSONResponse:
    checks: dict[str, str] = {}
    try:
        async with request.app.state.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as exc:
        checks["database"] = f"down: {type(exc).__name__}"
    redis = request.app.state.redis
    if redis is not None:
        try:
            await redis.ping()
            checks["redis"] = "ok"
        except Exception as exc:
            checks["redis"] = f"down: {type(exc).__name__}"
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
    body, content_type = render_metrics()
    return Response(body, media_type=content_type)
