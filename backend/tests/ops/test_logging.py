"""Structured logs: one access line per request with its route template and request id."""

from __future__ import annotations

import json
import logging

import httpx
import pytest

from daira.config import Settings
from daira.observability.logging import ContextFilter, configure_logging


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
        configure_logging(Settings(_env_file=None, environment="test"))  # type: ignore[call-arg]
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
