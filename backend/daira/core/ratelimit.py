"""Abuse limits: one mechanism for per-IP, per-email and per-user limits.

Redis-backed (keys under the `ratelimit` prefix) when REDIS_URL is set, in process
otherwise; the moving-window algorithm comes from the `limits` library.
"""

from __future__ import annotations

import math
import time
from collections.abc import Awaitable, Callable
from typing import Literal

from fastapi import Request
from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter

from daira.config import Settings
from daira.core.clientip import client_ip, ip_in
from daira.core.errors import RateLimited
from daira.observability.metrics import RATE_LIMIT_REJECTIONS

KEY_PREFIX = "ratelimit"
Scope = Literal["ip", "email", "user"]


class RateLimiter:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.storage: Storage
        if settings.redis_url:
            uri = settings.redis_url.replace("redis://", "async+redis://", 1).replace(
                "rediss://", "async+rediss://", 1
            )
            self.storage = RedisStorage(uri, implementation="redispy", key_prefix=KEY_PREFIX)
        else:
            self.storage = MemoryStorage()
        self.strategy = MovingWindowRateLimiter(self.storage)
        self._items: dict[str, RateLimitItem] = {}

    def _item(self, limit_name: str) -> RateLimitItem:
        item = self._items.get(limit_name)
        if item is None:
            item = parse(getattr(self.settings, f"rate_limit_{limit_name}"))
            self._items[limit_name] = item
        return item

    async def hit(self, limit_name: str, endpoint: str, scope: Scope, value: str) -> None:
        """Count one request; raise RateLimited (429 + Retry-After) over the limit."""
        if not self.settings.rate_limit_enabled:
            return
        item = self._item(limit_name)
        identity = value.strip().casefold()
        if await self.strategy.hit(item, endpoint, scope, identity):
            return
        RATE_LIMIT_REJECTIONS.labels(limit_name).inc()
        stats = await self.strategy.get_window_stats(item, endpoint, scope, identity)
        raise RateLimited(math.ceil(stats.reset_time - time.time()))

    async def reset(self) -> None:
        await self.storage.reset()


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
