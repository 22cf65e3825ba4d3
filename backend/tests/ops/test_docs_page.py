"""The API docs page works offline: the page and every asset it references are served here."""

from __future__ import annotations

import re

import httpx


async def test_the_docs_page_loads_every_asset_locally(client: httpx.AsyncClient) -> None:
    page = await client.get("/api/docs")

    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    references = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert references, page.text
    assert not [ref for ref in references if "//" in ref], "assets must be same-origin"
    assert "<script>" not in page.text  # no inline script: the CSP allows 'self' only
    kinds = set()
    for ref in references:
        asset = await client.get(ref)
        assert asset.status_code == 200, ref
        assert asset.content, ref
        kinds.add(asset.headers["content-type"].split(";")[0])
    assert {"text/css", "application/javascript"} <= kinds or {
        "text/css",
        "text/javascript",
    } <= kinds


async def test_the_docs_page_points_at_the_openapi_document(client: httpx.AsyncClient) -> None:
    init = await client.get("/api/docs/init.js")
    schema = await client.get("/api/v1/openapi.json")

    assert "/api/v1/openapi.json" in init.text
    assert schema.status_code == 200
    assert "/api/v1/auth/login" in schema.json()["paths"]
