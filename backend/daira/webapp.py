"""Serve the built web app with an index.html fallback for client-side routes."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.routing import APIRoute
from starlette.routing import Match
from starlette.types import Scope

# Paths owned by the server: unknown URLs below them keep their problem+json 404 or 405.
_SERVER_PREFIXES = ("/api", "/media", "/health", "/ready", "/metrics")

_PLACEHOLDER = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Daira</title></head><body><h1>Daira</h1>
<p>The web app is not built yet: run <code>make run</code>.
API docs: <a href="/api/docs">/api/docs</a>.</p>
</body></html>"""


def _is_server_path(path: str) -> bool:
    return any(path == prefix or path.startswith(prefix + "/") for prefix in _SERVER_PREFIXES)


class _WebAppRoute(APIRoute):
    """The client-side fallback. It never claims a server path: if it did, an unknown API
    path would answer 405 for POST (the fallback is GET-only) and a POST-only endpoint
    would answer 404 for GET instead of 405."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] == "http" and _is_server_path(scope["path"]):
            return Match.NONE, {}
        return super().matches(scope)


def mount_webapp(app: FastAPI, dist: Path) -> None:
    index = dist / "index.html"
    root = dist.resolve()

    async def spa(path: str) -> Response:
        if not index.is_file():
            return HTMLResponse(_PLACEHOLDER)
        candidate = (root / path).resolve()
        if path and candidate.is_relative_to(root) and candidate.is_file():
            cache = (
                "public, max-age=31536000, immutable"
                if path.startswith("assets/")
                else "public, max-age=300"
            )
            return FileResponse(candidate, headers={"Cache-Control": cache})
        return FileResponse(index, headers={"Cache-Control": "no-cache"})

    app.router.add_api_route(
        "/{path:path}",
        spa,
        methods=["GET"],
        include_in_schema=False,
        route_class_override=_WebAppRoute,
    )
