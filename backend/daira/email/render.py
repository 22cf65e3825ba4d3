"""Render an email from its Jinja2 templates (subject, text and HTML)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

TEMPLATES = (
    "verification",
    "welcome",
    "password_reset",
    "password_changed",
    "signup_attempt",
    "report_outcome",
    "two_factor_enabled",
    "two_factor_disabled",
    "new_sign_in",
)


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


@lru_cache
def _env() -> Environment:
    return Environment(
        loader=PackageLoader("daira.email", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html",), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(template: str, data: dict[str, Any]) -> RenderedEmail:
    if template not in TEMPLATES:
        raise ValueError(f"unknown email template {template!r}")
    env = _env()
    return RenderedEmail(
        subject=env.get_template(f"{template}.subject.txt").render(data).strip(),
        text=env.get_template(f"{template}.txt").render(data),
        html=env.get_template(f"{template}.html").render(data),
    )
