"""Pooled connections are checked only after sitting idle, and a dead one is replaced."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from daira.core.db import ping_idle_connections


def sqlite_engine(tmp_path: Path) -> AsyncEngine:
    return create_async_engine(f"sqlite+aiosqlite:///{tmp_path / 'pool.db'}")


def count_pings(monkeypatch: pytest.MonkeyPatch, engine: AsyncEngine, fail: bool) -> list[Any]:
    pings: list[Any] = []

    def ping(dbapi_connection: Any) -> bool:
        pings.append(dbapi_connection)
        if fail:
            raise OSError("server closed the connection")
        return True

    monkeypatch.setattr(engine.sync_engine.dialect, "do_ping", ping)
    return pings


async def use(engine: AsyncEngine) -> int:
    async with engine.connect() as conn:
        return int((await conn.execute(text("SELECT 1"))).scalar_one())


async def test_a_busy_connection_is_used_without_a_ping(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = sqlite_engine(tmp_path)
    ping_idle_connections(engine, idle_seconds=3600)
    pings = count_pings(monkeypatch, engine, fail=False)
    for _ in range(3):
        assert await use(engine) == 1
    assert pings == []
    await engine.dispose()


async def test_an_idle_connection_is_pinged_before_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = sqlite_engine(tmp_path)
    ping_idle_connections(engine, idle_seconds=0)
    pings = count_pings(monkeypatch, engine, fail=False)
    await use(engine)  # a fresh connection needs no ping
    assert pings == []
    await use(engine)
    assert len(pings) == 1
    await engine.dispose()


async def test_an_idle_connection_that_died_is_replaced_before_the_request_sees_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = sqlite_engine(tmp_path)
    ping_idle_connections(engine, idle_seconds=0)
    await use(engine)
    pings = count_pings(monkeypatch, engine, fail=True)
    assert await use(engine) == 1
    assert len(pings) == 1
    await engine.dispose()
