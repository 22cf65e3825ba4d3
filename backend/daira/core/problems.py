"""Render every error as RFC 9457 problem+json with a stable `code`."""

from __future__ import annotations

import logging
import re
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from daira.core.clientip import client_ip
from daira.core.errors import DairaError
from daira.observability.metrics import DB_POOL_TIMEOUTS

log = logging.getLogger("daira.errors")

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


# Refusals worth an operator's eye (ASVS 16.3): who, from where, on which route.
SECURITY_STATUSES = frozenset({401, 403, 429})
security_log = logging.getLogger("daira.security")


def _log_refusal(request: Request, exc: DairaError) -> None:
    # Imported here: the observability middleware itself renders its errors with this module.
    from daira.observability.middleware import route_template

    route = route_template(request.scope, exc.status, request.app.state.api_prefix)
    security_log.warning(
        "refused %s %s %s %s",
        request.method,
        route,
        exc.status,
        exc.code,
        extra={
            "event": "request_refused",
            "status": exc.status,
            "code": exc.code,
            "route": route,
            "client_ip": client_ip(request),
            "user_id": getattr(request.state, "user_id", None),
        },
    )


async def _daira_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DairaError)
    if exc.status in SECURITY_STATUSES:
        _log_refusal(request, exc)
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


_PATH_PARAMETER = re.compile(r"\\\{[^/]+?\\\}")


def _allowed_methods(request: Request) -> str:
    """Every method the API serves at this path, from its OpenAPI document.

    Starlette names only the first route whose path matches, but a path such as
    /posts/{post_id} is served by one route per method.
    """
    path = request.scope["path"]
    # Like routing, a literal segment wins over a parameter: /rules/test is not /rules/{id}.
    by_parameters: dict[int, set[str]] = {}
    for template, operations in request.app.openapi().get("paths", {}).items():
        escaped = re.escape(template)
        if re.fullmatch(_PATH_PARAMETER.sub("[^/]+", escaped), path):
            methods = by_parameters.setdefault(len(_PATH_PARAMETER.findall(escaped)), set())
            methods.update(method.upper() for method in operations)
    return ", ".join(sorted(by_parameters[min(by_parameters)])) if by_parameters else ""


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _STATUS_CODES.get(exc.status_code, "http_error")
    detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    headers = dict(exc.headers or {})
    if exc.status_code == 400 and isinstance(exc.__cause__, UnicodeDecodeError):
        # FastAPI answers 400 for a JSON body that is not UTF-8 but 422 for any other
        # malformed JSON: one status for every malformed body, whatever its bytes.
        return problem(
            422,
            "validation_error",
            "Invalid input: the body is not valid JSON.",
            errors=[{"loc": ["body"], "field": "", "msg": "Invalid JSON", "type": "json_invalid"}],
        )
    if exc.status_code == 405 and (allowed := _allowed_methods(request)):
        headers["Allow"] = allowed
    return problem(exc.status_code, code, detail, headers=headers)


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


# Seconds a client is told to wait while the database is down or restarting: by then the
# pool has replaced its dropped connections (one disconnect invalidates the whole pool).
DATABASE_RETRY_AFTER = 5


def _is_database_outage(exc: Exception) -> bool:
    if isinstance(exc, DBAPIError):
        return exc.connection_invalidated or isinstance(exc, OperationalError | InterfaceError)
    # asyncpg raises the socket's own error when it cannot connect at all.
    return isinstance(exc, ConnectionError)


async def _database_unavailable(_: Request, exc: Exception) -> JSONResponse:
    """PostgreSQL is down, restarting or unreachable: a 503 to retry, never a 500."""
    if not _is_database_outage(exc):
        raise exc
    log.warning("database unavailable: %s", type(exc).__name__)
    return problem(
        503,
        "database_unavailable",
        "The service is briefly unavailable. Please try again in a few seconds.",
        headers={"Retry-After": str(DATABASE_RETRY_AFTER)},
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
    app.add_exception_handler(DBAPIError, _database_unavailable)
    app.add_exception_handler(ConnectionError, _database_unavailable)
