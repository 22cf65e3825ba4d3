"""/metrics: Prometheus text for METRICS_ALLOWED_IPS only, routes labelled by template."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.conftest import AppHarness, MakeUser


def client_from(harness: AppHarness, ip: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=harness.app, client=(ip, 9100))
    return httpx.AsyncClient(transport=transport, base_url="https://testserver")


def samples(text: str, name: str) -> list[Any]:
    return [
        sample
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == name
    ]


async def test_metrics_are_hidden_from_other_addresses(client: httpx.AsyncClient) -> None:
    response = await client.get("/metrics")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


async def test_metrics_name_routes_by_template(
    harness: AppHarness, client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    account = await make_user("metered")
    await client.delete("/api/v1/auth/sessions/424242", headers=account.headers)
    await client.get("/api/v1/definitely/not/here")

    async with client_from(harness, "127.0.0.1") as local:
        response = await local.get("/metrics")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    routes = {s.labels["route"] for s in samples(text, "http_requests_total")}
    assert "/api/v1/auth/sessions/{session_id}" in routes
    assert "/api/v1/auth/login" in routes
    assert not any("424242" in route or "definitely" in route for route in routes)
    assert "unmatched" in routes
    login = [
        s
        for s in samples(text, "http_requests_total")
        if s.labels["route"] == "/api/v1/auth/login" and s.labels["status"] == "200"
    ]
    assert login
    assert login[0].labels["method"] == "POST"
    assert samples(text, "http_request_duration_seconds_bucket")
    assert samples(text, "db_query_duration_seconds_count")
    assert any(family.name == "errors" for family in text_string_to_metric_families(text))


@pytest.mark.parametrize("settings_overrides", [{"metrics_allowed_ips": "10.1.0.0/16"}])
async def test_metrics_allowed_ips_is_a_setting(
    harness: AppHarness, settings_overrides: dict[str, Any]
) -> None:
    async with client_from(harness, "10.1.2.3") as scraper:
        allowed = await scraper.get("/metrics")
    async with client_from(harness, "127.0.0.1") as local:
        refused = await local.get("/metrics")

    assert allowed.status_code == 200
    assert refused.status_code == 404


@pytest.mark.parametrize("settings_overrides", [{"trusted_proxies": "10.0.0.1"}])
async def test_forwarded_for_cannot_forge_a_metrics_address(
    harness: AppHarness, settings_overrides: dict[str, Any], client: httpx.AsyncClient
) -> None:
    forged = await client.get("/metrics", headers={"X-Forwarded-For": "127.0.0.1"})
    async with client_from(harness, "10.0.0.1") as proxy:
        via_proxy = await proxy.get("/metrics", headers={"X-Forwarded-For": "198.51.100.7"})

    assert forged.status_code == 404
    assert via_proxy.status_code == 404
