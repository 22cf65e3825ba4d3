"""Where account and profile changes meet moderation.

On usernames, display names and bios, ``block`` and ``hide`` rules refuse the change (422 on
the field) and ``flag`` rules accept it and queue the profile for review. The classifier only
ever queues a profile: refusing a name or a bio would be blocking, which it never does. At
sign-up the account has no id yet, so a flag is remembered on the session and queued by
``profile_created`` once the new user is flushed.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from daira.audit.service import record
from daira.core.errors import ValidationFailed
from daira.models import ItemType, QueueSource, User
from daira.models.moderation import SEVERITY_RANK
from daira.moderation.content import refusal_reason
from daira.moderation.queue import queue_item
from daira.moderation.service import count_classifier_hit, count_hits, moderate_text
from daira.moderation.verdict import Verdict

_PENDING_FLAGS = "daira_pending_profile_flags"


async def check_profile_fields(
    session: AsyncSession, user: User | None, fields: dict[str, str]
) -> None:
    """Refuse (422) profile text that block or hide rules match; queue what the rest flags."""
    flagged: dict[str, Verdict] = {}
    for name, value in fields.items():
        verdict = await moderate_text(session, value)
        if not verdict:
            continue
        if verdict.rules.action in ("block", "hide"):
            raise ValidationFailed(
                name,
                f"This can't be used on Daira: {refusal_reason(verdict.rules)}.",
                code="content_blocked",
            )
        flagged[name] = verdict
    if not flagged:
        return
    for verdict in flagged.values():
        await count_hits(session, verdict.rules)
        if verdict.opinion is not None:
            await count_classifier_hit(session, verdict.opinion.language)
    if user is None:
        session.info.setdefault(_PENDING_FLAGS, []).append(flagged)
        return
    await _queue_profile(session, user, flagged)


async def profile_created(session: AsyncSession, user: User) -> None:
    """Queue the sign-up's flagged profile fields, now that the account has an id."""
    for flagged in session.info.pop(_PENDING_FLAGS, []):
        await _queue_profile(session, user, flagged)


async def _queue_profile(session: AsyncSession, user: User, flagged: dict[str, Verdict]) -> None:
    rules = [rule for verdict in flagged.values() for rule in verdict.matched]
    severity = max(
        (verdict.severity for verdict in flagged.values() if verdict.severity),
        key=SEVERITY_RANK.__getitem__,
    )
    # The most confident of the classifier's opinions explains the entry.
    opinions = [v.opinion for v in flagged.values() if v.opinion is not None]
    await queue_item(
        session,
        ItemType.profile,
        user.id,
        source=QueueSource.auto if rules else QueueSource.classifier,
        severity=severity,
        rules=rules,
        classifier=max(opinions, key=lambda score: score.score, default=None),
    )
    await record(
        session,
        "moderation.auto_flagged",
        actor_id=None,
        target_type="profile",
        target_id=user.id,
        data={
            "fields": sorted(flagged),
            "rule_ids": list(dict.fromkeys(rule.id for rule in rules)),
            "patterns": list(dict.fromkeys(rule.pattern for rule in rules)),
        },
    )
