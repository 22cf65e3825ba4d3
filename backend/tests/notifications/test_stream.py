"""The live unread count (Server-Sent Events) over a real server socket."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import uvicorn
from asgi_lifespan import LifespanManager
from fastapi import FastAPI

from daira.main import create_app
from tests.conftest import Account, AppHarness, MakeUser, redis_only
from tests.support.social import API, follow

pytestmark = pytest.mark.parametrize(
    "settings_overrides", [{"notifications_heartbeat_seconds": 0.3}]
)


@contextlib.asynccontextmanager
async def serve(app: FastAPI) -> AsyncIterator[str]:
    """Serve `app` on a free loopback port (its lifespan is run by the caller)."""
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host="127.0.0.1",
            port=0,
            lifespan="off",
            log_level="warning",
            timeout_graceful_shutdown=1,
        )
    )
    task = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 - uvicorn offers no event to wait on
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


class Stream:
    """Reads one event stream line by line, as a browser's EventSource would."""

    def __init__(self, response: httpx.Response) -> None:
        self.lines = response.aiter_lines()

    async def next(self) -> dict[str, Any]:
        """The next event (fields by name) or heartbeat (`{"comment": ...}`)."""
        event: dict[str, Any] = {}
        async with asyncio.timeout(5):
            async for line in self.lines:
                if not line:
                    if event:
                        return event
                    continue
                field, _, value = line.partition(":")
                event[field or "comment"] = value.strip()
        raise AssertionError("stream ended")

    async def ended(self) -> bool:
        """Whether the server closes the stream within a few heartbeats."""
        try:
            for _ in range(5):
                await self.next()
        except AssertionError:
            return True
        return False

    async def next_count(self) -> tuple[int, str]:
        """The next unread-count event, past at most two heartbeats."""
        for _ in range(3):
            event = await self.next()
            if "comment" not in event:
                assert event["event"] == "unread"
                return json.loads(event["data"])["count"], event["id"]
        raise AssertionError("no unread event")


@contextlib.asynccontextmanager
async def stream(
    base: str, user: Account, last_event_id: str | None = None
) -> AsyncIterator[Stream]:
    headers = dict(user.headers)
    if last_event_id is not None:
        headers["Last-Event-ID"] = last_event_id
    async with (
        httpx.AsyncClient(base_url=base, timeout=10) as client,
        client.stream("GET", f"{API}/notifications/stream", headers=headers) as response,
    ):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        yield Stream(response)


async def test_the_stream_sends_the_count_then_every_change_and_heartbeats(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness
) -> None:
    mona = await make_user("mona")
    omar = await make_user("omar")
    async with serve(harness.app) as base, stream(base, mona) as events:
        assert (await events.next_count())[0] == 0
        # An idle stream holds no database connection.
        assert harness.app.state.engine.pool.checkedout() == 0
        assert await events.next() == {"comment": "heartbeat"}
        await follow(client, omar, "mona")
        assert (await events.next_count())[0] == 1
        await client.post(f"{API}/notifications/read", headers=mona.headers)
        count, last_id = await events.next_count()
        assert count == 0

    # Reconnecting with Last-Event-ID: when nothing changed meanwhile, no repeated event...
    async with serve(harness.app) as base:
        async with stream(base, mona, last_event_id=last_id) as again:
            assert await again.next() == {"comment": "heartbeat"}
        # ... and when something did, the new state at once.
        sara = await make_user("sara")
        await follow(client, sara, "mona")
        async with stream(base, mona, last_event_id=last_id) as later:
            count, event_id = await later.next_count()
            assert (count, event_id != last_id) == (1, True)


async def test_the_stream_needs_a_signed_in_user(harness: AppHarness) -> None:
    async with serve(harness.app) as base, httpx.AsyncClient(base_url=base) as anonymous:
        response = await anonymous.get(f"{API}/notifications/stream")
        assert response.status_code == 401


@redis_only
async def test_a_change_made_by_one_server_reaches_a_stream_served_by_another(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness
) -> None:
    mona = await make_user("mona")
    omar = await make_user("omar")
    other = create_app(harness.settings)
    async with LifespanManager(other), serve(other) as base, stream(base, mona) as events:
        assert (await events.next_count())[0] == 0
        # `client` talks to the harness's app: a different process's worth of broker.
        await follow(client, omar, "mona")
        assert (await events.next_count())[0] == 1


async def test_hiding_content_or_disabling_an_actor_updates_the_live_count(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness
) -> None:
    from daira.models import Role

    mona = await make_user("mona")
    omar = await make_user("omar")
    admin = await make_user("admin1", role=Role.admin)
    mine = await client.post(f"{API}/posts", json={"content": "hi"}, headers=mona.headers)
    post_id = mine.json()["id"]
    async with serve(harness.app) as base, stream(base, mona) as events:
        assert (await events.next_count())[0] == 0
        await client.post(f"{API}/posts/{post_id}/like", headers=omar.headers)
        assert (await events.next_count())[0] == 1
        await client.delete(f"{API}/posts/{post_id}", headers=mona.headers)
        assert (await events.next_count())[0] == 0
        await follow(client, omar, "mona")
        assert (await events.next_count())[0] == 1
        disabled = await client.post(
            f"{API}/admin/users/{omar.id}/disable", json={"reason": "spam"}, headers=admin.headers
        )
        assert disabled.status_code == 200, disabled.text
        assert (await events.next_count())[0] == 0


async def test_signing_out_ends_the_stream(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness
) -> None:
    mona = await make_user("mona")
    async with serve(harness.app) as base, stream(base, mona) as events:
        assert (await events.next_count())[0] == 0
        assert (await client.post(f"{API}/auth/logout", headers=mona.headers)).status_code == 204
        assert await events.ended()
