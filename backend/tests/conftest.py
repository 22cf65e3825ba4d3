"""Test harness: a real database (PostgreSQL or SQLite), Redis when configured, real SMTP.

DATABASE_URL pointing at PostgreSQL (database name containing "test") and REDIS_URL select
the PostgreSQL + Redis run; without them the suite runs on a temporary SQLite file with
in-process rate limits and jobs. Every test starts from empty tables.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from daira.config import Settings
from daira.core.jobs import InProcessQueue, get_queue
from daira.core.security import hash_password
from daira.main import create_app
from daira.models import Base, Role, User
from daira.models.base import utcnow
from daira.users.validation import username_key
from tests.support.mailbox import SmtpCapture

BACKEND_DIR = Path(__file__).resolve().parents[1]
_SQLITE_DIR = tempfile.mkdtemp(prefix="daira-test-")


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgresql"):
        name = make_url(url).database or ""
        if "test" not in name:
            raise pytest.UsageError(
                f"refusing to wipe database {name!r}: test databases must have 'test' in their name"
            )
        return url
    return f"sqlite+aiosqlite:///{_SQLITE_DIR}/daira.db"


DATABASE_URL = _database_url()
REDIS_URL = os.environ.get("REDIS_URL") or None
IS_POSTGRES = DATABASE_URL.startswith("postgresql")

postgres_only = pytest.mark.skipif(not IS_POSTGRES, reason="needs PostgreSQL (DATABASE_URL)")
redis_only = pytest.mark.skipif(REDIS_URL is None, reason="needs Redis (REDIS_URL)")

STRONG_PASSWORD = "correct-horse-battery-staple-42"
# Outside development the server refuses to start without a random-looking key.
TEST_SECRET_KEY = "test-secret-key-0123456789-abcdefghijklmnop"


def pytest_report_header() -> str:
    db = "PostgreSQL" if IS_POSTGRES else "SQLite (temporary file)"
    redis = "Redis" if REDIS_URL else "in-process (no Redis)"
    return f"daira backend tests: database {db}; rate limits and jobs {redis}"


async def _prepare_database() -> None:
    if IS_POSTGRES:
        url = make_url(DATABASE_URL)
        admin = create_async_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
        async with admin.connect() as conn:
            exists = await conn.scalar(
                text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": url.database}
            )
            if not exists:
                await conn.execute(text(f'CREATE DATABASE "{url.database}"'))
        await admin.dispose()
        engine = create_async_engine(DATABASE_URL, isolation_level="AUTOCOMMIT")
        async with engine.connect() as conn:
            await conn.execute(text("DROP SCHEMA public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
        await engine.dispose()
    from alembic import command
    from alembic.config import Config

    config = Config(str(BACKEND_DIR / "alembic.ini"))
    config.attributes["database_url"] = DATABASE_URL
    config.attributes["configure_logging"] = False
    await asyncio.to_thread(command.upgrade, config, "head")


@pytest.fixture(scope="session")
async def database() -> str:
    await _prepare_database()
    return DATABASE_URL


@pytest.fixture(scope="session")
def smtp() -> Iterator[SmtpCapture]:
    capture = SmtpCapture()
    capture.start()
    yield capture
    capture.stop()


def make_settings(smtp_port: int, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "environment": "test",
        "database_url": DATABASE_URL,
        "redis_url": REDIS_URL,
        "secret_key": TEST_SECRET_KEY,
        "public_url": "https://daira.test",
        "email_backend": "smtp",
        "smtp_host": "127.0.0.1",
        "smtp_port": smtp_port,
        "job_retry_base_seconds": 0.01,
        "require_staff_2fa": False,
        "media_root": Path(_SQLITE_DIR) / "media",
        "web_dist": Path(_SQLITE_DIR) / "no-web-dist",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


async def _wipe(app: FastAPI) -> None:
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    async with app.state.engine.begin() as conn:
        if IS_POSTGRES:
            # DELETE plus restarting the sequences takes ~20 ms on tables this small where
            # TRUNCATE takes ~400 ms: at hundreds of tests that is minutes of CI. The audit
            # log refuses deletes; its owner may lift that for the wipe.
            sequences = await conn.scalars(
                text("SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema()")
            )
            statements = [
                "ALTER TABLE audit_log DISABLE TRIGGER USER",
                *(f"DELETE FROM {name}" for name in tables),
                "ALTER TABLE audit_log ENABLE TRIGGER USER",
                *(f"ALTER SEQUENCE {name} RESTART" for name in sequences),
            ]
            await conn.execute(text(f"DO $$ BEGIN {'; '.join(statements)}; END $$"))
        else:
            for name in tables:
                await conn.execute(text(f"DELETE FROM {name}"))
    if app.state.redis is not None:
        await app.state.redis.flushdb()


@dataclass
class AppHarness:
    app: FastAPI
    settings: Settings
    smtp: SmtpCapture

    def session(self) -> AsyncSession:
        return self.app.state.sessionmaker()  # type: ignore[no-any-return]

    async def run_jobs(self) -> None:
        """Deliver every queued job: in process, or through a burst of the arq worker."""
        queue = get_queue()
        if isinstance(queue, InProcessQueue):
            await queue.drain()
            return
        from daira.worker import build_worker

        worker = build_worker(self.settings, burst=True, handle_signals=False, poll_delay=0.01)
        try:
            await worker.main()
        finally:
            await worker.close()

    async def mails_to(self, address: str) -> list[Any]:
        await self.run_jobs()
        return self.smtp.to(address)


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    """Override in a test module to change settings for its app."""
    return {}


@pytest.fixture
def tracer_provider() -> Any:
    """Override in a test module to trace its app (an SDK TracerProvider); None: off."""
    return None


@pytest.fixture
async def harness(
    database: str, smtp: SmtpCapture, settings_overrides: dict[str, Any], tracer_provider: Any
) -> AsyncIterator[AppHarness]:
    settings = make_settings(smtp.port, **settings_overrides)
    app = create_app(settings, tracer_provider)
    smtp.clear()
    async with LifespanManager(app):
        await _wipe(app)
        yield AppHarness(app, settings, smtp)


@pytest.fixture
def app(harness: AppHarness) -> FastAPI:
    return harness.app


@pytest.fixture
async def client(harness: AppHarness) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=harness.app, client=("203.0.113.7", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as c:
        yield c


@pytest.fixture
async def db(harness: AppHarness) -> AsyncIterator[AsyncSession]:
    async with harness.session() as session:
        yield session


@dataclass
class Account:
    id: int
    email: str
    username: str
    password: str
    access_token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access_token}"}


MakeUser = Callable[..., Awaitable[Account]]


@pytest.fixture
def make_user(harness: AppHarness, client: httpx.AsyncClient) -> MakeUser:
    """Create a verified user straight in the database and sign it in through the API."""
    counter = iter(range(1, 1_000_000))

    async def factory(
        username: str | None = None,
        *,
        role: Role = Role.user,
        password: str = STRONG_PASSWORD,
        email: str | None = None,
        display_name: str | None = None,
        login: bool = True,
    ) -> Account:
        n = next(counter)
        username = username or f"user{n}"
        email = (email or f"{username}@example.com").lower()
        async with harness.session() as session:
            user = User(
                email=email,
                username=username,
                username_key=username_key(username),
                display_name=display_name or username.title(),
                password_hash=hash_password(password),
                role=role,
                email_verified_at=utcnow(),
            )
            session.add(user)
            await session.commit()
            user_id = user.id
        token = ""
        if login:
            # Each login gets its own client IP so per-IP login limits do not trip.
            transport = httpx.ASGITransport(app=harness.app, client=(f"198.51.100.{n % 250}", 1))
            async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as c:
                response = await c.post(
                    "/api/v1/auth/login", json={"email": email, "password": password}
                )
            assert response.status_code == 200, response.text
            token = response.json()["access_token"]
        return Account(user_id, email, username, password, token)

    return factory
