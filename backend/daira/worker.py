"""`daira worker`: runs queued jobs from Redis with exponential-backoff retries."""

from __future__ import annotations

import logging
import time
from typing import Any

from arq import Retry
from arq.connections import RedisSettings
from arq.worker import Function, Worker, func
from redis.exceptions import RedisError

from daira import __version__
from daira.config import Settings
from daira.core.jobs import WORKER_HEARTBEAT_SECONDS, JobFunc, registered_jobs, retry_delay
from daira.observability.logging import configure_logging
from daira.observability.metrics import record_build_info
from daira.observability.tracing import (
    TRACE_CONTEXT_KEY,
    build_provider,
    job_run,
    start_tracing,
    stop_tracing,
    tracing_requested,
)

log = logging.getLogger("daira.worker")


def _wrap(name: str, job: JobFunc, settings: Settings) -> Function:
    async def run(ctx: dict[str, Any], **kwargs: Any) -> None:
        attempt: int = ctx["job_try"]
        carrier = kwargs.pop(TRACE_CONTEXT_KEY, None)
        try:
            with job_run(name, carrier):
                await job(settings, **kwargs)
        except Exception as exc:
            if attempt >= settings.job_max_tries:
                log.exception("job failed for good", extra={"job": name, "attempt": attempt})
                return
            delay = retry_delay(settings, attempt)
            log.warning(
                "job failed, retrying",
                extra={"job": name, "attempt": attempt, "retry_in": delay},
                exc_info=True,
            )
            raise Retry(defer=delay) from exc

    return func(run, name=name, max_tries=settings.job_max_tries)


def build_worker(settings: Settings, **overrides: Any) -> Worker:
    assert settings.redis_url is not None
    functions = [_wrap(name, job, settings) for name, job in registered_jobs().items()]
    return Worker(
        functions=functions,
        redis_settings=RedisSettings.from_dsn(settings.redis_url),
        handle_signals=overrides.pop("handle_signals", True),
        job_completion_wait=settings.worker_shutdown_grace_seconds,
        # /ready's worker check and the Kubernetes liveness probe (deploy/k8s/base/worker.yaml)
        # read the heartbeat arq writes at this interval.
        health_check_interval=WORKER_HEARTBEAT_SECONDS,
        **overrides,
    )


# Waits between attempts to reach Redis again: quick at first, then every half minute.
RECONNECT_FIRST_SECONDS = 0.5
RECONNECT_MAX_SECONDS = 30.0


def run_worker(settings: Settings) -> None:
    """Serve jobs until stopped; a Redis outage or restart is waited out, never fatal.

    arq's worker gives up on the first lost connection. Exiting would leave emails queued
    (or unqueued) while /ready still said 200, so the worker starts over with backoff.
    """
    configure_logging(settings)
    record_build_info(__version__)
    if settings.worker_metrics_port is not None:
        from prometheus_client import start_http_server

        # Job latency and failures are recorded here, not in the API: Prometheus scrapes both.
        start_http_server(settings.worker_metrics_port, addr=settings.worker_metrics_host)
    if tracing_requested():
        start_tracing(build_provider(settings, "daira-worker"))
    delay = RECONNECT_FIRST_SECONDS
    try:
        while True:
            log.info("worker started")
            started = time.monotonic()
            try:
                build_worker(settings).run()
                return  # a clean stop (SIGINT/SIGTERM)
            except (RedisError, OSError):
                if time.monotonic() - started > RECONNECT_MAX_SECONDS:
                    delay = RECONNECT_FIRST_SECONDS  # it ran fine for a while: a fresh outage
                log.warning("redis unreachable; worker reconnecting", extra={"retry_in": delay})
                time.sleep(delay)
                delay = min(delay * 2, RECONNECT_MAX_SECONDS)
    finally:
        stop_tracing()
