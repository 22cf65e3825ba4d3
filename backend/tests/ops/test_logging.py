"""Structured logs: one access line per request with its route template and request id."""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime

import httpx
import pytest

from daira.config import Settings
from daira.observability.logging import ContextFilter, configure_logging
from tests.conftest import TEST_SECRET_KEY, MakeUser


async def test_the_access_log_names_the_route_template_and_request_id(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="daira.access"):
        response = await client.delete(
            "/api/v1/auth/sessions/77", headers={"X-Request-ID": "req-123"}
        )

    [record] = [r for r in caplog.records if r.name == "daira.access"]
    assert response.headers["x-request-id"] == "req-123"
    assert record.request_id == "req-123"  # type: ignore[attr-defined]
    assert record.route == "/api/v1/auth/sessions/{session_id}"  # type: ignore[attr-defined]
    assert record.status == 401  # type: ignore[attr-defined]
    assert "77" not in record.getMessage()


def test_logs_are_json_outside_development(capsys: pytest.CaptureFixture[str]) -> None:
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    try:
        configure_logging(
            Settings(_env_file=None, environment="test", secret_key=TEST_SECRET_KEY)  # type: ignore[call-arg]
        )
        logging.getLogger("daira.test").info("hello %s", "world")
        line = capsys.readouterr().err.strip().splitlines()[-1]
    finally:
        root.handlers, root.level = saved

    entry = json.loads(line)
    assert entry["message"] == "hello world"
    assert entry["level"] == "INFO"
    assert entry["name"] == "daira.test"
    assert "request_id" in entry


def test_the_context_filter_tolerates_records_outside_requests() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "m", None, None)

    assert ContextFilter().filter(record)
    assert record.request_id is None  # type: ignore[attr-defined]
    assert record.trace_id is None  # type: ignore[attr-defined]


async def test_refusals_are_logged_with_who_where_and_route(
    client: httpx.AsyncClient, make_user: MakeUser, caplog: pytest.LogCaptureFixture
) -> None:
    account = await make_user("watched")
    caplog.set_level(logging.WARNING, logger="daira.security")

    await client.post("/api/v1/auth/login", json={"email": account.email, "password": "nope"})
    await client.get("/api/v1/admin/stats", headers=account.headers)

    records = [r for r in caplog.records if r.name == "daira.security"]
    assert [(r.status, r.code) for r in records] == [  # type: ignore[attr-defined]
        (401, "invalid_credentials"),
        (403, "insufficient_role"),
    ]
    login, admin = records
    assert login.route == "/api/v1/auth/login"  # type: ignore[attr-defined]
    assert login.client_ip == "203.0.113.7"  # type: ignore[attr-defined]
    assert login.user_id is None  # type: ignore[attr-defined]
    assert admin.route == "/api/v1/admin/stats"  # type: ignore[attr-defined]
    assert admin.user_id == account.id  # type: ignore[attr-defined]


def test_log_times_are_utc_and_say_so(capsys: pytest.CaptureFixture[str]) -> None:
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    try:
        configure_logging(
            Settings(_env_file=None, environment="test", secret_key=TEST_SECRET_KEY)  # type: ignore[call-arg]
        )
        logging.getLogger("daira.test").info("tick")
        line = capsys.readouterr().err.strip().splitlines()[-1]
    finally:
        root.handlers, root.level = saved

    stamp = json.loads(line)["time"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", stamp), stamp
    logged = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    assert abs((datetime.now(UTC) - logged).total_seconds()) < 60
