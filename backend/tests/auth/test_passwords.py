"""Change password, request a reset and reset through the emailed link."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update

from daira.core.jobs import get_queue
from daira.core.security import hash_token
from daira.models import AccountToken, AuditEntry, User
from daira.models.base import utcnow
from tests.auth.conftest import API, AuthFlow, bearer, token_from
from tests.conftest import AppHarness, MakeUser

NEW_PASSWORD = "nile-sunset-falafel-917"


async def test_change_password_keeps_this_session_ends_others_and_emails(
    flow: AuthFlow, make_user: MakeUser, harness: AppHarness
) -> None:
    account = await make_user("changer")
    other = await flow.login(account.email)

    response = await flow.client.post(
        f"{API}/change-password",
        json={"current_password": account.password, "new_password": NEW_PASSWORD},
        headers=account.headers,
    )

    assert response.status_code == 204
    assert (await flow.client.get(f"{API}/sessions", headers=account.headers)).status_code == 200
    ended = await flow.client.get(f"{API}/sessions", headers=bearer(other.json()["access_token"]))
    assert ended.status_code == 401
    assert (await flow.login(account.email)).status_code == 401
    assert (await flow.login(account.email, NEW_PASSWORD)).status_code == 200
    mails = await harness.mails_to(account.email)
    assert [m.subject for m in mails if "password" in m.subject] == [
        "Your Daira password was changed"
    ]
    async with harness.session() as session:
        actions = (await session.scalars(select(AuditEntry.action).order_by(AuditEntry.id))).all()
    assert actions == ["auth.password_changed"]


async def test_change_password_with_a_wrong_current_password_is_422(
    flow: AuthFlow, make_user: MakeUser, harness: AppHarness
) -> None:
    account = await make_user("forgetful")

    response = await flow.client.post(
        f"{API}/change-password",
        json={"current_password": "not-my-password", "new_password": NEW_PASSWORD},
        headers=account.headers,
    )

    assert response.status_code == 422
    assert response.json()["code"] == "invalid_password"
    assert response.json()["errors"][0]["field"] == "current_password"
    assert await harness.mails_to(account.email) == []


async def test_change_password_to_a_weak_one_is_422(flow: AuthFlow, make_user: MakeUser) -> None:
    account = await make_user("weakchange")

    response = await flow.client.post(
        f"{API}/change-password",
        json={"current_password": account.password, "new_password": "password1"},
        headers=account.headers,
    )

    assert response.status_code == 422
    assert response.json()["code"] == "weak_password"
    assert response.json()["errors"][0]["field"] == "new_password"
    assert (await flow.login(account.email)).status_code == 200


async def test_change_password_needs_a_signed_in_user(flow: AuthFlow) -> None:
    response = await flow.client.post(
        f"{API}/change-password",
        json={"current_password": "whatever-it-is", "new_password": NEW_PASSWORD},
    )

    assert response.status_code == 401


async def test_request_password_reset_emails_a_link_to_the_reset_page(
    flow: AuthFlow, make_user: MakeUser, harness: AppHarness
) -> None:
    account = await make_user("resetme", login=False)

    response = await flow.client.post(
        f"{API}/request-password-reset", json={"email": "RESETME@example.com"}
    )

    assert response.status_code == 202
    [mail] = await harness.mails_to(account.email)
    assert mail.subject == "Reset your Daira password"
    assert "60 minutes" in mail.text
    [link] = [link for link in mail.links() if "reset-password" in link]
    assert link.startswith("https://daira.test/reset-password?token=")
    assert "Choose a new password" in mail.html


@pytest.mark.parametrize("case", ["unknown", "disabled"])
async def test_request_password_reset_answers_202_always_and_sends_nothing_needless(
    flow: AuthFlow, make_user: MakeUser, harness: AppHarness, case: str
) -> None:
    known = await make_user("known", login=False)
    await flow.client.post(f"{API}/request-password-reset", json={"email": known.email})
    email = "nobody@example.com"
    if case == "disabled":
        account = await make_user("off", login=False)
        async with harness.session() as session:
            await session.execute(
                update(User).where(User.id == account.id).values(disabled_at=utcnow())
            )
            await session.commit()
        email = account.email

    response = await flow.client.post(f"{API}/request-password-reset", json={"email": email})
    reference = await flow.client.post(f"{API}/request-password-reset", json={"email": known.email})

    assert response.status_code == reference.status_code == 202
    assert response.json() == reference.json()
    assert await harness.mails_to(email) == []


async def test_reset_password_sets_the_password_and_ends_every_session(
    flow: AuthFlow, make_user: MakeUser, harness: AppHarness
) -> None:
    account = await make_user("resetter")
    other = await flow.login(account.email)
    await flow.client.post(f"{API}/request-password-reset", json={"email": account.email})
    token = await flow.reset_token(account.email)

    response = await flow.client.post(
        f"{API}/reset-password", json={"token": token, "new_password": NEW_PASSWORD}
    )

    assert response.status_code == 204
    for access in (account.access_token, other.json()["access_token"]):
        assert (await flow.client.get(f"{API}/sessions", headers=bearer(access))).status_code == 401
    assert (await flow.login(account.email)).status_code == 401
    assert (await flow.login(account.email, NEW_PASSWORD)).status_code == 200
    subjects = [m.subject for m in await harness.mails_to(account.email)]
    assert subjects[-1] == "Your Daira password was changed"
    async with harness.session() as session:
        actions = (await session.scalars(select(AuditEntry.action).order_by(AuditEntry.id))).all()
    assert actions == ["auth.password_reset_requested", "auth.password_reset"]


async def test_a_reset_link_works_once(flow: AuthFlow, make_user: MakeUser) -> None:
    account = await make_user("once", login=False)
    await flow.client.post(f"{API}/request-password-reset", json={"email": account.email})
    token = await flow.reset_token(account.email)
    body = {"token": token, "new_password": NEW_PASSWORD}

    first = await flow.client.post(f"{API}/reset-password", json=body)
    again = await flow.client.post(
        f"{API}/reset-password", json={"token": token, "new_password": "another-fine-pass-882"}
    )

    assert first.status_code == 204
    assert again.status_code == 400
    assert again.json()["code"] == "invalid_token"
    assert (await flow.login(account.email, NEW_PASSWORD)).status_code == 200


async def test_a_reset_link_expires_after_an_hour(
    flow: AuthFlow, make_user: MakeUser, harness: AppHarness
) -> None:
    account = await make_user("slow", login=False)
    await flow.client.post(f"{API}/request-password-reset", json={"email": account.email})
    token = await flow.reset_token(account.email)
    async with harness.session() as session:
        row = await session.scalar(
            select(AccountToken).where(AccountToken.token_hash == hash_token(token))
        )
        assert row is not None
        lifetime = row.expires_at - row.created_at
        row.expires_at = utcnow() - timedelta(seconds=1)
        await session.commit()

    response = await flow.client.post(
        f"{API}/reset-password", json={"token": token, "new_password": NEW_PASSWORD}
    )

    assert timedelta(minutes=59) < lifetime <= timedelta(minutes=60, seconds=1)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_token"
    assert (await flow.login(account.email)).status_code == 200


async def test_an_unknown_reset_token_is_400(flow: AuthFlow) -> None:
    response = await flow.client.post(
        f"{API}/reset-password", json={"token": "no-such-token", "new_password": NEW_PASSWORD}
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_token"


async def test_a_weak_new_password_leaves_the_reset_link_usable(
    flow: AuthFlow, make_user: MakeUser
) -> None:
    account = await make_user("retry", login=False)
    await flow.client.post(f"{API}/request-password-reset", json={"email": account.email})
    token = await flow.reset_token(account.email)

    weak = await flow.client.post(
        f"{API}/reset-password", json={"token": token, "new_password": "12345678"}
    )
    strong = await flow.client.post(
        f"{API}/reset-password", json={"token": token, "new_password": NEW_PASSWORD}
    )

    assert weak.status_code == 422
    assert weak.json()["errors"][0]["field"] == "new_password"
    assert strong.status_code == 204


async def test_a_reset_also_confirms_an_unverified_email(flow: AuthFlow) -> None:
    await flow.signup("unconfirmed@example.com", "unconfirmed")
    await flow.client.post(
        f"{API}/request-password-reset", json={"email": "unconfirmed@example.com"}
    )
    token = await flow.reset_token("unconfirmed@example.com")

    await flow.client.post(
        f"{API}/reset-password", json={"token": token, "new_password": NEW_PASSWORD}
    )

    assert (await flow.login("unconfirmed@example.com", NEW_PASSWORD)).status_code == 200


async def test_a_verification_token_cannot_reset_a_password(flow: AuthFlow) -> None:
    await flow.signup("wrongkind@example.com", "wrongkind")
    token = await flow.verification_token("wrongkind@example.com")

    response = await flow.client.post(
        f"{API}/reset-password", json={"token": token, "new_password": NEW_PASSWORD}
    )

    assert response.status_code == 400


LONG_PASSWORD = "nile-sunset-falafel-917-" * 4 + "river-boat"


async def test_change_and_reset_accept_a_strong_password_over_72_characters(
    flow: AuthFlow, make_user: MakeUser
) -> None:
    account = await make_user("longchange")

    changed = await flow.client.post(
        f"{API}/change-password",
        json={"current_password": account.password, "new_password": LONG_PASSWORD},
        headers=account.headers,
    )
    await flow.client.post(f"{API}/request-password-reset", json={"email": account.email})
    token = await flow.reset_token(account.email)
    reset = await flow.client.post(
        f"{API}/reset-password", json={"token": token, "new_password": "b" * 100}
    )

    assert changed.status_code == 204, changed.text
    assert reset.status_code == 422
    assert reset.json()["code"] == "weak_password"


async def _two_reset_tokens(flow: AuthFlow, email: str) -> tuple[str, str]:
    await flow.client.post(f"{API}/request-password-reset", json={"email": email})
    first = await flow.reset_token(email)
    await flow.client.post(f"{API}/request-password-reset", json={"email": email})
    second = await flow.reset_token(email)
    assert first != second
    return first, second


async def test_a_new_reset_link_voids_the_older_ones(flow: AuthFlow, make_user: MakeUser) -> None:
    account = await make_user("twolinks", login=False)
    first, second = await _two_reset_tokens(flow, account.email)

    old = await flow.client.post(
        f"{API}/reset-password", json={"token": first, "new_password": NEW_PASSWORD}
    )
    new = await flow.client.post(
        f"{API}/reset-password", json={"token": second, "new_password": NEW_PASSWORD}
    )

    assert old.status_code == 400
    assert old.json()["code"] == "invalid_token"
    assert new.status_code == 204


async def test_using_a_reset_link_voids_every_other_outstanding_one(
    flow: AuthFlow, make_user: MakeUser, harness: AppHarness
) -> None:
    account = await make_user("manylinks", login=False)
    first, second = await _two_reset_tokens(flow, account.email)
    # An older link, still unexpired and unused (as one issued before this fix would be).
    async with harness.session() as session:
        await session.execute(
            update(AccountToken)
            .where(AccountToken.token_hash == hash_token(first))
            .values(used_at=None)
        )
        await session.commit()

    used = await flow.client.post(
        f"{API}/reset-password", json={"token": second, "new_password": NEW_PASSWORD}
    )
    stale = await flow.client.post(
        f"{API}/reset-password", json={"token": first, "new_password": "another-fine-pass-882"}
    )

    assert used.status_code == 204
    assert stale.status_code == 400
    assert (await flow.login(account.email, NEW_PASSWORD)).status_code == 200


async def test_changing_the_password_voids_outstanding_reset_links(
    flow: AuthFlow, make_user: MakeUser
) -> None:
    account = await make_user("changedmind")
    await flow.client.post(f"{API}/request-password-reset", json={"email": account.email})
    token = await flow.reset_token(account.email)

    await flow.client.post(
        f"{API}/change-password",
        json={"current_password": account.password, "new_password": NEW_PASSWORD},
        headers=account.headers,
    )
    response = await flow.client.post(
        f"{API}/reset-password", json={"token": token, "new_password": "another-fine-pass-882"}
    )

    assert response.status_code == 400
    assert (await flow.login(account.email, NEW_PASSWORD)).status_code == 200


async def test_at_most_five_reset_emails_an_hour_reach_one_address(
    harness: AppHarness, make_user: MakeUser
) -> None:
    account = await make_user("flooded", login=False)
    answers = []
    for n in range(8):
        # A different address each time: the per-IP limit is not what stops this.
        transport = httpx.ASGITransport(app=harness.app, client=(f"192.0.2.{n + 1}", 1))
        async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as c:
            response = await c.post(f"{API}/request-password-reset", json={"email": account.email})
            answers.append((response.status_code, response.json()))

    assert {a for a, _ in answers} == {202}
    assert all(body == answers[0][1] for _, body in answers)
    mails = await harness.mails_to(account.email)
    assert len(mails) == 5


async def test_reset_and_verification_tokens_never_travel_in_a_job_or_a_log(
    flow: AuthFlow,
    harness: AppHarness,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    queue = get_queue()
    queued: list[str] = []
    dispatch = queue.dispatch

    async def recording(name: str, kwargs: dict[str, Any]) -> None:
        queued.append(repr(kwargs))
        await dispatch(name, kwargs)

    monkeypatch.setattr(queue, "dispatch", recording)
    await flow.signup("queued@example.com", "queued")
    await flow.client.post(f"{API}/resend-verification", json={"email": "queued@example.com"})
    await flow.client.post(f"{API}/request-password-reset", json={"email": "queued@example.com"})

    mails = await harness.mails_to("queued@example.com")

    tokens = [token_from(m, "/verify-email") for m in mails if "Confirm" in m.subject]
    tokens += [token_from(m, "/reset-password") for m in mails if "Reset" in m.subject]
    assert len(tokens) == 3
    assert queued
    assert not [t for t in tokens if any(t in payload for payload in queued)]
    # aiosmtpd's "mail.log" is the test's own SMTP server, reading the delivered message.
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name != "mail.log")
    assert not [t for t in tokens if t in logged]
