"""Pydantic shapes of the report endpoints."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field, field_validator

from daira.models import ReportReason
from daira.users.validation import clean_text


def clean_note(value: str | None) -> str | None:
    """Trimmed free text (report details, a reason for the audit log); None when empty."""
    if value is None:
        return None
    value = clean_text(value)
    if "\x00" in value:
        # PostgreSQL text cannot hold NUL; refuse it here rather than fail on insert.
        raise ValueError("Text cannot contain NUL characters.")
    return value or None


class ReportIn(BaseModel):
    reason: ReportReason
    details: str | None = Field(default=None, max_length=1000)

    @field_validator("details")
    @classmethod
    def _clean(cls, value: str | None) -> str | None:
        return clean_note(value)


class ReportOut(BaseModel):
    id: int
    item_type: str
    item_id: int
    reason: ReportReason
    details: str | None
    created_at: datetime
