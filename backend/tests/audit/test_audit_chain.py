"""The audit log: every moderation and admin action appended, hash-chained, tamper-evident."""

from __future__ import annotations

import asyncio
import subprocess
from typing import Any

import httpx
import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from daira.models import AuditEntry, Role
from tests.conftest import IS_POSTGRES, AppHarness, MakeUser, postgres_only
from tests.support.moderation import ADMIN_API, add_rule, queue, run_daira, staff
from tests.support.social import post


async def _flow(client: httpx.AsyncClient, make_user: MakeUser) -> tuple[Any, Any]:
    """Rule created, a post hidden by it, approved, its author disabled: four entries."""
    admin = await staff(make_user)
    author = await make_user("author")
    await add_rule(client, admin, "trash", action="hide")
    await post(client, author, "trash talk")
    [entry] = await queue(client, admin)
    await client.post(f"{ADMIN_API}/moderation-queue/{entry['id']}/approve", headers=admin.headers)
    await client.post(
        f"{ADMIN_API}/users/{author.id}/disable", json={"reason": "troll"}, headers=admin.headers
    )
    return admin, author


async def _verify(client: httpx.AsyncClient, viewer: Any) -> dict[str, Any]:
    response = await client.get(f"{ADMIN_API}/audit-log/verify", headers=viewer.headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _cli_verify() -> subprocess.CompletedProcess[str]:
    return run_daira("audit", "verify")


async def _tamper(harness: AppHarness, statement: str) -> None:
    """Change the log behind the API, as an attacker holding the database owner's role would."""
    async with harness.session() as session:
        if IS_POSTGRES:
            await session.execute(
                text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")
            )
        await session.execute(text(statement))
        if IS_POSTGRES:
            await session.execute(
                text("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only")
            )
        await session.commit()


async def test_the_log_lists_who_did_what_newest_first_and_filters(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    admin, author = await _flow(client, make_user)
    moderator = await staff(make_user, Role.moderator, "mod")
    response = await client.get(f"{ADMIN_API}/audit-log", headers=moderator.headers)
    assert response.status_code == 200
    actions = [e["action"] for e in response.json()["items"]]
    assert actions == [
        "admin.user_disabled",
        "moderation.approved",
        "moderation.auto_hidden",
        "moderation.rule_created",
    ]
    disabled = response.json()["items"][0]
    assert disabled["actor_username"] == admin.username
    assert (disabled["target_type"], disabled["target_id"]) == ("user", str(author.id))
    assert (disabled["reason"], disabled["ip"]) == ("troll", "203.0.113.7")
    assert len(disabled["hash"]) == 64

    by_actor = await client.get(
        f"{ADMIN_API}/audit-log",
        params={"actor": admin.username.upper()},
        headers=moderator.headers,
    )
    assert {e["actor_id"] for e in by_actor.json()["items"]} == {admin.id}
    by_action = await client.get(
        f"{ADMIN_API}/audit-log",
        params={"action": "moderation.auto_hidden"},
        headers=moderator.headers,
    )
    assert [e["action"] for e in by_action.json()["items"]] == ["moderation.auto_hidden"]
    nobody = await client.get(
        f"{ADMIN_API}/audit-log", params={"actor": "ghost"}, headers=moderator.headers
    )
    assert nobody.json()["items"] == []

    first = (
        await client.get(f"{ADMIN_API}/audit-log", params={"limit": 3}, headers=moderator.headers)
    ).json()
    rest = (
        await client.get(
            f"{ADMIN_API}/audit-log",
            params={"limit": 3, "cursor": first["next_cursor"]},
            headers=moderator.headers,
        )
    ).json()
    assert [e["action"] for e in first["items"] + rest["items"]] == actions
    assert rest["next_cursor"] is None


async def test_the_chain_is_intact_after_a_flow(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    admin, _ = await _flow(client, make_user)
    report = await _verify(client, admin)
    assert report == {"intact": True, "checked": 4, "first_bad_id": None, "problem": None}
    result = await asyncio.to_thread(_cli_verify)
    assert result.returncode == 0, result.stderr
    assert "intact" in result.stdout


async def test_an_edited_entry_is_reported_by_the_api_and_the_cli(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness, db: Any
) -> None:
    admin, _ = await _flow(client, make_user)
    approved = await db.scalar(
        select(AuditEntry.id).where(AuditEntry.action == "moderation.approved")
    )
    await _tamper(harness, f"UPDATE audit_log SET reason = 'nothing to see' WHERE id = {approved}")

    report = await _verify(client, admin)
    assert report["intact"] is False
    assert report["first_bad_id"] == approved
    result = await asyncio.to_thread(_cli_verify)
    assert result.returncode != 0
    assert f"entry {approved}" in result.stderr


async def test_a_removed_entry_is_reported(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness, db: Any
) -> None:
    admin, _ = await _flow(client, make_user)
    ids = (await db.scalars(select(AuditEntry.id).order_by(AuditEntry.id))).all()
    await _tamper(harness, f"DELETE FROM audit_log WHERE id = {ids[1]}")
    report = await _verify(client, admin)
    assert report["intact"] is False
    assert report["first_bad_id"] == ids[2]


@postgres_only
@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_log SET reason = 'x'", "DELETE FROM audit_log", "TRUNCATE audit_log CASCADE"],
)
async def test_the_database_refuses_to_change_the_log(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness, statement: str
) -> None:
    await _flow(client, make_user)
    async with harness.session() as session:
        with pytest.raises(DBAPIError, match="append-only"):
            await session.execute(text(statement))
        await session.rollback()
