"""Live signals to connected clients (Server-Sent Events), across server processes.

A topic names what changed (e.g. one user's notifications). Services call
`publish_after_commit()`; the request's session dependency publishes once the transaction
is committed (never for a rolled-back one). With REDIS_URL every process subscribes to one
Redis pattern and hands each message to its local listeners, so a change made by one worker
reaches a stream served by another; without Redis, signals stay in this process.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from daira.config import Settings

log = logging.getLogger("daira.pubsub")

_PENDING_KEY = "daira_pending_signals"
CHANNEL_PREFIX = "daira:signal:"
# A listener only needs to know that something changed, not how often.
_QUEUE_SIZE = 1


class Broker:
    """In-process fan-out of signals to the listeners of this process."""

    def __init__(self) -> None:
        self._listeners: dict[str, set[asyncio.Queue[str]]] = {}

    def deliver(self, topic: str, message: str) -> None:
        for queue in self._listeners.get(topic, ()):
            if queue.full():
                continue  # an unread signal already says the same
            queue.put_nowait(message)

    async def publish(self, topic: str, message: str = "changed") -> None:
        self.deliver(topic, message)

    async def start(self) -> None:
        """Be ready to receive signals published by any process."""

    @contextlib.asynccontextmanager
    async def listen(self, topic: str) -> AsyncIterator[asyncio.Queue[str]]:
        await self.start()
        queue: asyncio.Queue[str] = asyncio.Queue(_QUEUE_SIZE)
        self._listeners.setdefault(topic, set()).add(queue)
        try:
            yield queue
        finally:
            listeners = self._listeners.get(topic, set())
            listeners.discard(queue)
            if not listeners:
                self._listeners.pop(topic, None)

    async def close(self) -> None:
        self._listeners.clear()


class RedisBroker(Broker):
    """Signals go through Redis pub/sub; one pattern subscription per process."""

    def __init__(self, redis: Any, *, retry_seconds: float = 1.0) -> None:
        super().__init__()
        self.redis = redis
        self.retry_seconds = retry_seconds
        self._reader: asyncio.Task[None] | None = None
        self._ready = asyncio.Event()

    async def publish(self, topic: str, message: str = "changed") -> None:
        await self.redis.publish(CHANNEL_PREFIX + topic, message)

    async def start(self) -> None:
        if self._reader is None:
            self._reader = asyncio.create_task(self._read_forever())
        await self._ready.wait()

    async def _read_forever(self) -> None:
        while True:
            try:
                async with self.redis.pubsub(ignore_subscribe_messages=True) as pubsub:
                    await pubsub.psubscribe(CHANNEL_PREFIX + "*")
                    self._ready.set()
                    async for message in pubsub.listen():
                        channel = _text(message["channel"]).removeprefix(CHANNEL_PREFIX)
                        self.deliver(channel, _text(message["data"]))
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("redis subscription lost; resubscribing", exc_info=True)
            # Streams reconnect and re-read their state, so a gap loses nothing for good.
            self._ready.set()
            await asyncio.sleep(self.retry_seconds)

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
            self._reader = None
        await super().close()


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def make_broker(settings: Settings, redis: Any) -> Broker:
    return RedisBroker(redis) if settings.redis_url and redis is not None else Broker()


def publish_after_commit(session: AsyncSession, topic: str) -> None:
    """Signal `topic` once `session` commits; nothing is sent if it rolls back."""
    session.info.setdefault(_PENDING_KEY, set()).add(topic)


async def send_pending(session: AsyncSession, broker: Broker) -> None:
    """Publish the signals of a committed session; a broker outage never fails the request."""
    topics: set[str] = session.info.pop(_PENDING_KEY, set())
    for topic in sorted(topics):
        try:
            await broker.publish(topic)
        except Exception:
            log.warning("could not publish a live signal", extra={"topic": topic}, exc_info=True)


def drop_pending(session: AsyncSession) -> None:
    session.info.pop(_PENDING_KEY, None)


def get_broker(request: Request) -> Broker:
    broker: Broker = request.app.state.broker
    return broker


BrokerDep = Annotated[Broker, Depends(get_broker)]
