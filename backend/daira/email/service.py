"""EmailService.send: queue an email to go out once the transaction commits."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from sqlalchemy.ext.asyncio import AsyncSession

from daira.config import Settings
from daira.core.jobs import enqueue
from daira.email.render import TEMPLATES


class EmailService:
    def __init__(self, session: AsyncSession, settings: Settings) -> None:
        self.session = session
        self.settings = settings

    def link(self, path: str, **query: str) -> str:
        base = self.settings.public_url.rstrip("/")
        return f"{base}{path}" + (f"?{urlencode(query)}" if query else "")

    def send(self, to: str, template: str, data: dict[str, Any]) -> None:
        if template not in TEMPLATES:
            raise ValueError(f"unknown email template {template!r}")
        enqueue(self.session, "send_email", to=to, template=template, data=data)
