"""Typed application errors rendered as RFC 9457 problem details."""

from __future__ import annotations

from collections.abc import Sequence
from http import HTTPStatus
from typing import Any


class DairaError(Exception):
    """Base of every error a service may raise; carries an HTTP status and a stable code."""

    status: int = 400
    code: str = "bad_request"
    title: str | None = None
    # Most errors undo the request's writes; a few (an audited refusal, a revocation
    # triggered by token reuse) must be saved even though the request fails.
    keep_changes: bool = False

    def __init__(
        self,
        detail: str | None = None,
        *,
        code: str | None = None,
        status: int | None = None,
        errors: Sequence[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        if code is not None:
            self.code = code
        if status is not None:
            self.status = status
        self.detail = detail or HTTPStatus(self.status).phrase
        self.errors = list(errors) if errors else None
        self.headers = headers or {}
        super().__init__(self.detail)

    @property
    def problem_title(self) -> str:
        return self.title or HTTPStatus(self.status).phrase


class BadRequest(DairaError):
    status = 400
    code = "bad_request"


class Unauthorized(DairaError):
    status = 401
    code = "not_authenticated"

    def __init__(self, detail: str | None = None, *, code: str | None = None) -> None:
        super().__init__(
            detail or "Authentication required.",
            code=code,
            headers={"WWW-Authenticate": "Bearer"},
        )


class Forbidden(DairaError):
    status = 403
    code = "forbidden"


class NotFound(DairaError):
    status = 404
    code = "not_found"


class Conflict(DairaError):
    status = 409
    code = "conflict"


class PayloadTooLarge(DairaError):
    status = 413
    code = "payload_too_large"


class UnsupportedMediaType(DairaError):
    status = 415
    code = "unsupported_media_type"


class ValidationFailed(DairaError):
    """A business-rule violation tied to one input field (422)."""

    status = 422
    code = "validation_error"

    def __init__(self, field: str | Sequence[str | int], message: str, *, code: str | None = None):
        loc = [field] if isinstance(field, str) else list(field)
        super().__init__(
            message,
            code=code,
            errors=[{"loc": ["body", *loc], "field": ".".join(map(str, loc)), "msg": message}],
        )


class RateLimited(DairaError):
    status = 429
    code = "rate_limited"

    def __init__(self, retry_after: int) -> None:
        retry_after = max(1, retry_after)
        super().__init__(
            f"Too many requests. Try again in {retry_after} seconds.",
            headers={"Retry-After": str(retry_after)},
        )
        self.retry_after = retry_after


class ServiceUnavailable(DairaError):
    status = 503
    code = "service_unavailable"
