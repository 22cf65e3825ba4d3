"""Background jobs behind one `enqueue()` facade.

Jobs are queued on the database session and dispatched only after it commits, so a
rolled-back request never sends an email. With REDIS_URL set they go to an arq queue
served by `daira worker`; without it they run in this process with the same retries.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from daira.config import Settings
from daira.observability.metrics import REDIS_ERRORS
from daira.observability.tracing import TRACE_CONTEXT_KEY, job_run, trace_context

log = logging.getLogger("daira.jobs")

JobFunc = Callable[..., Awaitable[None]]
_REGISTRY: dict[str, JobFunc] = {}
_PENDING_KEY = "daira_pending_jobs"
# How often `daira worker` records that it is alive (arq's health check, in Redis).
WORKER_HEARTBEAT_SECONDS = 10


def job(name: str) -> Callable[[JobFunc], JobFunc]:
    """Register a coroutine as a job runnable by name, in process or by the worker."""

    def register(func: JobFunc) -> JobFunc:
        _REGISTRY[name] = func
        return func

    return register


def registered_jobs() -> dict[str, JobFunc]:
    _import_job_modules()
    return dict(_REGISTRY)


def _import_job_modules() -> None:
    import daira.auth.jobs  # registers the verification and reset links
    import daira.email.jobs  # registers the email job
    import daira.media.jobs  # noqa: F401 - registers media deletion


def retry_delay(settings: Settings, attempt: int) -> float:
    """Exponential backoff: base, 2*base, 4*base ... for attempt 1, 2, 3 ..."""
    return float(settings.job_retry_base_seconds * (2 ** (attempt - 1)))


class JobQueue(Protocol):
    async def dispatch(self, name: str, kwargs: dict[str, Any]) -> None: ...

    async def stats(self) -> tuple[int, float]:
        """(jobs waiting, seconds the oldest has been due)."""
        ...

    async def close(self) -> None: ...


@dataclass
class InProcessQueue:
    """Runs jobs as tasks of this event loop, retrying with exponential backoff."""

    settings: Settings
    tasks: set[asyncio.Task[None]] = field(default_factory=set)

    async def dispatch(self, name: str, kwargs: dict[str, Any]) -> None:
        task = asyncio.create_task(self._run(name, kwargs))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _run(self, name: str, kwargs: dict[str, Any]) -> None:
        func = registered_jobs()[name]
        kwargs = dict(kwargs)
        carrier = kwargs.pop(TRACE_CONTEXT_KEY, None)
        for attempt in range(1, self.settings.job_max_tries + 1):
            try:
                with job_run(name, carrier):
                    await func(self.settings, **kwargs)
                return
            except Exception:
                if attempt == self.settings.job_max_tries:
                    log.exception("job failed for good", extra={"job": name, "attempt": attempt})
                    return
                delay = retry_delay(self.settings, attempt)
                log.warning(
                    "job failed, retrying",
                    extra={"job": name, "attempt": attempt, "retry_in": delay},
                    exc_info=True,
                )
                await asyncio.sleep(delay)

    async def stats(self) -> tuple[int, float]:
        # Tasks start at once: nothing waits in a queue, retries sleep inside their task.
        return len(self.tasks), 0.0

    async def drain(self) -> None:
        """Wait for every job dispatched so far (tests and shutdown)."""
        while self.tasks:
            await asyncio.gather(*list(self.tasks), return_exceptions=True)

    async def close(self) -> None:
        await self.drain()


class RedisQueue:
    """Hands jobs to arq; `daira worker` runs them."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._pool: Any = None

    async def _get_pool(self) -> Any:
        if self._pool is None:
            from arq import create_pool
            from arq.connections import RedisSettings

            assert self.settings.redis_url is not None
            self._pool = await create_pool(RedisSettings.from_dsn(self.settings.redis_url))
        return self._pool

    async def dispatch(self, name: str, kwargs: dict[str, Any]) -> None:
        pool = await self._get_pool()
        await pool.enqueue_job(name, **kwargs)

    async def stats(self) -> tuple[int, float]:
        from arq.constants import default_queue_name

        pool = await self._get_pool()
        depth = await pool.zcard(default_queue_name)
        # Scores are when each job is due, in milliseconds.
        first = await pool.zrange(default_queue_name, 0, 0, withscores=True)
        oldest_age = max(0.0, time.time() - first[0][1] / 1000) if first else 0.0
        return int(depth), oldest_age

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.aclose()
            self._pool = None


_queue: JobQueue | None = None
_fallback: InProcessQueue | None = None


def _fallback_queue() -> InProcessQueue:
    global _fallback
    if _fallback is None:
        from daira.config import get_settings

        settings = _queue.settings if isinstance(_queue, RedisQueue) else get_settings()
        _fallback = InProcessQueue(settings)
    return _fallback


def configure_queue(settings: Settings) -> JobQueue:
    global _queue
    _queue = RedisQueue(settings) if settings.redis_url else InProcessQueue(settings)
    return _queue


def get_queue() -> JobQueue:
    if _queue is None:
        from daira.config import get_settings

        return configure_queue(get_settings())
    return _queue


async def worker_heartbeat(redis: Any) -> float:
    """When a worker last recorded its health check (Unix time), 0 when none is alive."""
    from arq.constants import default_queue_name, health_check_key_suffix

    ttl_ms: int = await redis.pttl(default_queue_name + health_check_key_suffix)
    if ttl_ms < 0:
        return 0.0
    # arq writes the key with a time-to-live of one interval plus a second.
    return time.time() - (WORKER_HEARTBEAT_SECONDS + 1) + ttl_ms / 1000


def enqueue(session: AsyncSession, name: str, **kwargs: Any) -> None:
    """Queue a job to run once `session` commits; dropped if it rolls back."""
    if name not in registered_jobs():
        raise KeyError(f"unknown job {name!r}")
    carrier = trace_context()
    if carrier:
        kwargs[TRACE_CONTEXT_KEY] = carrier
    session.info.setdefault(_PENDING_KEY, []).append((name, kwargs))


async def commit(session: AsyncSession) -> None:
    await session.commit()
    pending: list[tuple[str, dict[str, Any]]] = session.info.pop(_PENDING_KEY, [])
    queue = get_queue()
    for name, kwargs in pending:
        try:
            await queue.dispatch(name, kwargs)
        except Exception:
            # The data is saved; a Redis outage must neither fail the request nor lose the
            # email, so the job runs here instead, with the same retries.
            REDIS_ERRORS.labels("enqueue").inc()
            log.exception("could not queue job; running it in process", extra={"job": name})
            await _fallback_queue().dispatch(name, kwargs)


async def rollback(session: AsyncSession) -> None:
    session.info.pop(_PENDING_KEY, None)
    await session.rollback()
