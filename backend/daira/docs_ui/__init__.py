"""The API docs page, served with local Swagger UI assets (no CDN, CSP-clean)."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

DOCS_PATH = "/api/docs"
ASSETS_PATH = f"{DOCS_PATH}/assets"

_PAGE = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Daira API</title>
<link rel="stylesheet" href="{ASSETS_PATH}/swagger-ui.css">
<link rel="icon" href="{ASSETS_PATH}/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{ASSETS_PATH}/swagger-ui-bundle.js"></script>
<script src="{DOCS_PATH}/init.js"></script>
</body>
</html>
"""


def mount_docs(app: FastAPI, openapi_url: str) -> None:
    router = APIRouter(include_in_schema=False)
    # An external script rather than an inline one, so the page works under script-src 'self'.
    init_js = (
        "window.ui = SwaggerUIBundle({"
        f"url: {openapi_url!r}, dom_id: '#swagger-ui', deepLinking: true,"
        " presets: [SwaggerUIBundle.presets.apis], layout: 'BaseLayout'});"
    )

    @router.get(DOCS_PATH)
    async def docs_page() -> HTMLResponse:
        return HTMLResponse(_PAGE)

    @router.get(f"{DOCS_PATH}/init.js")
    async def docs_init() -> PlainTextResponse:
        return PlainTextResponse(init_js, media_type="application/javascript")

    app.include_router(router)
    app.mount(ASSETS_PATH, StaticFiles(directory=str(swagger_ui_path)), name="docs-assets")
