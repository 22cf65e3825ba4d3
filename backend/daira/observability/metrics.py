"""Prometheus metrics; routes are labelled by template, never by raw path."""

from __future__ import annotations

import os
import tempfile
import time
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"

HTTP_REQUESTS = Counter(
    "http_requests_total", "HTTP requests served.", ["method", "route", "status"]
)
HTTP_DURATION = Histogram(
    "http_request_duration_seconds",
    "Time to serve an HTTP request.",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
ERRORS = Counter("errors_total", "Responses with a 5xx status or unhandled errors.", ["kind"])
RATELIMIT_FALLBACKS = Counter(
    "ratelimit_fallbacks_total",
    "Rate-limit checks counted in process because Redis was unreachable.",
)
DB_QUERY_DURATION = Histogram(
    "db_query_duration_seconds",
    "Time spent executing database statements.",
    ["operation"],
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0),
)


def instrument_engine(engine: AsyncEngine) -> None:
    sync_engine = engine.sync_engine
    if getattr(sync_engine, "_daira_instrumented", False):
        return
    sync_engine._daira_instrumented = True  # type: ignore[attr-defined]

    @event.listens_for(sync_engine, "before_cursor_execute")
    def _start(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        conn.info.setdefault("query_start", []).append(time.perf_counter())

    @event.listens_for(sync_engine, "after_cursor_execute")
    def _stop(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        started = conn.info["query_start"].pop()
        operation = statement.lstrip().split(" ", 1)[0].upper()[:10]
        DB_QUERY_DURATION.labels(operation).observe(time.perf_counter() - started)


def render_metrics() -> tuple[bytes, str]:
    if os.environ.get(MULTIPROC_ENV):
        # Several server processes: add up what every one of them recorded.
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(), CONTENT_TYPE_LATEST


def prepare_multiprocess(workers: int) -> None:
    """Before forking workers: give them a shared directory for their metric files.

    prometheus_client reads the variable when it is imported, so this must run in the
    parent before any worker starts; an operator's own directory is respected.
    """
    if workers > 1 and not os.environ.get(MULTIPROC_ENV):
        os.environ[MULTIPROC_ENV] = tempfile.mkdtemp(prefix="daira-metrics-")
