"""Helpers for the trust-and-safety tests: rules, staff accounts, reports, the queue."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx

from daira.models import Role
from tests.conftest import BACKEND_DIR, DATABASE_URL, TEST_SECRET_KEY, Account, MakeUser

ADMIN_API = "/api/v1/admin"
API = "/api/v1"


async def staff(
    make_user: MakeUser, role: Role = Role.admin, username: str | None = None
) -> Account:
    return await make_user(username or f"staff_{role.value}", role=role)


async def add_rule(
    client: httpx.AsyncClient,
    admin: Account,
    pattern: str,
    *,
    action: str = "flag",
    severity: str = "medium",
    match: str = "word",
) -> dict[str, Any]:
    response = await client.post(
        f"{ADMIN_API}/moderation-rules",
        json={"pattern": pattern, "match": match, "severity": severity, "action": action},
        headers=admin.headers,
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def report(
    client: httpx.AsyncClient,
    reporter: Account,
    item_type: str,
    item_id: int,
    reason: str = "spam",
    details: str | None = None,
) -> httpx.Response:
    path = "posts" if item_type == "post" else "comments"
    body: dict[str, Any] = {"reason": reason}
    if details is not None:
        body["details"] = details
    return await client.post(f"{API}/{path}/{item_id}/report", json=body, headers=reporter.headers)


async def queue(
    client: httpx.AsyncClient, viewer: Account, status: str = "pending"
) -> list[dict[str, Any]]:
    response = await client.get(
        f"{ADMIN_API}/moderation-queue", params={"status": status}, headers=viewer.headers
    )
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def rule(client: httpx.AsyncClient, viewer: Account, rule_id: int) -> dict[str, Any]:
    response = await client.get(f"{ADMIN_API}/moderation-rules/{rule_id}", headers=viewer.headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def run_daira(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the `daira` command against the test database (blocking: use asyncio.to_thread)."""
    env = {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "ENVIRONMENT": "test",
        "SECRET_KEY": TEST_SECRET_KEY,
    }
    env.pop("REDIS_URL", None)
    return subprocess.run(
        [str(Path(sys.executable).parent / "daira"), *args],
        cwd=BACKEND_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
