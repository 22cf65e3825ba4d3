"""Where account and profile changes meet moderation.

On usernames, display names and bios, ``block`` and ``hide`` rules refuse the change (422 on
the field) and ``flag`` rules accept it and queue the profile for review. At sign-up the
account has no id yet, so a flag is remembered on the session and queued by
``profile_created`` once the new user is flushed.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from daira.audit.service import record
from daira.core.errors import ValidationFailed
from daira.models import ItemType, QueueSource, User
from daira.models.moderation import SEVERITY_RANK
from daira.moderation.content import refusal_reason
from daira.moderation.matcher import MatchResult
from daira.moderation.queue import queue_item
from daira.moderation.service import count_hits, match_text

_PENDING_FLAGS = "daira_pending_profile_flags"


async def check_profile_fields(
    session: AsyncSession, user: User | None, fields: dict[str, str]
) -> None:
    """Refuse (422) or queue profile text that matches moderation rules."""
    flagged: dict[str, MatchResult] = {}
    for name, value in fields.items():
        result = await match_text(session, value)
        if not result:
            continue
        if result.action in ("block", "hide"):
            raise ValidationFailed(
                name,
                f"This can't be used on Daira: {refusal_reason(result)}.",
                code="content_blocked",
            )
        flagged[name] = result
    if not flagged:
        return
    for result in flagged.values():
        await count_hits(session, result)
    if user is None:
        session.info.setdefault(_PENDING_FLAGS, []).append(flagged)
        return
    await _queue_profile(session, user, flagged)


async def profile_created(session: AsyncSession, user: User) -> None:
    """Queue the sign-up's flagged profile fields, now that the account has an id."""
    for flagged in session.info.pop(_PENDING_FLAGS, []):
        await _queue_profile(session, user, flagged)


async def _queue_profile(
    session: AsyncSession, user: User, flagged: dict[str, MatchResult]
) -> None:
    rules = [rule for result in flagged.values() for rule in result.matched]
    severity = max(
        (result.severity for result in flagged.values() if result.severity),
        key=SEVERITY_RANK.__getitem__,
    )
    await queue_item(
        session, ItemType.profile, user.id, source=QueueSource.auto, severity=severity, rules=rules
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
