"""Every email template renders a subject, a text body and an HTML body, in English and Arabic."""

from __future__ import annotations

import re
from importlib.resources import files
from typing import Any

import pytest

from daira.email.render import LOCALES, PARTS, TEMPLATES, render, template_file

URL = "https://daira.test/some/link?token=abc&x=1"
DATA: dict[str, dict[str, Any]] = {
    "verification": {"display_name": "نور", "url": URL, "hours": 48},
    "welcome": {"display_name": "Nour", "url": URL},
    "password_reset": {"display_name": "Nour", "url": URL, "minutes": 60},
    "password_changed": {"display_name": "Nour", "url": URL},
    "signup_attempt": {"display_name": "Nour", "url": URL},
    "report_outcome": {"display_name": "Nour", "item_type": "post", "outcome": "removed"},
    "two_factor_enabled": {"display_name": "Nour", "url": URL},
    "two_factor_disabled": {"display_name": "Nour", "url": URL},
    "new_sign_in": {
        "display_name": "Nour",
        "url": URL,
        "device": "Firefox on Linux",
        "ip": "192.0.2.1",
        "when": "2026-11-29 08:00 UTC",
    },
}


def test_every_template_has_sample_data() -> None:
    assert set(DATA) == set(TEMPLATES)


ARABIC_LETTERS = re.compile(r"[\u0621-\u064a]")
ENGLISH_WORDS = re.compile(r"\b(the|your|you|and|this)\b", re.IGNORECASE)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("template", TEMPLATES)
def test_every_template_has_a_file_for_each_part_in_each_language(
    template: str, locale: str
) -> None:
    folder = files("daira.email") / "templates"
    for part in PARTS:
        assert (folder / template_file(template, locale, part)).is_file()  # type: ignore[arg-type]


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("template", TEMPLATES)
def test_each_template_renders_text_and_html(template: str, locale: str) -> None:
    email = render(template, DATA[template], locale)

    assert email.subject
    assert "\n" not in email.subject
    assert DATA[template]["display_name"] in email.text
    assert DATA[template]["display_name"] in email.html
    assert email.html.lstrip().startswith("<!doctype html>")
    if "url" in DATA[template]:
        assert URL in email.text
        assert 'href="https://daira.test/some/link?token=abc&amp;x=1"' in email.html


@pytest.mark.parametrize("template", TEMPLATES)
def test_arabic_emails_are_arabic_and_right_to_left(template: str) -> None:
    email = render(template, {**DATA[template], "display_name": "Nour"}, "ar")

    for written in (email.subject, email.text, email.html):
        assert ARABIC_LETTERS.search(written)
        assert not ENGLISH_WORDS.search(re.sub(r"<[^>]+>|https?://\S+", " ", written))
    assert '<html lang="ar" dir="rtl">' in email.html
    assert 'dir="rtl"' in email.html.split("<body", 1)[1]


@pytest.mark.parametrize("template", TEMPLATES)
def test_english_emails_are_left_to_right(template: str) -> None:
    email = render(template, {**DATA[template], "display_name": "Nour"}, "en")

    assert '<html lang="en" dir="ltr">' in email.html
    assert not ARABIC_LETTERS.search(email.subject)


def test_a_language_without_templates_falls_back_to_english() -> None:
    assert render("welcome", DATA["welcome"], "fr") == render("welcome", DATA["welcome"], "en")


def test_html_escapes_user_supplied_text() -> None:
    email = render("welcome", {"display_name": "<script>alert(1)</script>", "url": URL})

    assert "<script>alert(1)</script>" not in email.html
    assert "&lt;script&gt;" in email.html
    assert "<script>alert(1)</script>" in email.text  # plain text needs no escaping


def test_expiry_is_stated_in_the_reset_and_verification_emails() -> None:
    assert "60 minutes" in render("password_reset", DATA["password_reset"]).text
    assert "48 hours" in render("verification", DATA["verification"]).text
    assert "60 دقيقة" in render("password_reset", DATA["password_reset"], "ar").text
    assert "48 ساعة" in render("verification", DATA["verification"], "ar").text


@pytest.mark.parametrize("outcome", ["removed", "approved"])
def test_report_outcome_says_what_happened(outcome: str) -> None:
    email = render("report_outcome", {**DATA["report_outcome"], "outcome": outcome})

    assert ("removed it" in email.text) is (outcome == "removed")
    arabic = render("report_outcome", {**DATA["report_outcome"], "outcome": outcome}, "ar")
    assert ("حذفوه" in arabic.text) is (outcome == "removed")
    assert "منشور" in arabic.text  # the item's kind is named in Arabic, not as "post"


def test_missing_data_or_unknown_templates_fail_loudly() -> None:
    with pytest.raises(ValueError, match="unknown email template"):
        render("nope", {})
    with pytest.raises(Exception, match="url"):
        render("welcome", {"display_name": "x"})
