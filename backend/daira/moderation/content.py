"""Moderation of new posts and comments, in two steps around the insert.

``check_content`` runs before the item is saved: a ``block`` rule refuses it (422), otherwise it
says the status to save it with. ``queue_if_needed`` runs once the item has an id: ``hide`` and
``flag`` matches put it in the review queue. Both steps audit what the rules did.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from daira.audit.service import record
from daira.core.errors import DairaError
from daira.models import ItemType, ModerationStatus, QueueSource, User
from daira.moderation.matcher import MatchResult
from daira.moderation.queue import queue_item
from daira.moderation.service import count_hits, match_text
from daira.observability.metrics import MODERATION_DECISIONS

ContentKind = Literal["post", "comment"]


class ContentBlocked(DairaError):
    status = 422
    code = "content_blocked"
    keep_changes = True  # the refusal is audited and counted as a rule hit

    def __init__(self, field: str, message: str) -> None:
        super().__init__(
            message,
            errors=[{"loc": ["body", field], "field": field, "msg": message}],
        )


def refusal_reason(result: MatchResult) -> str:
    """Name what was matched, without echoing a regex back to the author."""
    words = [rule.pattern for rule in result.matched if rule.match != "regex"]
    if words:
        quoted = ", ".join(f"“{word}”" for word in dict.fromkeys(words))
        return f"it contains {quoted}, which is not allowed on Daira"
    return "it contains language that is not allowed on Daira"


def _rules_data(result: MatchResult) -> dict[str, object]:
    return {
        "rule_ids": [rule.id for rule in result.matched],
        "patterns": result.patterns,
        "action": result.action,
        "severity": result.severity,
    }


@dataclass(frozen=True, slots=True)
class ContentDecision:
    kind: ContentKind
    author_id: int
    result: MatchResult

    @property
    def status(self) -> ModerationStatus:
        """The moderation status to create the item with."""
        return ModerationStatus.hidden if self.result.action == "hide" else ModerationStatus.visible


async def check_content(
    session: AsyncSession, author: User, kind: ContentKind, text: str, *, ip: str | None = None
) -> ContentDecision:
    """Match `text` before it is saved; raise ContentBlocked (422) on a `block` rule."""
    result = await match_text(session, text)
    if result:
        await count_hits(session, result)
    if result.action == "block":
        MODERATION_DECISIONS.labels("block", "rule").inc()
        await record(
            session,
            "moderation.auto_blocked",
            actor_id=None,
            target_type=kind,
            ip=ip,
            data={"author_id": author.id, **_rules_data(result)},
        )
        raise ContentBlocked(
            "content", f"This {kind} can't be published: {refusal_reason(result)}."
        )
    return ContentDecision(kind, author.id, result)


async def queue_if_needed(
    session: AsyncSession, decision: ContentDecision, item_id: int, *, ip: str | None = None
) -> None:
    """After the insert: queue (and audit) a hidden or flagged item."""
    result = decision.result
    if result.action not in ("hide", "flag"):
        return
    MODERATION_DECISIONS.labels(result.action, "rule").inc()
    await queue_item(
        session,
        ItemType(decision.kind),
        item_id,
        source=QueueSource.auto,
        severity=result.severity,
        rules=result.matched,
    )
    action = "moderation.auto_hidden" if result.action == "hide" else "moderation.auto_flagged"
    await record(
        session,
        action,
        actor_id=None,
        target_type=decision.kind,
        target_id=item_id,
        ip=ip,
        data={"author_id": decision.author_id, **_rules_data(result)},
    )
