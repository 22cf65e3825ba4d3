"""Serve the built web app with an index.html fallback for client-side routes."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, Header
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


# Precompressed twins written by the web build (vite-plugin-compression2), best first.
_ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


def _accepted(accept_encoding: str) -> set[str]:
    """Codings the client accepts (q=0 refuses one)."""
    accepted = set()
    for part in accept_encoding.lower().split(","):
        name, _, params = part.strip().partition(";")
        if name and params.replace(" ", "") not in {"q=0", "q=0.0", "q=0.00", "q=0.000"}:
            accepted.add(name)
    return accepted


def _static_file(file: Path, cache: str, accept_encoding: str) -> FileResponse:
    """The file, or its brotli/gzip twin when the client accepts it, named for caches."""
    media_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    headers = {"Cache-Control": cache, "Vary": "Accept-Encoding"}
    accepted = _accepted(accept_encoding)
    for coding, suffix in _ENCODINGS:
        twin = file.with_name(file.name + suffix)
        if coding in accepted and twin.is_file():
            headers["Content-Encoding"] = coding
            return FileResponse(twin, media_type=media_type, headers=headers)
    return FileResponse(file, media_type=media_type, headers=headers)


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

    async def spa(path: str, accept_encoding: Annotated[str, Header()] = "") -> Response:
        if not index.is_file():
            return HTMLResponse(_PLACEHOLDER)
        candidate = (root / path).resolve()
        if path and candidate.is_relative_to(root) and candidate.is_file():
            # Vite names files under assets/ by their content hash: they never change.
            cache = (
                "public, max-age=31536000, immutable"
                if path.startswith("assets/")
                else "public, max-age=300"
            )
            return _static_file(candidate, cache, accept_encoding)
        return _static_file(index, "no-cache", accept_encoding)

    app.router.add_api_route(
        "/{path:path}",
        spa,
        methods=["GET"],
        include_in_schema=False,
        route_class_override=_WebAppRoute,
    )
