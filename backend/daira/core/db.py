"""Database engine and the one-session-per-request dependency."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import StaticPool

from daira.config import Settings
from daira.core.errors import DairaError
from daira.core.jobs import commit, rollback
from daira.core.pubsub import drop_pending, send_pending


def make_engine(settings: Settings) -> AsyncEngine:
    kwargs: dict[str, Any] = {"echo": settings.database_echo}
    if settings.is_sqlite:
        if ":memory:" in settings.database_url:
            kwargs["poolclass"] = StaticPool
        kwargs["connect_args"] = {"timeout": 30}
        if "///" in settings.database_url:
            path = settings.database_url.split("///", 1)[1]
            if path and path != ":memory:":
                from pathlib import Path

                Path(path).parent.mkdir(parents=True, exist_ok=True)
    else:
        kwargs.update(
            pool_size=settings.database_pool_size, max_overflow=settings.database_max_overflow
        )
    engine = create_async_engine(settings.database_url, **kwargs)
    if settings.is_sqlite:
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    else:
        ping_idle_connections(engine)
    return engine


IDLE_PING_SECONDS = 10.0


def ping_idle_connections(engine: AsyncEngine, idle_seconds: float = IDLE_PING_SECONDS) -> None:
    """Check a pooled connection before use only when it sat idle for `idle_seconds`.

    `pool_pre_ping` checks every checkout, which with asyncpg is three round trips (BEGIN,
    ping, ROLLBACK): 15% of the server's CPU on a feed request (see `make bench`). Connections
    dropped by a database restart, failover or idle timeout are the idle ones, so they are
    still replaced before a request sees them; a busy connection is not pinged.
    """
    sync_engine = engine.sync_engine

    def checked_in(_dbapi_connection: Any, record: Any) -> None:
        record.info["checked_in_at"] = time.monotonic()

    def checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        if _closed_by_server(dbapi_connection):
            # A database restart closed it while it sat in the pool: replace it now (no
            # round trip needed) instead of failing the request that would have used it.
            raise DisconnectionError("connection closed by the server")
        since = record.info.get("checked_in_at")
        if since is None or time.monotonic() - since < idle_seconds:
            return
        try:
            sync_engine.dialect.do_ping(dbapi_connection)
        except Exception as exc:
            # The pool discards this connection and checks out a fresh one.
            raise DisconnectionError("idle connection failed its ping") from exc

    event.listen(sync_engine, "checkin", checked_in)
    event.listen(sync_engine, "checkout", checkout)


def _closed_by_server(dbapi_connection: Any) -> bool:
    """Whether the driver already saw this connection's socket close (asyncpg tracks it)."""
    driver = getattr(dbapi_connection, "driver_connection", None)
    is_closed = getattr(driver, "is_closed", None)
    return bool(is_closed is not None and is_closed())


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def make_read_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions for reads, without BEGIN and COMMIT around them (same pool).

    A read request's only write is the once-a-minute `last_seen_at` touch, a single
    statement that is atomic on its own; skipping the transaction saves two round trips
    and about a tenth of the server's and PostgreSQL's CPU per feed page (`make bench`).
    """
    return make_sessionmaker(engine.execution_options(isolation_level="AUTOCOMMIT"))


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session per request: committed on success, rolled back on any error.

    The commit happens before the response is sent (scope="function"), so a client never
    sees a success for work that was not saved; jobs queued during the request are
    dispatched only after that commit (see `daira.core.jobs`).
    """
    sessionmaker: async_sessionmaker[AsyncSession] = (
        request.app.state.read_sessionmaker
        if request.method in READ_METHODS
        else request.app.state.sessionmaker
    )
    async with sessionmaker() as session:
        try:
            yield session
        except DairaError as exc:
            if exc.keep_changes:
                await commit(session)
                await send_pending(session, request.app.state.broker)
            else:
                drop_pending(session)
                await rollback(session)
            raise
        except BaseException:
            drop_pending(session)
            await rollback(session)
            raise
        await commit(session)
        await send_pending(session, request.app.state.broker)


SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]


@asynccontextmanager
async def job_session(settings: Settings) -> AsyncIterator[AsyncSession]:
    """A session for one background job, on an engine of its own.

    Jobs run in the worker process (or as tasks of the API's event loop without Redis), so
    they cannot borrow a request's engine; the job commits itself.
    """
    engine = make_engine(settings)
    try:
        async with make_sessionmaker(engine)() as session:
            yield session
    finally:
        await engine.dispose()


def get_read_sessionmaker(request: Request) -> async_sessionmaker[AsyncSession]:
    """For long-lived responses (event streams) that open a short session per read
    instead of holding one for their whole life."""
    sessionmaker: async_sessionmaker[AsyncSession] = request.app.state.read_sessionmaker
    return sessionmaker


ReadSessionsDep = Annotated[async_sessionmaker[AsyncSession], Depends(get_read_sessionmaker)]
