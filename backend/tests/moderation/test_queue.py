"""The review queue through the API: rules and reports in, approve and remove out."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import select

from daira.models import AuditEntry, Post, Role, User
from tests.conftest import AppHarness, MakeUser
from tests.support.moderation import ADMIN_API, API, add_rule, queue, report, rule, staff
from tests.support.social import ids, post

ME = f"{API}/users/me"


async def _decide(
    client: httpx.AsyncClient, moderator: Any, entry_id: int, decision: str, **body: Any
) -> httpx.Response:
    return await client.post(
        f"{ADMIN_API}/moderation-queue/{entry_id}/{decision}",
        json=body or None,
        headers=moderator.headers,
    )


async def test_a_hidden_post_is_queued_and_approving_restores_it(
    client: httpx.AsyncClient, make_user: MakeUser, db: Any
) -> None:
    admin = await staff(make_user)
    moderator = await staff(make_user, Role.moderator)
    author = await make_user("author")
    reader = await make_user("reader")
    hide = await add_rule(client, admin, "trash", action="hide", severity="high")
    hidden = await post(client, author, "what TRASH")
    assert hidden["moderation_status"] == "hidden"
    assert hidden["id"] not in await ids(client, "/posts", reader)

    [entry] = await queue(client, moderator)
    assert entry["item_type"] == "post"
    assert entry["source"] == "auto"
    assert entry["severity"] == "high"
    assert entry["item"]["content"] == "what TRASH"
    assert entry["item"]["moderation_status"] == "hidden"
    assert entry["item"]["author"]["username"] == "author"
    assert [r["pattern"] for r in entry["matched_rules"]] == ["trash"]
    assert entry["reports"] == {"count": 0, "reasons": {}, "items": []}

    response = await _decide(client, moderator, entry["id"], "approve", reason="satire")
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "resolved"
    assert response.json()["decision"] == "approved"
    assert hidden["id"] in await ids(client, "/posts", reader)
    assert await queue(client, moderator) == []
    [resolved] = await queue(client, moderator, "resolved")
    assert resolved["id"] == entry["id"]
    counted = await rule(client, admin, hide["id"])
    assert (counted["upheld"], counted["rejected"], counted["precision"]) == (0, 1, 0.0)
    audit = await db.scalar(select(AuditEntry).where(AuditEntry.action == "moderation.approved"))
    assert (audit.actor_id, audit.reason, audit.ip) == (moderator.id, "satire", "203.0.113.7")
    assert (audit.target_type, audit.target_id) == ("post", str(hidden["id"]))


async def test_removing_a_reported_post_erases_it_and_tells_every_reporter(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness
) -> None:
    admin = await staff(make_user)
    author = await make_user("author")
    flag = await add_rule(client, admin, "pills", action="flag", severity="low")
    target = await post(client, author, "cheap pills here")
    reporters = [await make_user(f"reporter{n}", display_name=f"Reporter {n}") for n in range(2)]
    for reporter, reason in zip(reporters, ["spam", "misinformation"], strict=True):
        assert (await report(client, reporter, "post", target["id"], reason)).status_code == 201

    [entry] = await queue(client, admin)
    assert entry["source"] == "auto"
    assert entry["reports"]["count"] == 2
    assert entry["reports"]["reasons"] == {"spam": 1, "misinformation": 1}
    response = await _decide(client, admin, entry["id"], "remove")
    assert response.status_code == 200, response.text
    assert response.json()["item"]["moderation_status"] == "removed"
    assert response.json()["item"]["content"] == ""

    async with harness.session() as session:
        tombstone = await session.get(Post, target["id"])
        assert tombstone is not None
        assert (tombstone.content, tombstone.moderation_status) == ("", "removed")
    assert target["id"] not in await ids(client, "/posts", author)
    gone = await client.get(f"{API}/posts/{target['id']}", headers=reporters[0].headers)
    assert gone.status_code == 404
    for reporter in reporters:
        [mail] = await harness.mails_to(reporter.email)
        assert "report" in mail.subject.lower()
        assert f"Hello Reporter {reporter.username[-1]}" in mail.text
        assert "removed it" in mail.text
        assert "post" in mail.text
    assert await harness.mails_to(author.email) == []
    counted = await rule(client, admin, flag["id"])
    assert (counted["upheld"], counted["rejected"], counted["precision"]) == (1, 0, 1.0)


async def test_approving_a_report_tells_the_reporter_it_stays_up(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness
) -> None:
    moderator = await staff(make_user, Role.moderator)
    author = await make_user("author")
    reporter = await make_user("reporter")
    target = await post(client, author, "a fine opinion")
    await report(client, reporter, "post", target["id"], "other")
    [entry] = await queue(client, moderator)
    assert (await _decide(client, moderator, entry["id"], "approve")).status_code == 200
    [mail] = await harness.mails_to(reporter.email)
    assert "stays up" in mail.text


async def test_the_queue_puts_high_severity_first(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    admin = await staff(make_user)
    author = await make_user("author")
    reader = await make_user("reader")
    await add_rule(client, admin, "meh", action="flag", severity="low")
    await add_rule(client, admin, "awful", action="flag", severity="high")
    low = await post(client, author, "meh")
    reported = await post(client, author, "quiet")
    high = await post(client, author, "awful")
    await report(client, reader, "post", reported["id"], "harassment")
    order = [e["item_id"] for e in await queue(client, admin)]
    assert order == [high["id"], reported["id"], low["id"]]

    first = (
        await client.get(
            f"{ADMIN_API}/moderation-queue", params={"limit": 2}, headers=admin.headers
        )
    ).json()
    rest = (
        await client.get(
            f"{ADMIN_API}/moderation-queue",
            params={"limit": 2, "cursor": first["next_cursor"]},
            headers=admin.headers,
        )
    ).json()
    assert [e["item_id"] for e in first["items"] + rest["items"]] == order
    assert rest["next_cursor"] is None


async def test_an_entry_is_reviewed_once(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    moderator = await staff(make_user, Role.moderator)
    author = await make_user("author")
    reporter = await make_user("reporter")
    target = await post(client, author)
    await report(client, reporter, "post", target["id"])
    [entry] = await queue(client, moderator)
    assert (await _decide(client, moderator, entry["id"], "remove")).status_code == 200
    again = await _decide(client, moderator, entry["id"], "approve")
    assert again.status_code == 409
    assert again.json()["code"] == "already_resolved"
    missing = await _decide(client, moderator, 999_999, "approve")
    assert missing.status_code == 404


async def test_reports_after_a_review_open_a_new_entry(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    moderator = await staff(make_user, Role.moderator)
    author = await make_user("author")
    first, second = await make_user("first"), await make_user("second")
    target = await post(client, author)
    await report(client, first, "post", target["id"])
    [entry] = await queue(client, moderator)
    await _decide(client, moderator, entry["id"], "approve")
    assert (await report(client, first, "post", target["id"])).status_code == 409
    assert (await report(client, second, "post", target["id"])).status_code == 201
    [new_entry] = await queue(client, moderator)
    assert new_entry["id"] != entry["id"]
    assert new_entry["reports"]["count"] == 1


async def test_flagged_profile_text_is_accepted_and_queued(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness
) -> None:
    admin = await staff(make_user)
    user = await make_user("someone")
    await add_rule(client, admin, "casino", action="flag", severity="medium")
    response = await client.patch(ME, json={"bio": "I love the casino"}, headers=user.headers)
    assert response.status_code == 200, response.text
    [entry] = await queue(client, admin)
    assert (entry["item_type"], entry["item_id"]) == ("profile", user.id)
    assert entry["item"]["bio"] == "I love the casino"

    assert (await _decide(client, admin, entry["id"], "remove")).status_code == 200
    async with harness.session() as session:
        erased = await session.get(User, user.id)
        assert erased is not None
        assert (erased.bio, erased.display_name) == ("", "someone")


async def test_blocked_or_hidden_profile_text_is_refused_on_its_field(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    admin = await staff(make_user)
    user = await make_user("someone")
    await add_rule(client, admin, "scum", action="block")
    await add_rule(client, admin, "trash", action="hide")
    for field, text in (("display_name", "Scum Lord"), ("bio", "total trash")):
        response = await client.patch(ME, json={field: text}, headers=user.headers)
        assert response.status_code == 422, response.text
        assert response.json()["code"] == "content_blocked"
        assert response.json()["errors"][0]["field"] == field
    assert await queue(client, admin) == []


async def test_a_sign_up_with_a_flagged_display_name_is_queued(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    admin = await staff(make_user)
    await add_rule(client, admin, "casino", action="flag")
    await add_rule(client, admin, "scum", action="block")
    body = {
        "email": "new@example.com",
        "password": "correct-horse-battery-staple-42",
        "accept_terms": True,
    }
    refused = await client.post(f"{API}/auth/signup", json={**body, "username": "scum"})
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "username"
    accepted = await client.post(
        f"{API}/auth/signup", json={**body, "username": "lucky", "display_name": "Casino King"}
    )
    assert accepted.status_code == 202, accepted.text
    [entry] = await queue(client, admin)
    assert entry["item_type"] == "profile"
    assert entry["item"]["username"] == "lucky"
    assert entry["item"]["display_name"] == "Casino King"
