"""Request and response bodies of /notifications."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from daira.core.ids import MAX_ID
from daira.models import NotificationKind
from daira.posts.schemas import AuthorOut


class NotificationOut(BaseModel):
    id: int
    kind: NotificationKind
    actor: AuthorOut | None = Field(
        description="Who acted; null for `report_resolved` (moderators stay unnamed)."
    )
    post_id: int | None
    comment_id: int | None
    outcome: Literal["approved", "removed"] | None = Field(
        description="For `report_resolved`: what the moderators decided."
    )
    created_at: datetime
    read: bool


class UnreadCountOut(BaseModel):
    count: int


class MarkReadIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    up_to_id: int | None = Field(
        default=None,
        ge=1,
        le=MAX_ID,
        strict=True,  # a JSON `true` is not notification 1
        description="Mark only this one and older ones read.",
    )
