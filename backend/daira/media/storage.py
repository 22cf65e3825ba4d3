"""Where uploaded media lives, and how /media/ serves it."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

from daira.config import Settings


class _CachedStaticFiles(StaticFiles):
    """Media files have generated, never-reused names, so they may be cached for a year."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_cache(message: dict[str, object]) -> None:
            if message["type"] == "http.response.start" and message.get("status") == 200:
                headers = list(message.get("headers", []))  # type: ignore[call-overload]
                headers.append((b"cache-control", b"public, max-age=31536000, immutable"))
                message["headers"] = headers
            await send(message)

        await super().__call__(scope, receive, send_with_cache)  # type: ignore[arg-type]


def mount_media(app: FastAPI, settings: Settings) -> None:
    if settings.media_backend != "local":
        return
    settings.media_root.mkdir(parents=True, exist_ok=True)
    app.mount("/media", _CachedStaticFiles(directory=str(settings.media_root)), name="media")


def avatar_url(settings: Settings, key: str | None) -> str | None:
    """Public URL of a stored avatar; None means the client shows a placeholder."""
    if key is None:
        return None
    if settings.media_backend == "s3" and settings.s3_public_url:
        return f"{settings.s3_public_url.rstrip('/')}/{key}"
    return f"{settings.media_url.rstrip('/')}/{key}"
