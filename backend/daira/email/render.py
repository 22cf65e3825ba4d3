"""Render an email from its Jinja2 templates (subject, text and HTML) in the recipient's language.

Each template is three files in English (`name.subject.txt`, `name.txt`, `name.html`) and
the same three with the locale before the extension for every other language
(`name.ar.subject.txt`, `name.ar.txt`, `name.ar.html`). Adding a template means writing
both sets; `tests/email/test_templates.py` fails for a template whose twin is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal, get_args

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

EmailLocale = Literal["en", "ar"]
DEFAULT_LOCALE: EmailLocale = "en"
LOCALES: tuple[EmailLocale, ...] = get_args(EmailLocale)
PARTS = ("subject.txt", "txt", "html")


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


def email_locale(locale: str | None) -> EmailLocale:
    """The language an email goes out in: the recipient's own if we write emails in it."""
    return next((known for known in LOCALES if known == locale), DEFAULT_LOCALE)


def template_file(template: str, locale: EmailLocale, part: str) -> str:
    return f"{template}.{part}" if locale == DEFAULT_LOCALE else f"{template}.{locale}.{part}"


def render(
    template: str, data: dict[str, Any], locale: str | None = DEFAULT_LOCALE
) -> RenderedEmail:
    if template not in TEMPLATES:
        raise ValueError(f"unknown email template {template!r}")
    env = _env()
    lang = email_locale(locale)

    def part(name: str) -> str:
        return env.get_template(template_file(template, lang, name)).render(data)

    return RenderedEmail(subject=part("subject.txt").strip(), text=part("txt"), html=part("html"))
