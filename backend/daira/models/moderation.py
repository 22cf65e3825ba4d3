"""Trust and safety: moderation rules, the review queue and user reports."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from daira.models.base import Base, BigId, CreatedAt, IdPk

SEVERITY_RANK = {"low": 1, "medium": 2, "high": 3}


class ItemType(StrEnum):
    post = "post"
    comment = "comment"
    profile = "profile"


class QueueStatus(StrEnum):
    pending = "pending"
    resolved = "resolved"


class QueueSource(StrEnum):
    auto = "auto"  # a rule matched
    classifier = "classifier"  # no rule matched; the classifier flagged or hid it
    report = "report"  # users reported it


class Decision(StrEnum):
    approved = "approved"
    removed = "removed"


class ReportReason(StrEnum):
    spam = "spam"
    harassment = "harassment"
    hate = "hate"
    violence = "violence"
    nudity = "nudity"
    misinformation = "misinformation"
    other = "other"


class ModerationRule(Base):
    __tablename__ = "moderation_rules"

    id: Mapped[IdPk]
    pattern: Mapped[str] = mapped_column(String(500))
    match: Mapped[str] = mapped_column(String(10))
    severity: Mapped[str] = mapped_column(String(10))
    action: Mapped[str] = mapped_column(String(10))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    hits: Mapped[int] = mapped_column(Integer, default=0)
    # Moderators' decisions on items this rule matched: removed = upheld, approved = rejected.
    upheld: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[CreatedAt]
    updated_at: Mapped[CreatedAt]
    created_by: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="SET NULL")
    )

    __table_args__ = (
        UniqueConstraint("match", "pattern", name="uq_moderation_rules_match_pattern"),
    )


class ModerationClassifierStats(Base):
    """Per language, how often the classifier fired and how moderators judged what it caught
    (like the rules' hits, upheld and rejected)."""

    __tablename__ = "moderation_classifier_stats"

    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    hits: Mapped[int] = mapped_column(Integer, default=0)
    upheld: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)


class ModerationRuleSet(Base):
    """One row whose token changes with every rule change: server processes poll it cheaply."""

    __tablename__ = "moderation_rule_set"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(32))


class QueueEntry(Base):
    """One review-queue entry per item at a time, whatever mix of rules and reports raised it."""

    __tablename__ = "moderation_queue"

    id: Mapped[IdPk]
    item_type: Mapped[ItemType] = mapped_column(String(16))
    item_id: Mapped[int] = mapped_column(BigId)
    status: Mapped[QueueStatus] = mapped_column(String(16), default=QueueStatus.pending)
    source: Mapped[QueueSource] = mapped_column(String(16))
    # Snapshots of the matched rules ({id, pattern, match, severity, action}): a rule may be
    # edited or deleted before the entry is reviewed.
    matched_rules: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # The classifier's opinion when it fired ({language, score, action, features}), kept so
    # moderators see why and so their decision counts towards its precision.
    classifier: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    severity: Mapped[str | None] = mapped_column(String(10))
    severity_rank: Mapped[int] = mapped_column(Integer, default=0)
    report_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[CreatedAt]
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="SET NULL")
    )
    decision: Mapped[Decision | None] = mapped_column(String(16))

    __table_args__ = (
        # At most one pending entry per item, even when reports race each other.
        Index(
            "uq_moderation_queue_pending_item",
            "item_type",
            "item_id",
            unique=True,
            postgresql_where=text("status = 'pending'"),
            sqlite_where=text("status = 'pending'"),
        ),
        Index("ix_moderation_queue_status_order", "status", "severity_rank", "created_at", "id"),
        Index("ix_moderation_queue_status_resolved", "status", "resolved_at", "id"),
    )


class Report(Base):
    __tablename__ = "reports"

    id: Mapped[IdPk]
    reporter_id: Mapped[int] = mapped_column(BigId, ForeignKey("users.id", ondelete="CASCADE"))
    item_type: Mapped[ItemType] = mapped_column(String(16))
    item_id: Mapped[int] = mapped_column(BigId)
    reason: Mapped[ReportReason] = mapped_column(String(20))
    details: Mapped[str | None] = mapped_column(String(1000))
    created_at: Mapped[CreatedAt]
    queue_entry_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("moderation_queue.id", ondelete="CASCADE"), index=True
    )

    __table_args__ = (
        UniqueConstraint("reporter_id", "item_type", "item_id", name="uq_reports_reporter_item"),
    )
