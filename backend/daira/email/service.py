"""EmailService.send: queue an email to go out once the transaction commits."""

from __future__ import annotations

from typing import Any, Protocol
from urllib.parse import urlencode

from sqlalchemy.ext.asyncio import AsyncSession

from daira.config import Settings
from daira.core.jobs import enqueue
from daira.email.render import TEMPLATES, email_locale


class Recipient(Protocol):
    """Whom an email goes to: the address and the language they chose (a `User`)."""

    @property
    def email(self) -> str: ...

    @property
    def locale(self) -> str: ...


class EmailService:
    def __init__(self, session: AsyncSession, settings: Settings) -> None:
        self.session = session
        self.settings = settings

    def link(self, path: str, **query: str) -> str:
        base = self.settings.public_url.rstrip("/")
        return f"{base}{path}" + (f"?{urlencode(query)}" if query else "")

    def send(self, to: Recipient, template: str, data: dict[str, Any]) -> None:
        """Queue `template` for `to`, written in the language saved on their account."""
        if template not in TEMPLATES:
            raise ValueError(f"unknown email template {template!r}")
        enqueue(
            self.session,
            "send_email",
            to=to.email,
            template=template,
            data=data,
            locale=email_locale(to.locale),
        )
