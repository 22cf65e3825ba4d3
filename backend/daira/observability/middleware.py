"""One pure-ASGI middleware for request ids, security headers, metrics and the access log.

Pure ASGI (not BaseHTTPMiddleware) keeps the per-request overhead small on the hot path.
"""

from __future__ import annotations

import logging
import re
import time
import uuid

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from daira.config import Settings
from daira.core.problems import internal_error, too_large
from daira.observability.logging import request_id_var
from daira.observability.metrics import ERRORS, HTTP_DURATION, HTTP_REQUESTS
from daira.observability.tracing import current_trace_id

log = logging.getLogger("daira.access")
_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

CSP = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)


def security_headers(settings: Settings) -> list[tuple[bytes, bytes]]:
    headers = [
        (b"content-security-policy", CSP.encode()),
        (b"x-frame-options", b"DENY"),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"strict-origin-when-cross-origin"),
        (b"cross-origin-opener-policy", b"same-origin"),
        (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    ]
    if not settings.is_development:
        headers.append((b"strict-transport-security", b"max-age=63072000; includeSubDomains"))
    return headers


class _BodyTooLargeError(Exception):
    """Raised from inside receive() so the app stops reading an oversized body."""


def _declared_length(scope: Scope) -> int:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return 0
    return 0


def route_template(scope: Scope, status: int, api_prefix: str) -> str:
    """The matched route's template, e.g. /api/v1/posts/{id}; never the raw path.

    FastAPI reports a route's template relative to the router it was included into; every
    domain router is included once under the API prefix, so the prefix is added back here.
    """
    template: str | None = getattr(scope.get("route"), "path_format", None)
    if template is None or template == "/{path}":  # no route, or the web app's fallback
        return "unmatched" if status == 404 else (template or "other")
    if scope["path"].startswith(api_prefix + "/") and not template.startswith(api_prefix):
        return api_prefix + template
    return template


class ObservabilityMiddleware:
    def __init__(
        self, app: ASGIApp, settings: Settings, api_prefix: str, max_body_bytes: int
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.headers = security_headers(settings)
        self.api_prefix = api_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if _REQUEST_ID_RE.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status = 500
        started_response = False

        async def send_wrapper(message: Message) -> None:
            nonlocal status, started_response
            if message["type"] == "http.response.start":
                started_response = True
                status = message["status"]
                headers = MutableHeaders(scope=message)
                for name, value in self.headers:
                    if name.decode() not in headers:
                        headers.append(name.decode(), value.decode())
                headers["x-request-id"] = request_id
            await send(message)

        received = 0

        async def receive_limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise _BodyTooLargeError
            return message

        try:
            if _declared_length(scope) > self.max_body_bytes:
                raise _BodyTooLargeError
            await self.app(scope, receive_limited, send_wrapper)
        except _BodyTooLargeError:
            if started_response:
                raise
            await too_large(self.max_body_bytes)(scope, receive, send_wrapper)
        except Exception:
            # Caught here, inside the header logic, so even a crash answers problem+json
            # with the security headers and never a stack trace.
            ERRORS.labels("unhandled").inc()
            log.exception("unhandled error")
            if started_response:
                raise
            await internal_error(request_id=request_id, trace_id=current_trace_id())(
                scope, receive, send_wrapper
            )
        finally:
            elapsed = time.perf_counter() - started
            template = route_template(scope, status, self.api_prefix)
            method = scope["method"]
            HTTP_REQUESTS.labels(method, template, str(status)).inc()
            HTTP_DURATION.labels(method, template).observe(elapsed)
            if status >= 500:
                ERRORS.labels("http_5xx").inc()
            log.info(
                "%s %s %s %.1fms",
                method,
                template,
                status,
                elapsed * 1000,
                extra={
                    "status": status,
                    "route": template,
                    "duration_ms": round(elapsed * 1000, 2),
                },
            )
            request_id_var.reset(token)
