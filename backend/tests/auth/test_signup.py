"""POST /auth/signup: 202 without revealing accounts, username and password rules."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from daira.models import User
from tests.auth.conftest import API, AuthFlow
from tests.conftest import AppHarness


async def test_signup_answers_202_and_emails_a_verification_link(
    flow: AuthFlow, harness: AppHarness
) -> None:
    response = await flow.signup("Nour@Example.com", "nour", display_name="Nour Hassan")

    assert response.status_code == 202
    [mail] = await harness.mails_to("nour@example.com")
    assert mail.subject == "Confirm your email for Daira"
    assert "Nour Hassan" in mail.text
    [link] = [link for link in mail.links() if "/verify-email" in link]
    assert link.startswith("https://daira.test/verify-email?token=")
    user = await flow.user("nour@example.com")
    assert user.email == "nour@example.com"  # stored case-folded
    assert user.email_verified_at is None
    assert user.display_name == "Nour Hassan"


async def test_following_the_verification_link_confirms_the_email_and_welcomes(
    flow: AuthFlow, harness: AppHarness
) -> None:
    await flow.signup("omar@example.com", "omar")
    token = await flow.verification_token("omar@example.com")

    response = await flow.client.post(f"{API}/verify-email", json={"token": token})

    assert response.status_code == 200
    assert (await flow.user("omar@example.com")).email_verified_at is not None
    subjects = [m.subject for m in await harness.mails_to("omar@example.com")]
    assert "Welcome to Daira" in subjects
    assert (await flow.login("omar@example.com")).status_code == 200


async def test_signup_with_a_taken_email_answers_the_same_and_warns_the_owner(
    flow: AuthFlow, harness: AppHarness
) -> None:
    first = await flow.signup("salma@example.com", "salma")
    await harness.run_jobs()
    harness.smtp.clear()

    second = await flow.signup("SALMA@example.com", "someone_else")

    assert second.status_code == first.status_code == 202
    assert second.json() == first.json()
    assert second.headers["content-type"] == first.headers["content-type"]
    [mail] = await harness.mails_to("salma@example.com")
    assert mail.subject == "Someone tried to sign up to Daira with your email"
    assert "https://daira.test/forgot-password" in mail.links()
    async with harness.session() as session:
        assert await session.scalar(select(func.count()).select_from(User)) == 1


async def test_signup_with_a_taken_username_ignoring_case_is_409(flow: AuthFlow) -> None:
    await flow.signup("a@example.com", "Karim_1")

    response = await flow.signup("b@example.com", "kARIM_1")

    assert response.status_code == 409
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "username_taken"


@pytest.mark.parametrize(
    ("password", "reason"),
    [("short1!", "at least 8"), ("password123", "easy to guess"), ("x" * 129, "at most 128")],
)
async def test_a_weak_password_is_422_naming_the_field(
    flow: AuthFlow, password: str, reason: str
) -> None:
    response = await flow.signup("weak@example.com", "weakling", password=password)

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "weak_password"
    assert [e["field"] for e in body["errors"]] == ["password"]
    assert reason in body["detail"]


async def test_a_password_built_from_the_username_is_weak(flow: AuthFlow) -> None:
    response = await flow.signup("mona@example.com", "mona_fathy", password="mona_fathy1")

    assert response.status_code == 422
    assert response.json()["code"] == "weak_password"


async def test_terms_not_accepted_is_422(flow: AuthFlow) -> None:
    response = await flow.signup("t@example.com", "tarek", accept_terms=False)

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "terms_not_accepted"
    assert body["errors"][0]["field"] == "accept_terms"


async def test_nothing_is_created_or_sent_when_signup_is_refused(
    flow: AuthFlow, harness: AppHarness
) -> None:
    await flow.signup("t@example.com", "tarek", accept_terms=False)

    assert await harness.mails_to("t@example.com") == []
    async with harness.session() as session:
        assert await session.scalar(select(func.count()).select_from(User)) == 0


@pytest.mark.parametrize("username", ["Admin", "API", "settings", "support", "ROOT"])
async def test_reserved_usernames_are_refused(flow: AuthFlow, username: str) -> None:
    response = await flow.signup("r@example.com", username)

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "username"
    assert "reserved" in response.json()["errors"][0]["msg"]


@pytest.mark.parametrize(
    "username", ["ab", "a" * 31, "has space", "dash-name", "emoji😀x", "dot.name", "نور!"]
)
async def test_usernames_outside_the_rules_are_refused(flow: AuthFlow, username: str) -> None:
    response = await flow.signup("r@example.com", username)

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["username"]


@pytest.mark.parametrize("username", ["نور_الهدى", "أحمد٢٠٢٦", "Ali_علي", "abc", "a" * 30])
async def test_arabic_and_latin_usernames_within_the_rules_are_accepted(
    flow: AuthFlow, username: str
) -> None:
    response = await flow.signup("ar@example.com", username)

    assert response.status_code == 202
    assert (await flow.user("ar@example.com")).username == username


async def test_display_name_defaults_to_the_username_and_is_trimmed(flow: AuthFlow) -> None:
    await flow.signup("d1@example.com", "default_name")
    await flow.signup("d2@example.com", "trimmed", display_name="  هدى  ")

    assert (await flow.user("d1@example.com")).display_name == "default_name"
    assert (await flow.user("d2@example.com")).display_name == "هدى"


@pytest.mark.parametrize("display_name", ["", "   ", "x" * 51, "bad\u0007bell"])
async def test_display_names_outside_the_rules_are_refused(
    flow: AuthFlow, display_name: str
) -> None:
    response = await flow.signup("dn@example.com", "dname", display_name=display_name)

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "display_name"


@pytest.mark.parametrize("email", ["not-an-email", "a@", "@example.com", "x" * 321 + "@e.com"])
async def test_invalid_emails_are_refused(flow: AuthFlow, email: str) -> None:
    response = await flow.signup(email, "valid_name")

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "email"


async def test_a_taken_email_costs_the_same_password_hash_as_a_new_one(
    flow: AuthFlow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The answer's timing must not reveal who is registered: both paths hash once."""
    from daira.auth import service

    await flow.signup("timing@example.com", "timing_first")
    hashes: list[str] = []
    real_hash = service.hash_password
    monkeypatch.setattr(service, "hash_password", lambda p: hashes.append(p) or real_hash(p))

    await flow.signup("timing@example.com", "timing_second")
    await flow.signup("fresh@example.com", "timing_third")

    assert len(hashes) == 2


async def test_addresses_under_the_reserved_test_domain_can_sign_up(flow: AuthFlow) -> None:
    await flow.signup_verified("qa@daira.test", "qa_user")

    assert (await flow.login("qa@daira.test")).status_code == 200


async def test_other_special_use_domains_are_refused(flow: AuthFlow) -> None:
    response = await flow.signup("someone@printer.local", "printer")

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "email"


async def test_a_strong_password_longer_than_72_characters_is_accepted(flow: AuthFlow) -> None:
    # zxcvbn refuses inputs over 72 characters; the policy allows up to 128.
    password = "nile-sunset-falafel-917-" * 5 + "x" * 8

    response = await flow.signup("longpass@example.com", "longpass", password=password)

    assert len(password) == 128
    assert response.status_code == 202, response.text


async def test_a_weak_password_longer_than_72_characters_is_422_not_500(flow: AuthFlow) -> None:
    response = await flow.signup("longweak@example.com", "longweak", password="a" * 100)

    assert response.status_code == 422
    assert response.json()["code"] == "weak_password"
    assert response.json()["errors"][0]["field"] == "password"


async def test_a_password_over_128_characters_is_422(flow: AuthFlow) -> None:
    response = await flow.signup("toolong@example.com", "toolong", password="Zq9!" * 33)

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "password"
