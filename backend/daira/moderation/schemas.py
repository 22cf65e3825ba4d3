"""Pydantic shapes of the report endpoints."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field, field_validator

from daira.models import ReportReason
from daira.users.validation import clean_text


class ReportIn(BaseModel):
    reason: ReportReason
    details: str | None = Field(default=None, max_length=1000)

    @field_validator("details")
    @classmethod
    def _clean(cls, value: str | None) -> str | None:
        return clean_text(value) or None if value is not None else None


class ReportOut(BaseModel):
    id: int
    item_type: str
    item_id: int
    reason: ReportReason
    details: str | None
    created_at: datetime
