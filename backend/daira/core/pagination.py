"""Keyset pagination on (created_at, id) with opaque cursors."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import UTC, datetime
from typing import Annotated, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel

from daira.core.errors import DairaError

T = TypeVar("T")
MAX_ID = 2**63 - 1

LimitParam = Annotated[int, Query(ge=1, le=100, description="Page size (1-100).")]
CursorParam = Annotated[
    str | None, Query(max_length=200, description="Opaque cursor from `next_cursor`.")
]


class InvalidCursor(DairaError):
    status = 400
    code = "invalid_cursor"

    def __init__(self) -> None:
        super().__init__(
            "The cursor is not valid.",
            errors=[{"loc": ["query", "cursor"], "field": "cursor", "msg": "invalid cursor"}],
        )


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None


def encode_cursor(created_at: datetime, id_: int) -> str:
    raw = json.dumps([created_at.isoformat(), id_], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> tuple[datetime, int] | None:
    if cursor is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        created_raw, id_ = json.loads(raw)
        created_at = datetime.fromisoformat(created_raw)
        # Cursors come from clients: an id beyond BIGINT would overflow inside the query.
        if (
            not isinstance(id_, int)
            or isinstance(id_, bool)
            or not 0 <= id_ <= MAX_ID
            or created_at.tzinfo is None
        ):
            raise ValueError(cursor)
        # An offset can push year 1 or 9999 out of range once in UTC, as queries need it.
        created_at = created_at.astimezone(UTC)
    except (ValueError, TypeError, OverflowError, binascii.Error, UnicodeDecodeError):
        raise InvalidCursor() from None
    return created_at, id_
