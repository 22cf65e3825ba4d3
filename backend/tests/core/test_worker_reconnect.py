"""`daira worker` waits out a Redis outage and delivers again once Redis is back."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

from arq import create_pool
from arq.connections import RedisSettings

from tests.conftest import DATABASE_URL, TEST_SECRET_KEY
from tests.support.mailbox import SmtpCapture
from tests.support.servers import free_port, start_redis, stop

DAIRA = Path(sys.executable).with_name("daira")


def _spawn_worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    """The real command, as an operator runs it."""
    return subprocess.Popen(
        [str(DAIRA), "worker"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


async def _mail_arrives(smtp: SmtpCapture, address: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if smtp.to(address):
            return True
        await asyncio.sleep(0.2)
    return False


async def test_the_worker_survives_a_redis_restart_and_keeps_delivering(
    database: str, smtp: SmtpCapture
) -> None:
    port = free_port()
    url = f"redis://127.0.0.1:{port}/0"
    redis = start_redis(port)
    env = {
        **os.environ,
        "ENVIRONMENT": "test",
        "SECRET_KEY": TEST_SECRET_KEY,
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": url,
        "EMAIL_BACKEND": "smtp",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(smtp.port),
    }
    worker = _spawn_worker(env)
    smtp.clear()
    try:
        await asyncio.sleep(2)
        stop(redis)
        await asyncio.sleep(3)
        assert worker.poll() is None, "the worker exited when Redis went away"

        redis = start_redis(port)
        pool = await create_pool(RedisSettings.from_dsn(url))
        await pool.enqueue_job(
            "send_email",
            to="after-restart@example.com",
            template="welcome",
            data={"display_name": "Back", "url": "https://daira.test/login"},
        )
        await pool.aclose()

        assert await _mail_arrives(smtp, "after-restart@example.com", 30)
    finally:
        worker.terminate()
        worker.wait(timeout=20)
        stop(redis)
