"""Prometheus metrics; routes are labelled by template, never by raw path.

Every label takes a bounded set of values (route templates, job and template names, limit
names, outcomes): docs/MONITORING.md lists them. Gauges that describe shared state (queue,
pool, dependencies) are set when /metrics is scraped and, across server processes, the most
recent value wins.
"""

from __future__ import annotations

import os
import tempfile
import time
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import QueuePool

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"

HTTP_REQUESTS = Counter(
    "http_requests_total", "HTTP requests served.", ["method", "route", "status"]
)
HTTP_DURATION = Histogram(
    "http_request_duration_seconds",
    "Time to serve an HTTP request.",
    ["method", "route"],
    # 0.3 s is the feed latency SLO's threshold (deploy/monitoring/rules).
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.3, 0.5, 1.0, 2.5, 5.0, 10.0),
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

JOB_DURATION = Histogram(
    "daira_job_duration_seconds",
    "Time to run one attempt of a background job, by kind (the job's name).",
    # Not "job": Prometheus gives that label to the scrape target.
    ["kind"],
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0),
)
JOB_FAILURES = Counter(
    "daira_job_failures_total",
    "Background job attempts that raised (each retry counts), by kind.",
    ["kind"],
)
JOB_QUEUE_DEPTH = Gauge(
    "daira_job_queue_depth", "Jobs waiting in the queue.", multiprocess_mode="mostrecent"
)
JOB_OLDEST_AGE = Gauge(
    "daira_job_oldest_age_seconds",
    "How long the oldest waiting job has been due (0 when the queue is empty).",
    multiprocess_mode="mostrecent",
)
WORKER_HEARTBEAT = Gauge(
    "daira_worker_last_heartbeat_timestamp_seconds",
    "When a `daira worker` last reported itself alive (0: none seen).",
    multiprocess_mode="mostrecent",
)
DB_POOL_IN_USE = Gauge(
    "daira_db_pool_connections_in_use",
    "Database connections checked out of the pool.",
    multiprocess_mode="livesum",
)
DB_POOL_CAPACITY = Gauge(
    "daira_db_pool_capacity",
    "Most connections the pool may open (size + overflow).",
    multiprocess_mode="livesum",
)
DB_POOL_WAITING = Gauge(
    "daira_db_pool_waiting",
    "Requests waiting for a free database connection (in the process that was scraped).",
    multiprocess_mode="mostrecent",
)
DB_POOL_TIMEOUTS = Counter(
    "daira_db_pool_timeouts_total", "Requests refused because no database connection came free."
)
DEPENDENCY_UP = Gauge(
    "daira_dependency_up",
    "1 when a dependency answered the readiness check at the last scrape.",
    ["dependency"],
    multiprocess_mode="mostrecent",
)
REDIS_ERRORS = Counter(
    "daira_redis_errors_total", "Redis calls that failed, by what they were for.", ["operation"]
)
RATE_LIMIT_REJECTIONS = Counter(
    "daira_rate_limit_rejections_total", "Requests refused with 429, by limit.", ["limit"]
)
LOGINS = Counter(
    "daira_logins_total",
    "Sign-in attempts by outcome (succeeded, or the refusal's problem code).",
    ["outcome"],
)
MODERATION_DECISIONS = Counter(
    "daira_moderation_decisions_total",
    "Moderation decisions by action (block, hide, flag, approve, remove) and source (rule, "
    "moderator).",
    ["action", "source"],
)
EMAILS_SENT = Counter("daira_emails_sent_total", "Emails handed to the mail backend.", ["template"])
BUILD_INFO = Gauge(
    "daira_build_info",
    "Always 1; the labels say which build is running.",
    ["version", "git_sha"],
    multiprocess_mode="max",
)


def record_build_info(version: str) -> None:
    BUILD_INFO.labels(version, os.environ.get("DAIRA_GIT_SHA", "unknown")).set(1)


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

    pool = sync_engine.pool
    if isinstance(pool, QueuePool):
        DB_POOL_CAPACITY.set(pool.size() + max(pool._max_overflow, 0))
        event.listen(sync_engine, "checkout", _checked_out)
        event.listen(sync_engine, "checkin", _checked_in)


# Marked on the connection's record: SQLAlchemy also fires "checkin" for a checkout that
# failed half-way (the database went away), which was never counted as in use.
_IN_USE = "daira_in_use"


def _checked_out(_dbapi_connection: Any, record: Any, _proxy: Any) -> None:
    record.info[_IN_USE] = True
    DB_POOL_IN_USE.inc()


def _checked_in(_dbapi_connection: Any, record: Any) -> None:
    if record.info.pop(_IN_USE, False):
        DB_POOL_IN_USE.dec()


def pool_waiting(engine: AsyncEngine) -> int:
    """Coroutines blocked on a full pool: the waiters of the pool's asyncio queue.

    SQLAlchemy has no public count of them; read at scrape time only, and 0 for a pool of
    another shape.
    """
    queue = getattr(getattr(engine.sync_engine.pool, "_pool", None), "_queue", None)
    return len(getattr(queue, "_getters", ()))


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
