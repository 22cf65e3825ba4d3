"""Daira's own metrics, read from /metrics after real requests: bounded labels, route
templates only, and the counters the alerts and dashboards use."""

from __future__ import annotations

import re
import socket
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from prometheus_client.parser import text_string_to_metric_families
from starlette.routing import Mount

from daira.config import Settings
from daira.main import create_app
from daira.observability.metrics import DB_POOL_IN_USE
from tests.conftest import IS_POSTGRES, REDIS_URL, AppHarness, MakeUser, make_settings
from tests.support.mailbox import SmtpCapture
from tests.support.moderation import add_rule, staff

Series = dict[tuple[str, frozenset[tuple[str, str]]], float]


@pytest.fixture
def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


async def scrape(target: AppHarness | FastAPI) -> Series:
    app = target.app if isinstance(target, AppHarness) else target
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 9100))
    async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as local:
        response = await local.get("/metrics")
    assert response.status_code == 200
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def value(series: Series, name: str, **labels: str) -> float:
    return sum(v for (n, ls), v in series.items() if n == name and set(labels.items()) <= set(ls))


def label_values(series: Series, name: str, label: str) -> set[str]:
    return {dict(ls)[label] for (n, ls) in series if n == name and label in dict(ls)}


def templates(app: FastAPI) -> set[str]:
    """Every route template the app has: the API's from its OpenAPI document, then the ops
    endpoints, mounts and the web app's fallback, which the document leaves out."""
    api = set(app.openapi()["paths"])
    mounts = {route.path for route in app.routes if isinstance(route, Mount)}
    return api | mounts | {"/health", "/ready", "/metrics", "/{path}"}


@pytest.mark.parametrize("settings_overrides", [{"rate_limit_signup_ip": "1/hour"}])
async def test_every_route_label_is_a_template_however_the_path_was_spelled(
    harness: AppHarness,
    client: httpx.AsyncClient,
    make_user: MakeUser,
    settings_overrides: dict[str, Any],
) -> None:
    account = await make_user("labelled")
    # Counters live as long as the process: earlier tests' apps left their own routes.
    before = label_values(await scrape(harness), "http_requests_total", "route")
    raw_paths = [
        f"/api/v1/users/{account.username}",
        f"/api/v1/users/{account.username}/followers",
        "/api/v1/posts/98765",
        "/api/v1/posts/98765/comments",
        "/api/v1/auth/sessions/4242",
        "/api/v1/no/such/thing/31337",
        "/media/avatars/zz9.png",
        "/some/spa/page/777",
        "/api/v1/posts/not-a-number",
    ]
    for path in raw_paths:
        await client.get(path, headers=account.headers)

    series = await scrape(harness)
    routes = label_values(series, "http_requests_total", "route")
    allowed = templates(harness.app) | {"unmatched", "other"}
    assert routes - before <= allowed, routes - before - allowed
    assert "/api/v1/users/{username}" in routes
    assert "/api/v1/posts/{post_id}" in routes or "/api/v1/posts/{id}" in routes
    raw = [r for r in routes if re.search(r"/\d+(/|$)|labelled|zz9|not-a-number", r)]
    assert raw == []


async def test_logins_are_counted_by_outcome(
    harness: AppHarness, client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    account = await make_user("counted", login=False)
    before = await scrape(harness)

    await client.post(
        "/api/v1/auth/login", json={"email": account.email, "password": account.password}
    )
    await client.post("/api/v1/auth/login", json={"email": account.email, "password": "wrong"})
    await client.post(
        "/api/v1/auth/login", json={"email": "nobody@example.com", "password": "wrong"}
    )

    after = await scrape(harness)
    for outcome, count in (("succeeded", 1), ("invalid_credentials", 2)):
        delta = value(after, "daira_logins_total", outcome=outcome) - value(
            before, "daira_logins_total", outcome=outcome
        )
        assert delta == count, outcome


@pytest.mark.parametrize("settings_overrides", [{"rate_limit_signup_ip": "1/hour"}])
async def test_rejections_emails_and_jobs_are_counted_by_kind(
    harness: AppHarness, client: httpx.AsyncClient, settings_overrides: dict[str, Any]
) -> None:
    before = await scrape(harness)
    first = await client.post(
        "/api/v1/auth/signup",
        json={
            "email": "metered@example.com",
            "username": "metered",
            "password": "correct-horse-battery-staple-42",
            "accept_terms": True,
        },
    )
    second = await client.post("/api/v1/auth/signup", json={"email": "x@example.com"})
    await harness.mails_to("metered@example.com")
    after = await scrape(harness)

    def delta(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert (first.status_code, second.status_code) == (202, 429)
    assert delta("daira_rate_limit_rejections_total", limit="signup_ip") == 1
    assert delta("daira_emails_sent_total", template="verification") == 1
    assert delta("daira_job_duration_seconds_count", kind="send_verification_link") == 1
    assert delta("daira_job_failures_total", kind="send_verification_link") == 0
    assert value(after, "daira_job_queue_depth") == 0
    assert value(after, "daira_job_oldest_age_seconds") == 0


async def test_moderation_decisions_are_counted_by_action_and_source(
    harness: AppHarness, client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    admin = await staff(make_user)
    author = await make_user("writer")
    await add_rule(client, admin, "spamword", action="flag")
    await add_rule(client, admin, "banned", action="block")
    before = await scrape(harness)

    flagged = await client.post(
        "/api/v1/posts", json={"content": "buy spamword now"}, headers=author.headers
    )
    blocked = await client.post(
        "/api/v1/posts", json={"content": "a banned thing"}, headers=author.headers
    )
    queue = await client.get("/api/v1/admin/moderation-queue", headers=admin.headers)
    [entry] = queue.json()["items"]
    await client.post(
        f"/api/v1/admin/moderation-queue/{entry['id']}/approve",
        json={"reason": "fine"},
        headers=admin.headers,
    )
    after = await scrape(harness)

    def delta(**labels: str) -> float:
        name = "daira_moderation_decisions_total"
        return value(after, name, **labels) - value(before, name, **labels)

    assert (flagged.status_code, blocked.status_code) == (201, 422)
    assert delta(action="flag", source="rule") == 1
    assert delta(action="block", source="rule") == 1
    assert delta(action="approved", source="moderator") == 1


async def test_build_dependencies_and_pool_are_reported(
    harness: AppHarness, client: httpx.AsyncClient
) -> None:
    await client.get("/health")
    series = await scrape(harness)

    [build] = [dict(ls) for (n, ls) in series if n == "daira_build_info"]
    assert build["version"]
    assert "git_sha" in build
    assert value(series, "daira_dependency_up", dependency="database") == 1
    if REDIS_URL:
        assert value(series, "daira_dependency_up", dependency="redis") == 1
        assert ("daira_worker_last_heartbeat_timestamp_seconds", frozenset()) in series
    if IS_POSTGRES:
        settings: Settings = harness.settings
        capacity = settings.database_pool_size + settings.database_max_overflow
        assert value(series, "daira_db_pool_capacity") == capacity
        assert value(series, "daira_db_pool_connections_in_use") >= 0
        assert ("daira_db_pool_waiting", frozenset()) in series


async def test_an_unreachable_database_shows_in_the_dependency_gauge(
    smtp: SmtpCapture, unused_port: int
) -> None:
    settings = make_settings(
        smtp.port, database_url=f"postgresql+asyncpg://postgres@127.0.0.1:{unused_port}/gone"
    )
    app = create_app(settings)
    in_use = DB_POOL_IN_USE._value.get()
    async with LifespanManager(app):
        series = await scrape(app)
        await scrape(app)

    assert value(series, "daira_dependency_up", dependency="database") == 0
    # Failed checkouts are not connections in use, nor connections given back.
    assert DB_POOL_IN_USE._value.get() == in_use
