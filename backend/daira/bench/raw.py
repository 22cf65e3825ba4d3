"""The SQL the API issues for a feed page, captured from the app itself, replayed by asyncpg.

Capture: the application (same code, same settings as the server) answers one feed request
per bench user in process while a cursor-execute hook records every statement with its
parameters. Replay: the same statements, in the same transaction shape (the request's session
runs BEGIN ... COMMIT), over plain asyncpg connections at the load tool's concurrency.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import asyncpg
import httpx
from sqlalchemy import event

from daira.bench import cpu
from daira.bench.stats import RunSummary, cpu_per_request
from daira.config import Settings


@dataclass(frozen=True)
class Statement:
    sql: str
    params: tuple[Any, ...]

    @property
    def is_auth(self) -> bool:
        """The session lookup every signed-in request makes, not part of the feed itself."""
        return "user_sessions" in self.sql


FeedPage = list[Statement]


async def capture_feed_sql(
    settings: Settings, path: str, tokens: Sequence[str]
) -> tuple[list[FeedPage], list[int]]:
    """Statements issued for one GET of `path` per token, and the HTTP statuses."""
    from daira.main import create_app

    app = create_app(settings)
    # The in-process app would log every captured request to this terminal.
    logging.getLogger().setLevel(logging.WARNING)
    pages: list[FeedPage] = []
    statuses: list[int] = []
    current: FeedPage = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_args: Any) -> None:
        current.append(Statement(statement, tuple(parameters or ())))

    engine = app.state.engine.sync_engine
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            # A first request warms the pool so its connect-time statements are not captured.
            await client.get(path, headers={"Authorization": f"Bearer {tokens[0]}"})
            event.listen(engine, "before_cursor_execute", record)
            try:
                for token in tokens:
                    current = []
                    response = await client.get(path, headers={"Authorization": f"Bearer {token}"})
                    statuses.append(response.status_code)
                    pages.append(current)
            finally:
                event.remove(engine, "before_cursor_execute", record)
    return pages, statuses


def describe(page: FeedPage) -> list[dict[str, Any]]:
    """The statements of one page, for the report (parameters shown as text)."""
    return [
        {"sql": statement.sql, "params": [repr(value) for value in statement.params]}
        for statement in page
    ]


async def _replay_worker(
    conn: asyncpg.Connection,
    pages: Sequence[FeedPage],
    offset: int,
    transaction: bool,
    deadline: float,
    latencies: list[float],
) -> None:
    index = offset
    while time.perf_counter() < deadline:
        page = pages[index % len(pages)]
        index += 1
        started = time.perf_counter()
        if transaction:
            async with conn.transaction():
                for statement in page:
                    await conn.fetch(statement.sql, *statement.params)
        else:
            for statement in page:
                await conn.fetch(statement.sql, *statement.params)
        latencies.append(time.perf_counter() - started)


async def replay(
    dsn: str,
    pages: Sequence[FeedPage],
    concurrency: int,
    seconds: float,
    transaction: bool = True,
    warmup: float = 1.0,
) -> RunSummary:
    """Closed-loop replay: `concurrency` connections each running pages back to back."""
    connections = await asyncio.gather(*(asyncpg.connect(dsn) for _ in range(concurrency)))
    try:
        if warmup > 0:
            await asyncio.gather(
                *(
                    _replay_worker(conn, pages, i, transaction, time.perf_counter() + warmup, [])
                    for i, conn in enumerate(connections)
                )
            )
        backends = [conn.get_server_pid() for conn in connections]
        latencies: list[float] = []
        client_before, pg_before = cpu.self_seconds(), cpu.pids_seconds(backends)
        started = time.perf_counter()
        deadline = started + seconds
        await asyncio.gather(
            *(
                _replay_worker(conn, pages, i * 7, transaction, deadline, latencies)
                for i, conn in enumerate(connections)
            )
        )
        elapsed = time.perf_counter() - started
        used = {
            "client": cpu.self_seconds() - client_before,
            "postgres": cpu.delta(pg_before, cpu.pids_seconds(backends)),
        }
        summary = RunSummary.from_latencies(latencies, elapsed)
        return replace(summary, cpu_ms=cpu_per_request(used, summary.requests))
    finally:
        await asyncio.gather(*(conn.close() for conn in connections))
