"""Abuse limits: one mechanism for per-IP, per-email and per-user limits.

Redis-backed (keys under the `ratelimit` prefix) when REDIS_URL is set, in process
otherwise; the moving-window algorithm comes from the `limits` library.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Awaitable, Callable
from typing import Literal, NoReturn, TypeVar

from fastapi import Request
from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage, RedisStorage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import StorageError

from daira.config import Settings
from daira.core.clientip import client_ip, ip_in
from daira.core.errors import RateLimited
from daira.observability.metrics import RATE_LIMIT_REJECTIONS, RATELIMIT_FALLBACKS

log = logging.getLogger("daira.ratelimit")
KEY_PREFIX = "ratelimit"
Scope = Literal["ip", "email", "user", "account_ip"]
_T = TypeVar("_T")


# A rate limit must never be why a request waits: give up on an unreachable Redis quickly.
REDIS_TIMEOUT_SECONDS = 0.5


class RateLimiter:
    """Counts requests in Redis when configured, falling back to this process when it is down.

    During a Redis outage the limits still hold per server process (a degraded but safe
    mode): sign-in and posting keep working instead of failing with a 500.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.local = MovingWindowRateLimiter(MemoryStorage())
        self.shared: MovingWindowRateLimiter | None = None
        if settings.redis_url:
            uri = settings.redis_url.replace("redis://", "async+redis://", 1).replace(
                "rediss://", "async+rediss://", 1
            )
            storage = RedisStorage(
                uri,
                wrap_exceptions=True,
                implementation="redispy",
                key_prefix=KEY_PREFIX,
                socket_timeout=REDIS_TIMEOUT_SECONDS,
                socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
            )
            self.shared = MovingWindowRateLimiter(storage)
        self._items: dict[str, RateLimitItem] = {}

    def _item(self, limit_name: str) -> RateLimitItem:
        item = self._items.get(limit_name)
        if item is None:
            item = parse(getattr(self.settings, f"rate_limit_{limit_name}"))
            self._items[limit_name] = item
        return item

    async def _call(
        self, op: Callable[[MovingWindowRateLimiter], Awaitable[_T]], limit_name: str
    ) -> _T:
        if self.shared is not None:
            try:
                return await op(self.shared)
            except StorageError:
                RATELIMIT_FALLBACKS.inc()
                log.warning(
                    "rate-limit storage unreachable; counting in process",
                    extra={"limit": limit_name},
                    exc_info=True,
                )
        return await op(self.local)

    async def allow(self, limit_name: str, endpoint: str, scope: Scope, value: str) -> bool:
        """Count one request; False when it is over the limit."""
        if not self.settings.rate_limit_enabled:
            return True
        item = self._item(limit_name)
        identity = value.strip().casefold()
        return await self._call(lambda s: s.hit(item, endpoint, scope, identity), limit_name)

    async def retry_after(self, limit_name: str, endpoint: str, scope: Scope, value: str) -> int:
        item = self._item(limit_name)
        identity = value.strip().casefold()
        stats = await self._call(
            lambda s: s.get_window_stats(item, endpoint, scope, identity), limit_name
        )
        return math.ceil(stats.reset_time - time.time())

    async def hit(self, limit_name: str, endpoint: str, scope: Scope, value: str) -> None:
        """Count one request; raise RateLimited (429 + Retry-After) over the limit."""
        if await self.allow(limit_name, endpoint, scope, value):
            return
        await self._refuse(limit_name, endpoint, scope, value)

    async def check(self, limit_name: str, endpoint: str, scope: Scope, value: str) -> None:
        """Raise RateLimited if the limit is used up, without counting this request."""
        if not self.settings.rate_limit_enabled:
            return
        item = self._item(limit_name)
        identity = value.strip().casefold()
        if await self._call(lambda s: s.test(item, endpoint, scope, identity), limit_name):
            return
        await self._refuse(limit_name, endpoint, scope, value)

    async def _refuse(self, limit_name: str, endpoint: str, scope: Scope, value: str) -> NoReturn:
        RATE_LIMIT_REJECTIONS.labels(limit_name).inc()
        raise RateLimited(await self.retry_after(limit_name, endpoint, scope, value))

    async def reset(self) -> None:
        await self.local.storage.reset()
        if self.shared is not None:
            await self.shared.storage.reset()


def get_limiter(request: Request) -> RateLimiter:
    limiter: RateLimiter = request.app.state.rate_limiter
    return limiter


def is_exempt(request: Request) -> bool:
    settings: Settings = request.app.state.settings
    return ip_in(client_ip(request), settings.rate_limit_exempt_ips)


async def limit(request: Request, limit_name: str, endpoint: str, scope: Scope, value: str) -> None:
    if is_exempt(request):
        return
    await get_limiter(request).hit(limit_name, endpoint, scope, value)


def limit_by_ip(limit_name: str, endpoint: str) -> Callable[[Request], Awaitable[None]]:
    """A route dependency counting requests per client IP."""

    async def dependency(request: Request) -> None:
        await limit(request, limit_name, endpoint, "ip", client_ip(request))

    return dependency
