"""Security headers on every response (errors included), HSTS outside development, CORS."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.conftest import MakeUser

ORIGIN = "https://app.daira.example"


async def _responses(client: httpx.AsyncClient, make_user: MakeUser) -> list[httpx.Response]:
    account = await make_user("headers")
    return [
        await client.get("/health"),
        await client.get("/api/v1/auth/sessions", headers=account.headers),
        await client.get("/api/v1/nowhere"),
        await client.get("/api/v1/auth/login"),
        await client.post(
            "/api/v1/auth/login", content=b"{", headers={"content-type": "application/json"}
        ),
        await client.get("/api/v1/auth/sessions"),
        await client.get("/metrics"),
        await client.get("/api/docs"),
        await client.get("/"),
    ]


async def test_every_response_carries_the_security_headers(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    for response in await _responses(client, make_user):
        where = f"{response.request.method} {response.request.url.path} {response.status_code}"
        headers = response.headers
        assert "default-src 'self'" in headers["content-security-policy"], where
        assert "frame-ancestors 'none'" in headers["content-security-policy"], where
        assert headers["x-frame-options"] == "DENY", where
        assert headers["x-content-type-options"] == "nosniff", where
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin", where
        assert headers["strict-transport-security"].startswith("max-age="), where


@pytest.mark.parametrize("settings_overrides", [{"environment": "development"}])
async def test_no_hsts_in_development(
    client: httpx.AsyncClient, make_user: MakeUser, settings_overrides: dict[str, Any]
) -> None:
    for response in await _responses(client, make_user):
        assert "strict-transport-security" not in response.headers
        assert response.headers["x-frame-options"] == "DENY"


async def test_no_cors_headers_without_cors_origins(client: httpx.AsyncClient) -> None:
    response = await client.get("/health", headers={"Origin": ORIGIN})
    preflight = await client.options(
        "/api/v1/auth/login",
        headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST"},
    )

    assert "access-control-allow-origin" not in response.headers
    assert "access-control-allow-origin" not in preflight.headers


@pytest.mark.parametrize(
    "settings_overrides", [{"cors_origins": f"{ORIGIN},https://other.example"}]
)
async def test_cors_allows_listed_origins_with_credentials_only(
    client: httpx.AsyncClient, settings_overrides: dict[str, Any]
) -> None:
    preflight = await client.options(
        "/api/v1/auth/login",
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    simple = await client.get("/health", headers={"Origin": ORIGIN})
    stranger = await client.get("/health", headers={"Origin": "https://evil.example"})
    stranger_preflight = await client.options(
        "/api/v1/auth/login",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )

    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == ORIGIN
    assert preflight.headers["access-control-allow-credentials"] == "true"
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert simple.headers["access-control-allow-origin"] == ORIGIN
    assert simple.headers["access-control-allow-credentials"] == "true"
    assert "access-control-allow-origin" not in stranger.headers
    assert stranger_preflight.status_code == 400
    assert "access-control-allow-origin" not in stranger_preflight.headers


def test_a_wildcard_cors_origin_is_refused() -> None:
    from pydantic import ValidationError

    from daira.config import Settings

    with pytest.raises(ValidationError, match=r"CORS_ORIGINS must list origins"):
        Settings(_env_file=None, cors_origins="https://a.example,*")  # type: ignore[call-arg]


@pytest.mark.parametrize("path", ["/api/v1/posts/", "/api/v1/auth/login/", "/health/"])
async def test_no_redirect_ever_points_at_the_host_header(
    client: httpx.AsyncClient, path: str
) -> None:
    response = await client.get(path, headers={"Host": "evil.example"})

    assert response.status_code == 404
    assert "location" not in response.headers
