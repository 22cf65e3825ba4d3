"""Email delivery backends: console, SMTP and SendGrid's HTTP API."""

from __future__ import annotations

import logging
from email.message import EmailMessage
from email.utils import parseaddr
from typing import Protocol

import aiosmtplib
import httpx

from daira.config import Settings
from daira.email.render import RenderedEmail
from daira.observability.tracing import client_span

log = logging.getLogger("daira.email")


class EmailBackend(Protocol):
    async def deliver(self, to: str, email: RenderedEmail) -> None: ...


class ConsoleBackend:
    """Development: print the message (links included) to the log instead of sending it."""

    def __init__(self, settings: Settings) -> None:
        self.sender = settings.email_from

    async def deliver(self, to: str, email: RenderedEmail) -> None:
        log.info("email to %s: %s\n%s", to, email.subject, email.text)


class SmtpBackend:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def build_message(self, to: str, email: RenderedEmail) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self.settings.email_from
        message["To"] = to
        message["Subject"] = email.subject
        message.set_content(email.text)
        message.add_alternative(email.html, subtype="html")
        return message

    async def deliver(self, to: str, email: RenderedEmail) -> None:
        s = self.settings
        server: dict[str, str | int] = {"server.address": s.smtp_host, "server.port": s.smtp_port}
        with client_span("smtp send", **server):
            await aiosmtplib.send(
                self.build_message(to, email),
                hostname=s.smtp_host,
                port=s.smtp_port,
                username=s.smtp_username,
                password=s.smtp_password,
                start_tls=s.smtp_starttls,
                timeout=s.smtp_timeout_seconds,
            )


class SendGridBackend:
    def __init__(self, settings: Settings, client: httpx.AsyncClient | None = None) -> None:
        if not settings.sendgrid_api_key:
            raise ValueError("EMAIL_BACKEND=sendgrid needs SENDGRID_API_KEY")
        self.settings = settings
        self.client = client

    def build_payload(self, to: str, email: RenderedEmail) -> dict[str, object]:
        name, address = parseaddr(self.settings.email_from)
        sender: dict[str, str] = {"email": address}
        if name:
            sender["name"] = name
        return {
            "personalizations": [{"to": [{"email": to}]}],
            "from": sender,
            "subject": email.subject,
            "content": [
                {"type": "text/plain", "value": email.text},
                {"type": "text/html", "value": email.html},
            ],
        }

    async def deliver(self, to: str, email: RenderedEmail) -> None:
        headers = {"Authorization": f"Bearer {self.settings.sendgrid_api_key}"}
        payload = self.build_payload(to, email)
        with client_span("sendgrid send", **{"server.address": "api.sendgrid.com"}):
            response = await self._post(payload, headers)
        # Retried by the job queue; the body names the reason without echoing the key.
        if response.status_code >= 300:
            raise RuntimeError(f"SendGrid answered {response.status_code}: {response.text[:200]}")

    async def _post(self, payload: dict[str, object], headers: dict[str, str]) -> httpx.Response:
        if self.client is not None:
            response = await self.client.post(
                self.settings.sendgrid_api_url, json=payload, headers=headers
            )
        else:
            async with httpx.AsyncClient(timeout=10) as client:
                response = await client.post(
                    self.settings.sendgrid_api_url, json=payload, headers=headers
                )
        return response


def make_backend(settings: Settings) -> EmailBackend:
    if settings.email_backend == "smtp":
        return SmtpBackend(settings)
    if settings.email_backend == "sendgrid":
        return SendGridBackend(settings)
    return ConsoleBackend(settings)
