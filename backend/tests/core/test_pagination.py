"""Opaque keyset cursors: round trip, and forged ones are a 400, never a 500."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime

import httpx
import pytest

from daira.core.pagination import InvalidCursor, decode_cursor, encode_cursor
from tests.conftest import MakeUser


def forge(payload: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


def test_a_cursor_round_trips() -> None:
    moment = datetime(2026, 11, 25, 22, 30, 1, 123456, tzinfo=UTC)

    assert decode_cursor(encode_cursor(moment, 42)) == (moment, 42)
    assert decode_cursor(None) is None


@pytest.mark.parametrize(
    "cursor",
    [
        "not base64 at all!",
        "زائف",
        forge("just a string"),
        forge([]),
        forge(["2026-11-25T22:30:01+00:00"]),
        forge(["2026-11-25T22:30:01+00:00", "42"]),
        forge(["2026-11-25T22:30:01+00:00", True]),
        forge(["2026-11-25T22:30:01+00:00", 2**63]),
        forge(["2026-11-25T22:30:01+00:00", -1]),
        forge(["2026-11-25T22:30:01", 42]),  # no time zone
        forge(["yesterday", 42]),
        forge({"created_at": "2026-11-25T22:30:01+00:00", "id": 42}),
    ],
)
def test_forged_cursors_are_invalid(cursor: str) -> None:
    with pytest.raises(InvalidCursor):
        decode_cursor(cursor)


async def test_a_forged_cursor_is_a_400_on_a_paginated_endpoint(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    account = await make_user("pager")
    huge = forge(["2026-11-25T22:30:01+00:00", 10**30])

    response = await client.get("/api/v1/feed", params={"cursor": huge}, headers=account.headers)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_cursor"
    assert response.json()["errors"][0]["field"] == "cursor"
