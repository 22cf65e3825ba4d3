"""Moderators' decisions on queue entries: approve (restore) or remove (erase, keep a tombstone).

Either way the entry is resolved, every reporter is told the outcome by email, and the rules
that matched the item, and the classifier when it fired, learn whether they were right
(removed = upheld, approved = rejected).
"""

from __future__ import annotations

import hashlib

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from daira.admin import repository as repo
from daira.audit.service import record
from daira.config import Settings
from daira.core.errors import Conflict, NotFound
from daira.email.service import EmailService
from daira.models import (
    Comment,
    Decision,
    ItemType,
    ModerationRule,
    ModerationStatus,
    Post,
    QueueEntry,
    QueueStatus,
    User,
)
from daira.models.base import utcnow
from daira.moderation.service import bump_classifier_stats
from daira.notifications.service import Notifier, signal_content_changed
from daira.observability.metrics import MODERATION_DECISIONS


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class ReviewService:
    def __init__(self, session: AsyncSession, settings: Settings) -> None:
        self.db = session
        self.email = EmailService(session, settings)

    async def _pending(self, entry_id: int) -> QueueEntry:
        entry = await self.db.scalar(
            select(QueueEntry).where(QueueEntry.id == entry_id).with_for_update()
        )
        if entry is None:
            raise NotFound("No such queue entry.", code="queue_entry_not_found")
        if entry.status != QueueStatus.pending:
            raise Conflict("This entry has already been reviewed.", code="already_resolved")
        return entry

    async def _item(self, entry: QueueEntry) -> Post | Comment | User | None:
        if entry.item_type == ItemType.post:
            return await self.db.get(Post, entry.item_id)
        if entry.item_type == ItemType.comment:
            return await self.db.get(Comment, entry.item_id)
        return await self.db.get(User, entry.item_id)

    async def approve(
        self, actor: User, entry_id: int, *, reason: str | None, ip: str | None
    ) -> QueueEntry:
        entry = await self._pending(entry_id)
        item = await self._item(entry)
        if isinstance(item, Post | Comment) and item.moderation_status == ModerationStatus.hidden:
            item.moderation_status = ModerationStatus.visible
            await signal_content_changed(self.db, item)
        await self._resolve(actor, entry, Decision.approved, reason=reason, ip=ip, data={})
        return entry

    async def remove(
        self, actor: User, entry_id: int, *, reason: str | None, ip: str | None
    ) -> QueueEntry:
        entry = await self._pending(entry_id)
        item = await self._item(entry)
        data: dict[str, object] = {}
        if isinstance(item, Post | Comment):
            # Erased for good; the audit log keeps only a fingerprint and the author.
            data = {"author_id": item.author_id, "content_sha256": _digest(item.content)}
            item.content = ""
            item.moderation_status = ModerationStatus.removed
            await signal_content_changed(self.db, item)
        elif isinstance(item, User):
            data = {
                "display_name_sha256": _digest(item.display_name),
                "bio_sha256": _digest(item.bio),
            }
            item.display_name = item.username
            item.bio = ""
        await self._resolve(actor, entry, Decision.removed, reason=reason, ip=ip, data=data)
        return entry

    async def _resolve(
        self,
        actor: User,
        entry: QueueEntry,
        decision: Decision,
        *,
        reason: str | None,
        ip: str | None,
        data: dict[str, object],
    ) -> None:
        MODERATION_DECISIONS.labels(decision.value, "moderator").inc()
        entry.status = QueueStatus.resolved
        entry.decision = decision
        entry.resolved_at = utcnow()
        entry.resolved_by = actor.id
        rule_ids = [r["id"] for r in entry.matched_rules if isinstance(r.get("id"), int)]
        if rule_ids:
            counter = (
                ModerationRule.upheld if decision is Decision.removed else ModerationRule.rejected
            )
            await self.db.execute(
                update(ModerationRule)
                .where(ModerationRule.id.in_(rule_ids))
                .values({counter.key: counter + 1})
                .execution_options(synchronize_session=False)
            )
        if entry.classifier is not None:
            await bump_classifier_stats(
                self.db,
                str(entry.classifier["language"]),
                "upheld" if decision is Decision.removed else "rejected",
            )
        reporters = await repo.reporters_of(self.db, entry.id)
        outcome = "removed" if decision is Decision.removed else "approved"
        await Notifier(self.db).report_resolved(
            {reporter.id for reporter in reporters}, entry.item_type, entry.item_id, outcome
        )
        for reporter in reporters:
            self.email.send(
                reporter,
                "report_outcome",
                {
                    "display_name": reporter.display_name,
                    "item_type": str(entry.item_type),
                    "outcome": outcome,
                },
            )
        await self.db.flush()
        await record(
            self.db,
            f"moderation.{outcome}",
            actor_id=actor.id,
            target_type=str(entry.item_type),
            target_id=entry.item_id,
            reason=reason,
            ip=ip,
            data={
                **({"classifier": entry.classifier} if entry.classifier else {}),
                "queue_entry_id": entry.id,
                "rule_ids": rule_ids,
                "reports": entry.report_count,
                **data,
            },
        )
