"""The background job that renders and delivers one email."""

from __future__ import annotations

from typing import Any

from daira.config import Settings
from daira.core.jobs import job
from daira.email.backends import make_backend
from daira.email.render import DEFAULT_LOCALE, render
from daira.observability.metrics import EMAILS_SENT


@job("send_email")
async def send_email(
    settings: Settings,
    *,
    to: str,
    template: str,
    data: dict[str, Any],
    # Jobs queued before emails had a language carry none: they go out in English.
    locale: str = DEFAULT_LOCALE,
) -> None:
    await make_backend(settings).deliver(to, render(template, data, locale))
    EMAILS_SENT.labels(template).inc()
