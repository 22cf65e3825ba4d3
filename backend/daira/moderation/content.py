"""Moderation of new posts and comments, in two steps around the insert.

``check_content`` runs before the item is saved: a ``block`` rule refuses it (422), otherwise it
says the status to save it with. ``queue_if_needed`` runs once the item has an id: ``hide`` and
``flag`` decisions, by rules or by the classifier, put it in the review queue. Both steps audit
what was decided.
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
from daira.moderation.service import count_classifier_hit, count_hits, moderate_text
from daira.moderation.verdict import Verdict
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


def _decision_data(verdict: Verdict) -> dict[str, object]:
    data: dict[str, object] = {
        "rule_ids": [rule.id for rule in verdict.matched],
        "patterns": verdict.patterns,
        "action": verdict.action,
        "severity": verdict.severity,
    }
    if verdict.opinion is not None:
        data["classifier"] = verdict.opinion.snapshot()
    return data


@dataclass(frozen=True, slots=True)
class ContentDecision:
    kind: ContentKind
    author_id: int
    verdict: Verdict

    @property
    def status(self) -> ModerationStatus:
        """The moderation status to create the item with."""
        hidden = self.verdict.action == "hide"
        return ModerationStatus.hidden if hidden else ModerationStatus.visible


async def check_content(
    session: AsyncSession, author: User, kind: ContentKind, text: str, *, ip: str | None = None
) -> ContentDecision:
    """Judge `text` before it is saved; raise ContentBlocked (422) on a `block` rule."""
    verdict = await moderate_text(session, text)
    result = verdict.rules
    if result:
        await count_hits(session, result)
    if verdict.opinion is not None:
        await count_classifier_hit(session, verdict.opinion.language)
    if result.action == "block":
        MODERATION_DECISIONS.labels("block", "rule").inc()
        await record(
            session,
            "moderation.auto_blocked",
            actor_id=None,
            target_type=kind,
            ip=ip,
            data={"author_id": author.id, **_decision_data(verdict)},
        )
        raise ContentBlocked(
            "content", f"This {kind} can't be published: {refusal_reason(result)}."
        )
    return ContentDecision(kind, author.id, verdict)


async def queue_if_needed(
    session: AsyncSession, decision: ContentDecision, item_id: int, *, ip: str | None = None
) -> None:
    """After the insert: queue (and audit) a hidden or flagged item."""
    verdict = decision.verdict
    if verdict.action not in ("hide", "flag"):
        return
    source = "classifier" if verdict.by_classifier else "rule"
    MODERATION_DECISIONS.labels(verdict.action, source).inc()
    await queue_item(
        session,
        ItemType(decision.kind),
        item_id,
        source=QueueSource.classifier if verdict.by_classifier else QueueSource.auto,
        severity=verdict.severity,
        rules=verdict.matched,
        classifier=verdict.opinion,
    )
    action = "moderation.auto_hidden" if verdict.action == "hide" else "moderation.auto_flagged"
    await record(
        session,
        action,
        actor_id=None,
        target_type=decision.kind,
        target_id=item_id,
        ip=ip,
        data={"author_id": decision.author_id, **_decision_data(verdict)},
    )
