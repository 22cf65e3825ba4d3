"""Moderation rules through /admin/moderation-rules: CRUD, validation, testing, live reload."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager
from sqlalchemy import func, select

from daira.main import create_app
from daira.models import AuditEntry, ModerationRule, Post, Role
from daira.moderation import service as rules_service
from daira.moderation.matcher import RuleSpec
from daira.moderation.service import RuleService
from tests.conftest import AppHarness, MakeUser
from tests.support.moderation import ADMIN_API, API, add_rule, rule, staff
from tests.support.social import post


async def test_admin_creates_lists_updates_and_deletes_a_rule(
    client: httpx.AsyncClient, make_user: MakeUser, db: Any
) -> None:
    admin = await staff(make_user)
    created = await add_rule(client, admin, "  stupid ", action="hide", severity="high")
    assert created["pattern"] == "stupid"
    assert created["match"] == "word"
    assert (created["action"], created["severity"], created["enabled"]) == ("hide", "high", True)
    assert (created["hits"], created["upheld"], created["rejected"]) == (0, 0, 0)
    assert created["precision"] is None

    listed = await client.get(f"{ADMIN_API}/moderation-rules", headers=admin.headers)
    assert [r["id"] for r in listed.json()["items"]] == [created["id"]]

    patched = await client.patch(
        f"{ADMIN_API}/moderation-rules/{created['id']}",
        json={"action": "block", "enabled": False},
        headers=admin.headers,
    )
    assert patched.status_code == 200, patched.text
    assert (patched.json()["action"], patched.json()["enabled"]) == ("block", False)

    deleted = await client.delete(
        f"{ADMIN_API}/moderation-rules/{created['id']}", headers=admin.headers
    )
    assert deleted.status_code == 204
    missing = await client.get(
        f"{ADMIN_API}/moderation-rules/{created['id']}", headers=admin.headers
    )
    assert missing.status_code == 404
    actions = (await db.scalars(select(AuditEntry.action).order_by(AuditEntry.id))).all()
    assert actions == [
        "moderation.rule_created",
        "moderation.rule_updated",
        "moderation.rule_deleted",
    ]


async def test_rules_page_through_with_a_cursor(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    admin = await staff(make_user)
    for word in ("alpha", "bravo", "charlie"):
        await add_rule(client, admin, word)
    first = (
        await client.get(
            f"{ADMIN_API}/moderation-rules", params={"limit": 2}, headers=admin.headers
        )
    ).json()
    second = (
        await client.get(
            f"{ADMIN_API}/moderation-rules",
            params={"limit": 2, "cursor": first["next_cursor"]},
            headers=admin.headers,
        )
    ).json()
    patterns = [r["pattern"] for r in first["items"] + second["items"]]
    assert sorted(patterns) == ["alpha", "bravo", "charlie"]
    assert second["next_cursor"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"pattern": "(unclosed", "match": "regex"}, "pattern"),
        ({"pattern": "a*", "match": "regex"}, "pattern"),
        ({"pattern": "!!!", "match": "word"}, "pattern"),
        ({"pattern": "   ", "match": "word"}, "pattern"),
        ({"pattern": "x" * 501}, "pattern"),
        ({"pattern": "ok", "match": "glob"}, "match"),
        ({"pattern": "ok", "severity": "extreme"}, "severity"),
        ({"pattern": "ok", "action": "ban"}, "action"),
        ({"match": "word"}, "pattern"),
    ],
)
async def test_invalid_rules_are_refused_on_the_field_at_fault(
    client: httpx.AsyncClient, make_user: MakeUser, body: dict[str, Any], field: str
) -> None:
    admin = await staff(make_user)
    response = await client.post(f"{ADMIN_API}/moderation-rules", json=body, headers=admin.headers)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert field in {e["field"] for e in response.json()["errors"]}


async def test_a_second_rule_with_the_same_pattern_and_match_is_a_conflict(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    admin = await staff(make_user)
    await add_rule(client, admin, "spam")
    again = await client.post(
        f"{ADMIN_API}/moderation-rules", json={"pattern": "spam"}, headers=admin.headers
    )
    assert again.status_code == 409
    assert again.json()["code"] == "rule_exists"
    as_phrase = await client.post(
        f"{ADMIN_API}/moderation-rules",
        json={"pattern": "spam", "match": "phrase"},
        headers=admin.headers,
    )
    assert as_phrase.status_code == 201


async def test_patch_to_an_invalid_regex_is_refused_and_changes_nothing(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    admin = await staff(make_user)
    created = await add_rule(client, admin, "spam")
    response = await client.patch(
        f"{ADMIN_API}/moderation-rules/{created['id']}",
        json={"match": "regex", "pattern": "(("},
        headers=admin.headers,
    )
    assert response.status_code == 422
    assert (await rule(client, admin, created["id"]))["match"] == "word"


async def test_testing_a_text_reports_rules_and_strongest_action_without_saving(
    client: httpx.AsyncClient, make_user: MakeUser, db: Any
) -> None:
    admin = await staff(make_user)
    moderator = await staff(make_user, Role.moderator)
    await add_rule(client, admin, "idiot", action="flag", severity="low")
    await add_rule(client, admin, "حمار", action="hide", severity="high")
    entries_before = await db.scalar(select(func.count()).select_from(AuditEntry))

    response = await client.post(
        f"{ADMIN_API}/moderation-rules/test",
        json={"text": "You IDIOT, يا حمااار"},
        headers=moderator.headers,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["action"] == "hide"
    assert body["severity"] == "high"
    assert sorted(body["patterns"]) == ["idiot", "حمار"]
    clean = await client.post(
        f"{ADMIN_API}/moderation-rules/test", json={"text": "a classy day"}, headers=admin.headers
    )
    answer = clean.json()
    assert answer.pop("classifier")["action"] is None
    assert answer == {"matched": [], "patterns": [], "action": None, "severity": None}
    assert await db.scalar(select(func.count()).select_from(AuditEntry)) == entries_before
    assert await db.scalar(select(func.sum(ModerationRule.hits))) == 0


async def test_disabled_rules_do_not_match(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    admin = await staff(make_user)
    created = await add_rule(client, admin, "spam", action="block")
    await client.patch(
        f"{ADMIN_API}/moderation-rules/{created['id']}",
        json={"enabled": False},
        headers=admin.headers,
    )
    response = await client.post(
        f"{ADMIN_API}/moderation-rules/test", json={"text": "spam"}, headers=admin.headers
    )
    assert response.json()["action"] is None


async def test_a_catastrophic_regex_does_not_stall_a_request(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    admin = await staff(make_user)
    author = await make_user("author")
    await add_rule(client, admin, r"(a+)+$", match="regex", action="flag")
    await add_rule(client, admin, r"(x|x)*y", match="regex", action="flag")
    evil = "a" * 990 + "!"
    started = time.perf_counter()
    tested = await client.post(
        f"{ADMIN_API}/moderation-rules/test", json={"text": "x" * 5000}, headers=admin.headers
    )
    created = await client.post(f"{API}/posts", json={"content": evil}, headers=author.headers)
    elapsed = time.perf_counter() - started
    assert tested.status_code == 200
    assert created.status_code == 201, created.text
    assert elapsed < 2.0


async def test_a_rule_change_reaches_another_server_process_within_seconds(
    harness: AppHarness,
    client: httpx.AsyncClient,
    make_user: MakeUser,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(rules_service, "REFRESH_SECONDS", 0.2)
    admin = await staff(make_user)
    # A second app is a second server process: its own engine, so its own compiled rules.
    other = create_app(harness.settings)
    async with LifespanManager(other):
        transport = httpx.ASGITransport(app=other, client=("203.0.113.9", 1))
        async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as c2:

            async def other_action(text: str) -> Any:
                r = await c2.post(
                    f"{ADMIN_API}/moderation-rules/test",
                    json={"text": text},
                    headers=admin.headers,
                )
                return r.json()["action"]

            assert await other_action("buy cheap pills") is None
            await add_rule(client, admin, "cheap pills", match="phrase", action="block")
            deadline = time.monotonic() + 3
            while await other_action("buy cheap pills") is None:
                assert time.monotonic() < deadline, "the other process never saw the new rule"
                await asyncio.sleep(0.05)
            assert await other_action("buy cheap pills") == "block"


async def test_posts_follow_the_strongest_matching_action(
    client: httpx.AsyncClient, make_user: MakeUser, db: Any
) -> None:
    admin = await staff(make_user)
    author = await make_user("author")
    flag = await add_rule(client, admin, "meh", action="flag", severity="low")
    hide = await add_rule(client, admin, "trash", action="hide", severity="medium")
    block = await add_rule(client, admin, "كلب", action="block", severity="high")

    flagged = await post(client, author, "meh")
    assert flagged["moderation_status"] == "visible"
    hidden = await post(client, author, "meh trash")
    assert hidden["moderation_status"] == "hidden"
    blocked = await client.post(
        f"{API}/posts", json={"content": "trash يا كلب"}, headers=author.headers
    )
    assert blocked.status_code == 422
    problem = blocked.json()
    assert problem["code"] == "content_blocked"
    assert "كلب" in problem["detail"]
    assert problem["errors"][0]["field"] == "content"
    assert await db.scalar(select(func.count()).select_from(Post)) == 2
    assert (await rule(client, admin, flag["id"]))["hits"] == 2
    assert (await rule(client, admin, hide["id"]))["hits"] == 2
    assert (await rule(client, admin, block["id"]))["hits"] == 1
    entries = (
        await db.execute(select(AuditEntry.action, AuditEntry.ip).order_by(AuditEntry.id))
    ).all()
    assert entries[-3:] == [
        ("moderation.auto_flagged", "203.0.113.7"),
        ("moderation.auto_hidden", "203.0.113.7"),
        ("moderation.auto_blocked", "203.0.113.7"),
    ]


async def test_comments_are_moderated_like_posts(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    admin = await staff(make_user)
    author = await make_user("author")
    await add_rule(client, admin, "trash", action="hide")
    await add_rule(client, admin, "scum", action="block")
    target = await post(client, author, "hello")
    hidden = await client.post(
        f"{API}/posts/{target['id']}/comments", json={"content": "TRASH"}, headers=author.headers
    )
    assert hidden.status_code == 201, hidden.text
    assert hidden.json()["moderation_status"] == "hidden"
    refused = await client.post(
        f"{API}/posts/{target['id']}/comments", json={"content": "scum"}, headers=author.headers
    )
    assert refused.status_code == 422
    assert refused.json()["code"] == "content_blocked"


async def test_import_is_idempotent(harness: AppHarness) -> None:
    specs = [
        RuleSpec("a", "spam", "word", "low", "flag"),
        RuleSpec("b", "scam", "word", "low", "hide"),
    ]
    async with harness.session() as session:
        assert await RuleService(session).import_rules(specs, source="test") == (2, 0)
        await session.commit()
    async with harness.session() as session:
        assert await RuleService(session).import_rules(specs, source="test") == (0, 2)
        await session.commit()
        assert await session.scalar(select(func.count()).select_from(ModerationRule)) == 2
