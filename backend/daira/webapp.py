"""Serve the built web app with an index.html fallback for client-side routes."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

# Paths owned by the server: unknown URLs below them keep their problem+json 404.
_SERVER_PREFIXES = ("/api", "/media", "/health", "/ready", "/metrics")

_PLACEHOLDER = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Daira</title></head><body><h1>Daira</h1>
<p>The web app is not built yet: run <code>make run</code>.
API docs: <a href="/api/docs">/api/docs</a>.</p>
</body></html>"""


def mount_webapp(app: FastAPI, dist: Path) -> None:
    index = dist / "index.html"
    root = dist.resolve()

    @app.get("/{path:path}", include_in_schema=False)
    async def spa(path: str, request: Request) -> Response:
        if request.url.path.startswith(_SERVER_PREFIXES):
            raise StarletteHTTPException(404)
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
