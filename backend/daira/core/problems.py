"""Render every error as RFC 9457 problem+json with a stable `code`."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from daira.core.errors import DairaError
from daira.observability.metrics import DB_POOL_TIMEOUTS

_STATUS_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "rate_limited",
    500: "internal_error",
    503: "service_unavailable",
}


def problem(
    status: int,
    code: str,
    detail: str,
    *,
    title: str | None = None,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
    extra: dict[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": f"/problems/{code}",
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "code": code,
    }
    if errors:
        body["errors"] = errors
    if extra:
        body.update(extra)
    return JSONResponse(
        body, status_code=status, headers=headers, media_type="application/problem+json"
    )


def _field_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for err in exc.errors():
        loc = [str(part) for part in err.get("loc", ())]
        field = (
            ".".join(loc[1:])
            if loc and loc[0] in {"body", "query", "path", "header"}
            else ".".join(loc)
        )
        out.append(
            {"loc": loc, "field": field, "msg": err.get("msg", ""), "type": err.get("type", "")}
        )
    return out


async def _daira_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DairaError)
    return problem(
        exc.status,
        exc.code,
        exc.detail,
        title=exc.problem_title,
        errors=exc.errors,
        headers=exc.headers,
    )


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = _field_errors(exc)
    fields = ", ".join(e["field"] for e in errors if e["field"]) or "request"
    return problem(422, "validation_error", f"Invalid input: {fields}.", errors=errors)


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _STATUS_CODES.get(exc.status_code, "http_error")
    detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    return problem(exc.status_code, code, detail, headers=dict(exc.headers or {}))


# Seconds a client is told to wait when every database connection stayed busy.
BUSY_RETRY_AFTER = 5


async def _pool_timeout(_: Request, exc: Exception) -> JSONResponse:
    """Every pooled connection stayed busy for the pool timeout: the server is overloaded.

    A 503 with Retry-After tells clients and load balancers to back off and retry, where a
    500 would read as a bug (seen in `make loadtest` beyond the machine's capacity).
    """
    assert isinstance(exc, PoolTimeout)
    DB_POOL_TIMEOUTS.inc()
    return problem(
        503,
        "service_unavailable",
        "The server is busy. Please try again in a few seconds.",
        headers={"Retry-After": str(BUSY_RETRY_AFTER)},
    )


def too_large(limit_bytes: int) -> JSONResponse:
    return problem(
        413,
        "payload_too_large",
        f"The request body is larger than {limit_bytes // (1024 * 1024)} MB.",
    )


def internal_error(**ids: str | None) -> JSONResponse:
    """The 500 answer; `ids` (request_id, trace_id) let a user's report find the logs."""
    return problem(
        500,
        "internal_error",
        "Something went wrong on our side. Please try again.",
        extra={name: value for name, value in ids.items() if value},
    )


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DairaError, _daira_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(PoolTimeout, _pool_timeout)
