"""Email leaves through the job queue after commit: SMTP with retries, SendGrid, console."""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx
import pytest

from daira.config import Settings
from daira.email.backends import ConsoleBackend, SendGridBackend, SmtpBackend, make_backend
from daira.email.render import render
from daira.email.service import EmailService
from tests.conftest import TEST_SECRET_KEY, AppHarness

SIGNUP = {
    "email": "mail@example.com",
    "username": "mailer",
    "password": "correct-horse-battery-staple-42",
    "accept_terms": True,
}


async def test_smtp_mail_has_sender_text_and_html(
    client: httpx.AsyncClient, harness: AppHarness
) -> None:
    await client.post("/api/v1/auth/signup", json=SIGNUP)

    [mail] = await harness.mails_to("mail@example.com")

    assert mail.message["From"] == harness.settings.email_from
    assert mail.message["To"] == "mail@example.com"
    assert "/verify-email?token=" in mail.text
    assert "/verify-email?token=" in mail.html


async def test_a_failed_smtp_delivery_is_retried_until_it_succeeds(
    client: httpx.AsyncClient, harness: AppHarness
) -> None:
    harness.smtp.handler.fail_next = 2

    response = await client.post("/api/v1/auth/signup", json=SIGNUP)
    mails = await harness.mails_to("mail@example.com")

    assert response.status_code == 202
    assert harness.smtp.handler.fail_next == 0  # both failures were really attempted
    assert [m.subject for m in mails] == ["Confirm your email for Daira"]


async def test_no_email_leaves_when_the_request_fails(
    client: httpx.AsyncClient, harness: AppHarness
) -> None:
    await client.post("/api/v1/auth/signup", json=SIGNUP)
    await harness.run_jobs()
    harness.smtp.clear()
    await client.post("/api/v1/auth/signup", json={**SIGNUP, "email": "other@example.com"})

    assert await harness.mails_to("other@example.com") == []  # 409: username taken, rolled back


@pytest.mark.parametrize("settings_overrides", [{"email_backend": "console"}])
async def test_the_console_backend_logs_the_link(
    client: httpx.AsyncClient,
    harness: AppHarness,
    caplog: pytest.LogCaptureFixture,
    settings_overrides: dict[str, Any],
) -> None:
    with caplog.at_level(logging.INFO, logger="daira.email"):
        await client.post("/api/v1/auth/signup", json=SIGNUP)
        await harness.run_jobs()

    logged = "\n".join(r.getMessage() for r in caplog.records if r.name == "daira.email")
    assert "mail@example.com" in logged
    assert "https://daira.test/verify-email?token=" in logged
    assert harness.smtp.to("mail@example.com") == []


def _sendgrid_settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "environment": "test",
        "secret_key": TEST_SECRET_KEY,
        "email_backend": "sendgrid",
        "sendgrid_api_key": "SG.test-key",
        "email_from": "Daira <no-reply@daira.example>",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


async def test_sendgrid_receives_exactly_the_request_we_mean() -> None:
    seen: list[httpx.Request] = []

    def sendgrid(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(202)

    email = render("welcome", {"display_name": "Nour", "url": "https://daira.test/login"})
    async with httpx.AsyncClient(transport=httpx.MockTransport(sendgrid)) as http:
        await SendGridBackend(_sendgrid_settings(), client=http).deliver("nour@example.com", email)

    [request] = seen
    assert request.method == "POST"
    assert str(request.url) == "https://api.sendgrid.com/v3/mail/send"
    assert request.headers["authorization"] == "Bearer SG.test-key"
    assert request.headers["content-type"] == "application/json"
    assert json.loads(request.content) == {
        "personalizations": [{"to": [{"email": "nour@example.com"}]}],
        "from": {"email": "no-reply@daira.example", "name": "Daira"},
        "subject": "Welcome to Daira",
        "content": [
            {"type": "text/plain", "value": email.text},
            {"type": "text/html", "value": email.html},
        ],
    }


async def test_a_sendgrid_error_fails_the_job_without_leaking_the_key() -> None:
    def refuses(request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, json={"errors": [{"message": "bad key"}]})

    email = render("welcome", {"display_name": "Nour", "url": "https://daira.test/login"})
    async with httpx.AsyncClient(transport=httpx.MockTransport(refuses)) as http:
        backend = SendGridBackend(_sendgrid_settings(), client=http)
        with pytest.raises(RuntimeError, match="SendGrid answered 401") as failure:
            await backend.deliver("nour@example.com", email)

    assert "SG.test-key" not in str(failure.value)


def test_sendgrid_needs_an_api_key() -> None:
    with pytest.raises(ValueError, match="SENDGRID_API_KEY"):
        make_backend(_sendgrid_settings(sendgrid_api_key=None))


def test_the_backend_follows_the_setting() -> None:
    assert isinstance(make_backend(_sendgrid_settings()), SendGridBackend)
    assert isinstance(make_backend(_sendgrid_settings(email_backend="smtp")), SmtpBackend)
    assert isinstance(make_backend(_sendgrid_settings(email_backend="console")), ConsoleBackend)


def test_email_links_start_at_the_public_url() -> None:
    service = EmailService(None, _sendgrid_settings(public_url="https://daira.eg/"))  # type: ignore[arg-type]

    assert service.link("/reset-password", token="a b&c") == (
        "https://daira.eg/reset-password?token=a+b%26c"
    )
    with pytest.raises(ValueError, match="unknown email template"):
        service.send("x@example.com", "nope", {})


@pytest.mark.parametrize("settings_overrides", [{"job_max_tries": 3}])
async def test_delivery_gives_up_after_the_configured_tries(
    client: httpx.AsyncClient,
    harness: AppHarness,
    caplog: pytest.LogCaptureFixture,
    settings_overrides: dict[str, Any],
) -> None:
    harness.smtp.handler.fail_next = 10

    with caplog.at_level(logging.WARNING):
        response = await client.post("/api/v1/auth/signup", json=SIGNUP)
        mails = await harness.mails_to("mail@example.com")

    assert response.status_code == 202
    assert mails == []
    assert harness.smtp.handler.fail_next == 7  # exactly three attempts
    assert any("job failed for good" in r.getMessage() for r in caplog.records)


async def test_signing_up_from_the_arabic_page_sends_arabic_right_to_left_email(
    client: httpx.AsyncClient, harness: AppHarness
) -> None:
    response = await client.post("/api/v1/auth/signup", json={**SIGNUP, "locale": "ar"})

    [mail] = await harness.mails_to("mail@example.com")
    assert response.status_code == 202
    assert mail.subject == "أكّد بريدك الإلكتروني على دائرة"
    assert "مرحباً بك في دائرة" in mail.text
    assert '<html lang="ar" dir="rtl">' in mail.html
    assert "/verify-email?token=" in mail.html


async def test_emails_follow_the_language_saved_in_settings(
    client: httpx.AsyncClient, harness: AppHarness, make_user: Any
) -> None:
    user = await make_user("arabophone")
    saved = await client.patch("/api/v1/users/me", json={"locale": "ar"}, headers=user.headers)
    await client.post("/api/v1/auth/request-password-reset", json={"email": user.email})

    [mail] = await harness.mails_to(user.email)
    assert saved.json()["locale"] == "ar"
    assert mail.subject == "إعادة تعيين كلمة المرور على دائرة"
    assert 'dir="rtl"' in mail.html

    await client.patch("/api/v1/users/me", json={"locale": "en"}, headers=user.headers)
    harness.smtp.clear()
    await client.post("/api/v1/auth/request-password-reset", json={"email": user.email})
    [mail] = await harness.mails_to(user.email)
    assert mail.subject == "Reset your Daira password"


async def test_an_unknown_signup_locale_is_refused_by_field(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/auth/signup", json={**SIGNUP, "locale": "fr"})

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["locale"]
