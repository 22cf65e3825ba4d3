"""Pydantic shapes of /admin."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field, StrictBool, field_validator

from daira.models import Role
from daira.moderation.matcher import Action, MatchKind, Severity
from daira.moderation.schemas import clean_note


class ReasonIn(BaseModel):
    """An optional note for the audit log."""

    reason: str | None = Field(default=None, max_length=500)

    @field_validator("reason")
    @classmethod
    def _clean(cls, value: str | None) -> str | None:
        return clean_note(value)


class DisableIn(BaseModel):
    reason: str = Field(min_length=1, max_length=500, description="Why (kept in the audit log).")

    @field_validator("reason")
    @classmethod
    def _required(cls, value: str) -> str:
        note = clean_note(value)
        if not note:
            raise ValueError("A reason is required.")
        return note


class RoleIn(ReasonIn):
    role: Role


class AdminUserOut(BaseModel):
    id: int
    email: str
    username: str
    display_name: str
    role: Role
    verified: bool
    disabled: bool
    disabled_reason: str | None
    totp_enabled: bool
    created_at: datetime
    last_login: datetime | None


class MatchedRuleOut(BaseModel):
    id: int | str
    pattern: str
    match: str
    severity: str
    action: str


class ClassifierFeatureOut(BaseModel):
    ngram: str = Field(description="A word (w:), word pair (b:) or character n-gram.")
    weight: float = Field(description="Its share of the score's linear margin.")


class ClassifierOut(BaseModel):
    """The classifier's opinion of a text: a calibrated probability that it is offensive."""

    language: str
    score: float
    action: str | None = Field(description="flag or hide at its thresholds; null below them.")
    features: list[ClassifierFeatureOut] = Field(
        description="The n-grams that pushed the score up most."
    )


class AuthorOut(BaseModel):
    id: int
    username: str
    display_name: str
    disabled: bool


class QueueItemOut(BaseModel):
    """The reviewed item as staff see it, hidden or not (content is empty once removed)."""

    type: str
    id: int
    content: str | None
    author: AuthorOut | None
    moderation_status: str | None
    created_at: datetime | None
    deleted: bool
    post_id: int | None = None
    username: str | None = None
    display_name: str | None = None
    bio: str | None = None


class ReportOut(BaseModel):
    reason: str
    details: str | None
    reporter_id: int
    created_at: datetime


class ReportsOut(BaseModel):
    count: int
    reasons: dict[str, int]
    items: list[ReportOut]


class QueueEntryOut(BaseModel):
    id: int
    item_type: str
    item_id: int
    item: QueueItemOut | None
    status: str
    source: str
    severity: str | None
    matched_rules: list[MatchedRuleOut]
    classifier: ClassifierOut | None = Field(
        default=None, description="The classifier's score and top n-grams when it fired."
    )
    reports: ReportsOut
    report_count: int
    created_at: datetime
    resolved_at: datetime | None
    resolved_by: int | None
    decision: str | None


class RuleIn(BaseModel):
    pattern: str = Field(min_length=1, max_length=500)
    match: MatchKind = "word"
    severity: Severity = "medium"
    action: Action = "flag"
    # Strict: the schema says boolean, so 0 or "yes" is refused rather than guessed at.
    enabled: StrictBool = True


class RulePatch(BaseModel):
    pattern: str | None = Field(default=None, min_length=1, max_length=500)
    match: MatchKind | None = None
    severity: Severity | None = None
    action: Action | None = None
    enabled: StrictBool | None = None


class RuleOut(BaseModel):
    id: int
    pattern: str
    match: MatchKind
    severity: Severity
    action: Action
    enabled: bool
    hits: int
    upheld: int
    rejected: int
    precision: float | None = Field(
        description="upheld / (upheld + rejected): removed items count as upheld, approved "
        "ones as not; null before any decision."
    )
    created_at: datetime
    updated_at: datetime
    created_by: int | None


class RuleTestIn(BaseModel):
    text: str = Field(max_length=10_000)


class RuleTestOut(BaseModel):
    matched: list[MatchedRuleOut]
    patterns: list[str]
    action: Action | None = Field(
        description="What would apply: the rules' action, else the classifier's (never block)."
    )
    severity: Severity | None
    classifier: ClassifierOut | None = Field(
        default=None, description="The classifier's opinion (null when it is switched off)."
    )


class ClassifierThresholdsOut(BaseModel):
    flag: float
    hide: float


class ClassifierLanguageOut(BaseModel):
    language: str
    thresholds: ClassifierThresholdsOut
    hits: int
    upheld: int
    rejected: int
    precision: float | None = Field(
        description="upheld / (upheld + rejected) over the items it fired on; null before any "
        "decision."
    )


class ClassifierStatusOut(BaseModel):
    enabled: bool
    sha256: str | None
    languages: list[ClassifierLanguageOut]


class AuditEntryOut(BaseModel):
    id: int
    created_at: datetime
    actor_id: int | None
    actor_username: str | None
    action: str
    target_type: str | None
    target_id: str | None
    reason: str | None
    ip: str | None
    data: dict[str, Any]
    prev_hash: str
    hash: str


class AuditVerifyOut(BaseModel):
    intact: bool
    checked: int
    first_bad_id: int | None
    problem: str | None


class StatsOut(BaseModel):
    users_total: int
    users_active_24h: int
    users_disabled: int
    posts_total: int
    posts_hidden: int
    reports_open: int
    queue_pending: int
