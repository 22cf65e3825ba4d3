"""The background job that renders and delivers one email."""

from __future__ import annotations

from typing import Any

from daira.config import Settings
from daira.core.jobs import job
from daira.email.backends import make_backend
from daira.email.render import render
from daira.observability.metrics import EMAILS_SENT


@job("send_email")
async def send_email(settings: Settings, *, to: str, template: str, data: dict[str, Any]) -> None:
    await make_backend(settings).deliver(to, render(template, data))
    EMAILS_SENT.labels(template).inc()
