"""`daira worker`: runs queued jobs from Redis with exponential-backoff retries."""

from __future__ import annotations

import logging
from typing import Any

from arq import Retry
from arq.connections import RedisSettings
from arq.worker import Function, Worker, func

from daira.config import Settings
from daira.core.jobs import JobFunc, registered_jobs, retry_delay
from daira.observability.logging import configure_logging

log = logging.getLogger("daira.worker")


def _wrap(name: str, job: JobFunc, settings: Settings) -> Function:
    async def run(ctx: dict[str, Any], **kwargs: Any) -> None:
        attempt: int = ctx["job_try"]
        try:
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
        # The Kubernetes liveness probe reads this key (deploy/k8s/base/worker.yaml).
        health_check_interval=30,
        **overrides,
    )


def run_worker(settings: Settings) -> None:
    configure_logging(settings)
    log.info("worker started")
    build_worker(settings).run()
