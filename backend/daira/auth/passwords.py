"""The server's password policy: 8..128 characters and a zxcvbn score of at least 3."""

from __future__ import annotations

from zxcvbn import zxcvbn

MIN_LENGTH = 8
MAX_LENGTH = 128
MIN_SCORE = 3
# zxcvbn refuses longer inputs (its matching is quadratic). A password whose first 72
# characters are already hard to guess stays hard to guess with more after them.
SCORED_PREFIX = 72


def password_problem(password: str, *user_inputs: str) -> str | None:
    """Why a password is refused, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return f"Passwords need at least {MIN_LENGTH} characters."
    if len(password) > MAX_LENGTH:
        return f"Passwords can have at most {MAX_LENGTH} characters."
    hints = [u[:SCORED_PREFIX] for u in user_inputs if u]
    result = zxcvbn(password[:SCORED_PREFIX], user_inputs=hints)
    if result["score"] < MIN_SCORE:
        hint = result["feedback"].get("warning") or "Add more words or characters."
        return f"This password is too easy to guess. {hint}".strip()
    return None
