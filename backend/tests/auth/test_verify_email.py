"""POST /auth/verify-email and /auth/resend-verification."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from daira.core.security import hash_token
from daira.models import AccountToken, User
from daira.models.base import utcnow
from tests.auth.conftest import API, AuthFlow
from tests.conftest import AppHarness


async def test_a_verification_link_works_once(flow: AuthFlow) -> None:
    await flow.signup("once@example.com", "once")
    token = await flow.verification_token("once@example.com")

    first = await flow.client.post(f"{API}/verify-email", json={"token": token})
    again = await flow.client.post(f"{API}/verify-email", json={"token": token})

    assert first.status_code == 200
    assert again.status_code == 400
    assert again.json()["code"] == "invalid_token"


async def test_an_unknown_verification_token_is_400(flow: AuthFlow) -> None:
    response = await flow.client.post(f"{API}/verify-email", json={"token": "not-a-real-token"})

    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "invalid_token"


async def test_an_expired_verification_token_is_400(flow: AuthFlow, harness: AppHarness) -> None:
    await flow.signup("late@example.com", "late")
    token = await flow.verification_token("late@example.com")
    async with harness.session() as session:
        await session.execute(
            update(AccountToken)
            .where(AccountToken.token_hash == hash_token(token))
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
        await session.commit()

    response = await flow.client.post(f"{API}/verify-email", json={"token": token})

    assert response.status_code == 400
    assert (await flow.user("late@example.com")).email_verified_at is None


async def test_tokens_are_stored_only_hashed(flow: AuthFlow, harness: AppHarness) -> None:
    await flow.signup("hashed@example.com", "hashed")
    token = await flow.verification_token("hashed@example.com")
    async with harness.session() as session:
        rows = (await session.scalars(AccountToken.__table__.select())).all()

    assert len(rows) == 1
    assert token not in repr(rows)


async def test_a_reset_token_cannot_verify_an_email(flow: AuthFlow) -> None:
    await flow.signup_verified("mix@example.com", "mixer")
    await flow.client.post(f"{API}/request-password-reset", json={"email": "mix@example.com"})
    reset = await flow.reset_token("mix@example.com")

    response = await flow.client.post(f"{API}/verify-email", json={"token": reset})

    assert response.status_code == 400


async def test_resend_verification_sends_a_fresh_link_that_works(
    flow: AuthFlow, harness: AppHarness
) -> None:
    await flow.signup("again@example.com", "again")
    await harness.run_jobs()

    response = await flow.client.post(
        f"{API}/resend-verification", json={"email": "AGAIN@example.com"}
    )

    assert response.status_code == 202
    mails = await harness.mails_to("again@example.com")
    assert [m.subject for m in mails] == ["Confirm your email for Daira"] * 2
    token = await flow.verification_token("again@example.com")
    assert (await flow.client.post(f"{API}/verify-email", json={"token": token})).status_code == 200


@pytest.mark.parametrize("case", ["unknown", "verified", "disabled"])
async def test_resend_verification_answers_202_always_and_sends_nothing_needless(
    flow: AuthFlow, harness: AppHarness, case: str
) -> None:
    email = f"{case}@example.com"
    if case != "unknown":
        await flow.signup_verified(email, case + "_user")
    if case == "disabled":
        async with harness.session() as session:
            await session.execute(
                update(User)
                .where(User.email == email)
                .values(disabled_at=utcnow(), email_verified_at=None)
            )
            await session.commit()
    await harness.run_jobs()
    harness.smtp.clear()

    response = await flow.client.post(f"{API}/resend-verification", json={"email": email})
    unknown = await flow.client.post(
        f"{API}/resend-verification", json={"email": "nobody@example.com"}
    )

    assert response.status_code == unknown.status_code == 202
    assert response.json() == unknown.json()
    assert await harness.mails_to(email) == []
