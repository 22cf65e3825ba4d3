"""Rules for usernames, display names and texts shared by signup and profile edits."""

from __future__ import annotations

import re
import unicodedata

# Latin letters, Arabic letters (the Arabic block's letters, not its punctuation), digits, _.
USERNAME_PATTERN = r"^[A-Za-z0-9_\u0621-\u063A\u0641-\u064A\u0660-\u0669\u06F0-\u06F9]{3,30}$"
USERNAME_RE = re.compile(USERNAME_PATTERN)
RESERVED_USERNAMES = frozenset(
    {
        "me",
        "admin",
        "administrator",
        "api",
        "settings",
        "login",
        "logout",
        "signup",
        "register",
        "root",
        "system",
        "support",
        "help",
        "about",
        "terms",
        "privacy",
        "moderator",
        "mod",
        "staff",
        "daira",
        "feed",
        "explore",
        "search",
        "posts",
        "post",
        "users",
        "user",
        "profile",
        "u",
        "media",
        "static",
        "assets",
        "health",
        "ready",
        "metrics",
        "docs",
        "verify_email",
        "reset_password",
        "forgot_password",
        "null",
        "undefined",
        "anonymous",
        "security",
        "official",
        "notifications",
        "messages",
    }
)


def clean_text(value: str) -> str:
    """NFC-normalise and trim; lengths are then counted in code points."""
    return unicodedata.normalize("NFC", value).strip()


def clean_message(value: str) -> str:
    """`clean_text` for free text (posts, comments, bios): line breaks become "\n", and the
    characters no reader needs and PostgreSQL refuses (NUL) are errors: control characters
    other than newline and tab, and unpaired surrogates."""
    value = clean_text(value.replace("\r\n", "\n").replace("\r", "\n"))
    for ch in value:
        if ch not in "\n\t" and unicodedata.category(ch) in {"Cc", "Cs"}:
            raise ValueError("Text cannot contain control characters.")
    return value


def username_key(username: str) -> str:
    return username.casefold()


def check_username(value: str) -> str:
    value = clean_text(value)
    if not USERNAME_RE.fullmatch(value):
        raise ValueError(
            "Usernames are 3-30 characters: Latin or Arabic letters, digits and underscores."
        )
    if username_key(value) in RESERVED_USERNAMES:
        raise ValueError("This username is reserved.")
    return value


def check_display_name(value: str) -> str:
    value = clean_text(value)
    if not 1 <= len(value) <= 50:
        raise ValueError("Display names are 1-50 characters.")
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        raise ValueError("Display names cannot contain control characters.")
    return value
