"""Putting items in the review queue: one pending entry per item, raised by rules, the
classifier or reports."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from daira.models import ItemType, QueueEntry, QueueSource, QueueStatus, ReportReason
from daira.models.moderation import SEVERITY_RANK
from daira.moderation.classifier import Score
from daira.moderation.matcher import RuleSpec
from daira.moderation.service import rule_snapshot

# Reports order the queue like rules do: harm to people first.
REASON_SEVERITY: dict[ReportReason, str] = {
    ReportReason.hate: "high",
    ReportReason.violence: "high",
    ReportReason.nudity: "high",
    ReportReason.harassment: "medium",
    ReportReason.spam: "low",
    ReportReason.misinformation: "low",
    ReportReason.other: "low",
}


async def pending_entry(
    session: AsyncSession, item_type: ItemType, item_id: int
) -> QueueEntry | None:
    return await session.scalar(
        select(QueueEntry)
        .where(
            QueueEntry.item_type == item_type,
            QueueEntry.item_id == item_id,
            QueueEntry.status == QueueStatus.pending,
        )
        .with_for_update()
    )


async def queue_item(
    session: AsyncSession,
    item_type: ItemType,
    item_id: int,
    *,
    source: QueueSource,
    severity: str | None,
    rules: Sequence[RuleSpec] = (),
    classifier: Score | None = None,
) -> QueueEntry:
    """The item's pending entry, created or joined, carrying these rules, the classifier's
    score (when it fired) and severity."""
    entry = await pending_entry(session, item_type, item_id)
    if entry is None:
        entry = QueueEntry(
            item_type=item_type,
            item_id=item_id,
            status=QueueStatus.pending,
            source=source,
            matched_rules=[],
            severity=None,
            severity_rank=0,
            report_count=0,
        )
        try:
            async with session.begin_nested():
                session.add(entry)
                await session.flush()
        except IntegrityError:
            # Another request opened the entry first (unique pending index): join it.
            entry = await pending_entry(session, item_type, item_id)
            assert entry is not None
    known = {snapshot["id"] for snapshot in entry.matched_rules}
    new = [rule_snapshot(rule) for rule in rules if rule.id not in known]
    if new:
        entry.matched_rules = [*entry.matched_rules, *new]
    if classifier is not None and entry.classifier is None:
        entry.classifier = classifier.snapshot()
    rank = SEVERITY_RANK.get(severity or "", 0)
    if rank > entry.severity_rank:
        entry.severity_rank = rank
        entry.severity = severity
    await session.flush()
    return entry
