"""`daira serve` serves the built web app: precompressed twins, immutable hashed files."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import brotli
import httpx
import pytest

SCRIPT = b"console.log('daira');" * 200
INDEX = b"<!doctype html><title>Daira</title>" + b"<p>x</p>" * 200


@pytest.fixture
def settings_overrides(tmp_path: Path) -> dict[str, Any]:
    """A built web app as Vite and vite-plugin-compression2 leave it in web/dist."""
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    for path, body in (("assets/index-4f2a.js", SCRIPT), ("index.html", INDEX)):
        (dist / path).write_bytes(body)
        (dist / f"{path}.br").write_bytes(brotli.compress(body))
        (dist / f"{path}.gz").write_bytes(gzip.compress(body))
    (dist / "boot.js").write_bytes(b"void 0;")
    return {"web_dist": dist}


@pytest.mark.parametrize(
    ("accept", "coding"),
    [("gzip, deflate, br, zstd", "br"), ("gzip, deflate", "gzip"), ("br;q=0, gzip", "gzip")],
)
async def test_hashed_scripts_go_out_precompressed_and_cached_for_good(
    client: httpx.AsyncClient, accept: str, coding: str
) -> None:
    response = await client.get("/assets/index-4f2a.js", headers={"Accept-Encoding": accept})

    assert response.status_code == 200
    assert response.headers["content-encoding"] == coding
    assert response.headers["vary"] == "Accept-Encoding"
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert int(response.headers["content-length"]) < len(SCRIPT) / 5
    assert response.content == SCRIPT  # httpx decoded it: the coding named is the real one


async def test_a_client_that_accepts_no_compression_gets_the_plain_file(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/assets/index-4f2a.js", headers={"Accept-Encoding": "identity"})

    assert "content-encoding" not in response.headers
    assert response.content == SCRIPT


async def test_pages_are_compressed_but_revalidated_and_unhashed_files_cached_briefly(
    client: httpx.AsyncClient,
) -> None:
    page = await client.get("/some/client/route", headers={"Accept-Encoding": "br"})
    boot = await client.get("/boot.js", headers={"Accept-Encoding": "br"})

    assert page.headers["content-encoding"] == "br"
    assert page.headers["cache-control"] == "no-cache"
    assert page.content == INDEX
    assert "content-encoding" not in boot.headers  # no twin: too small to be worth it
    assert boot.headers["cache-control"] == "public, max-age=300"
