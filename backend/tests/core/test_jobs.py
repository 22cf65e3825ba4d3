"""Jobs run after commit, are dropped on rollback, and survive a queue outage."""

from __future__ import annotations

import httpx
import pytest

from daira.core import jobs
from daira.core.jobs import RedisQueue, enqueue, retry_delay
from tests.conftest import AppHarness, make_settings, redis_only

SIGNUP = {
    "email": "queued@example.com",
    "username": "queued",
    "password": "correct-horse-battery-staple-42",
    "accept_terms": True,
}


def test_retries_back_off_exponentially() -> None:
    settings = make_settings(25, job_retry_base_seconds=2.0)

    assert [retry_delay(settings, n) for n in (1, 2, 3, 4)] == [2.0, 4.0, 8.0, 16.0]


async def test_unknown_jobs_are_refused_when_queued(harness: AppHarness) -> None:
    async with harness.session() as session:
        with pytest.raises(KeyError, match="unknown job"):
            enqueue(session, "no_such_job")


async def test_queued_jobs_are_dropped_on_rollback(harness: AppHarness) -> None:
    async with harness.session() as session:
        enqueue(session, "send_email", to="x@example.com", template="welcome", data={})
        await jobs.rollback(session)

    assert await harness.mails_to("x@example.com") == []


@redis_only
async def test_email_still_leaves_when_redis_cannot_take_the_job(
    client: httpx.AsyncClient, harness: AppHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def redis_down(self: RedisQueue, name: str, kwargs: dict[str, object]) -> None:
        raise ConnectionError("redis is down")

    monkeypatch.setattr(RedisQueue, "dispatch", redis_down)

    response = await client.post("/api/v1/auth/signup", json=SIGNUP)
    await jobs._fallback_queue().drain()

    assert response.status_code == 202
    assert [m.subject for m in harness.smtp.to("queued@example.com")] == [
        "Confirm your email for Daira"
    ]
