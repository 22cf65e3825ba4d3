"""Moderation rules: admin changes, and the compiled matcher every request matches against.

Compiling thousands of rules takes a while, so each server process keeps one compiled
``Matcher`` per database. A rule change writes a fresh token into the one-row
``moderation_rule_set`` table; a process compares its token with that row at most every
``REFRESH_SECONDS`` (one primary-key read) and recompiles only when it differs, so a change
reaches every process within seconds while the hot path stays a dictionary lookup.
"""

from __future__ import annotations

import asyncio
import math
import time
import unicodedata
import uuid
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, cast

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from daira.audit.service import record
from daira.config import get_settings
from daira.core.errors import Conflict, NotFound, ValidationFailed
from daira.models import ModerationClassifierStats, ModerationRule, ModerationRuleSet, User
from daira.models.base import utcnow
from daira.moderation.classifier import Classifier
from daira.moderation.matcher import (
    ACTIONS,
    SEVERITIES,
    Action,
    Matcher,
    MatchKind,
    MatchResult,
    RuleSpec,
    Severity,
    validate_pattern,
)
from daira.moderation.verdict import Verdict, classifier_for, judge

REFRESH_SECONDS = 2.0
_RULE_SET_ID = 1


def rule_spec(rule: ModerationRule) -> RuleSpec:
    return RuleSpec(
        id=rule.id,
        pattern=rule.pattern,
        match=cast(MatchKind, rule.match),
        severity=cast(Severity, rule.severity),
        action=cast(Action, rule.action),
    )


def rule_snapshot(rule: RuleSpec) -> dict[str, Any]:
    """What a queue entry keeps of a matched rule, which may change before review."""
    return {
        "id": rule.id,
        "pattern": rule.pattern,
        "match": rule.match,
        "severity": rule.severity,
        "action": rule.action,
    }


async def enabled_rules(session: AsyncSession) -> list[RuleSpec]:
    rows = await session.scalars(
        select(ModerationRule).where(ModerationRule.enabled.is_(True)).order_by(ModerationRule.id)
    )
    return [rule_spec(rule) for rule in rows]


async def load_rules_from_db() -> list[RuleSpec]:
    """The enabled rules of the configured database (for ``daira rules test``)."""
    from daira.config import get_settings
    from daira.core.db import make_engine, make_sessionmaker

    engine = make_engine(get_settings())
    try:
        async with make_sessionmaker(engine)() as session:
            return await enabled_rules(session)
    finally:
        await engine.dispose()


# -- the per-process compiled matcher -----------------------------------------------------


@dataclass
class _Compiled:
    token: str | None = None
    matcher: Matcher = field(default_factory=Matcher.empty)
    checked_at: float = -math.inf
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


# Keyed by engine so that apps on different databases (tests, tools) never share rules.
_compiled: weakref.WeakKeyDictionary[Engine, _Compiled] = weakref.WeakKeyDictionary()


def _slot(session: AsyncSession) -> _Compiled:
    engine = cast(Engine, session.get_bind())
    slot = _compiled.get(engine)
    if slot is None:
        slot = _compiled[engine] = _Compiled()
    return slot


async def _rules_token(session: AsyncSession) -> str | None:
    return await session.scalar(
        select(ModerationRuleSet.token).where(ModerationRuleSet.id == _RULE_SET_ID)
    )


async def current_matcher(session: AsyncSession) -> Matcher:
    """The compiled enabled rules, re-read when another process (or this one) changed them."""
    slot = _slot(session)
    if time.monotonic() - slot.checked_at < REFRESH_SECONDS:
        return slot.matcher
    async with slot.lock:
        if time.monotonic() - slot.checked_at < REFRESH_SECONDS:
            return slot.matcher
        token = await _rules_token(session)
        if token is None or token != slot.token:
            specs = await enabled_rules(session)
            # Compiling is CPU work: keep the event loop serving other requests meanwhile.
            slot.matcher = await asyncio.to_thread(Matcher, specs, skip_invalid=True)
            slot.token = token
        slot.checked_at = time.monotonic()
    return slot.matcher


# The classifier each app decides with (create_app registers it from its settings), keyed by
# engine like the matchers; sessions of an unregistered engine use the process's settings.
_classifiers: weakref.WeakKeyDictionary[Engine, Classifier | None] = weakref.WeakKeyDictionary()


def use_classifier(engine: AsyncEngine, classifier: Classifier | None) -> None:
    _classifiers[engine.sync_engine] = classifier


def current_classifier(session: AsyncSession) -> Classifier | None:
    engine = cast(Engine, session.get_bind())
    if engine in _classifiers:
        return _classifiers[engine]
    return classifier_for(get_settings())


async def moderate_text(session: AsyncSession, text: str) -> Verdict:
    """The rules' decision on ``text``, with the classifier's opinion (see ``judge``)."""
    matcher = await current_matcher(session)
    return judge(matcher, current_classifier(session), text)


async def count_hits(session: AsyncSession, result: MatchResult) -> None:
    ids = [rule.id for rule in result.matched if isinstance(rule.id, int)]
    if ids:
        await session.execute(
            update(ModerationRule)
            .where(ModerationRule.id.in_(ids))
            .values(hits=ModerationRule.hits + 1)
            .execution_options(synchronize_session=False)
        )


ClassifierCounter = Literal["hits", "upheld", "rejected"]


async def bump_classifier_stats(
    session: AsyncSession, language: str, counter: ClassifierCounter
) -> None:
    """Add one to the classifier's ``counter`` for ``language`` (the row appears on first use)."""
    column = getattr(ModerationClassifierStats, counter)
    statement = (
        update(ModerationClassifierStats)
        .where(ModerationClassifierStats.language == language)
        .values({counter: column + 1})
        .execution_options(synchronize_session=False)
    )
    if getattr(await session.execute(statement), "rowcount", 0):
        return
    row = ModerationClassifierStats(language=language, hits=0, upheld=0, rejected=0)
    setattr(row, counter, 1)
    try:
        async with session.begin_nested():
            session.add(row)
    except IntegrityError:
        # Another request created the row first: count on it.
        await session.execute(statement)


async def count_classifier_hit(session: AsyncSession, language: str) -> None:
    await bump_classifier_stats(session, language, "hits")


async def classifier_stats(session: AsyncSession) -> list[ModerationClassifierStats]:
    rows = await session.scalars(
        select(ModerationClassifierStats).order_by(ModerationClassifierStats.language)
    )
    return list(rows)


async def rules_changed(session: AsyncSession) -> None:
    """Give the rule set a new token, so every process recompiles on its next check."""
    token = uuid.uuid4().hex
    updated = await session.execute(
        update(ModerationRuleSet).where(ModerationRuleSet.id == _RULE_SET_ID).values(token=token)
    )
    if getattr(updated, "rowcount", 0) == 0:
        try:
            async with session.begin_nested():
                session.add(ModerationRuleSet(id=_RULE_SET_ID, token=token))
        except IntegrityError:
            await session.execute(
                update(ModerationRuleSet)
                .where(ModerationRuleSet.id == _RULE_SET_ID)
                .values(token=token)
            )
    # This process need not wait for its next check to see its own change.
    _slot(session).checked_at = -math.inf


# -- admin changes ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RuleChange:
    pattern: str | None = None
    match: str | None = None
    severity: str | None = None
    action: str | None = None
    enabled: bool | None = None


def pattern_problem(match: str, pattern: str) -> str | None:
    """Why `pattern` cannot be stored as a rule of kind `match`, or None."""
    if any(unicodedata.category(c) == "Cc" for c in pattern):
        return "pattern cannot contain control characters"
    return validate_pattern(match, pattern)


def _check_rule(pattern: str, match: str, severity: str, action: str) -> None:
    if error := pattern_problem(match, pattern):
        field_name = "match" if "match must" in error else "pattern"
        raise ValidationFailed(field_name, error, code="invalid_rule")
    if severity not in SEVERITIES:
        raise ValidationFailed(
            "severity", f"severity must be one of {', '.join(SEVERITIES)}", code="invalid_rule"
        )
    if action not in ACTIONS:
        raise ValidationFailed(
            "action", f"action must be one of {', '.join(ACTIONS)}", code="invalid_rule"
        )


def _duplicate() -> Conflict:
    return Conflict("A rule with this pattern and match already exists.", code="rule_exists")


class RuleService:
    def __init__(self, session: AsyncSession) -> None:
        self.db = session

    async def get(self, rule_id: int) -> ModerationRule:
        rule = await self.db.get(ModerationRule, rule_id)
        if rule is None:
            raise NotFound("No such moderation rule.", code="rule_not_found")
        return rule

    async def _save(self, rule: ModerationRule) -> None:
        try:
            async with self.db.begin_nested():
                self.db.add(rule)
                await self.db.flush()
        except IntegrityError:
            raise _duplicate() from None

    async def create(
        self,
        actor: User | None,
        *,
        pattern: str,
        match: str,
        severity: str,
        action: str,
        enabled: bool = True,
        ip: str | None = None,
    ) -> ModerationRule:
        pattern = pattern.strip()
        _check_rule(pattern, match, severity, action)
        rule = ModerationRule(
            pattern=pattern,
            match=match,
            severity=severity,
            action=action,
            enabled=enabled,
            hits=0,
            upheld=0,
            rejected=0,
            created_by=actor.id if actor else None,
        )
        await self._save(rule)
        await rules_changed(self.db)
        await record(
            self.db,
            "moderation.rule_created",
            actor_id=actor.id if actor else None,
            target_type="rule",
            target_id=rule.id,
            ip=ip,
            data={
                "pattern": pattern,
                "match": match,
                "severity": severity,
                "action": action,
                "enabled": enabled,
            },
        )
        return rule

    async def update(
        self, actor: User, rule_id: int, change: RuleChange, *, ip: str | None = None
    ) -> ModerationRule:
        rule = await self.get(rule_id)
        before = {
            "pattern": rule.pattern,
            "match": rule.match,
            "severity": rule.severity,
            "action": rule.action,
            "enabled": rule.enabled,
        }
        pattern = change.pattern.strip() if change.pattern is not None else rule.pattern
        match = change.match or rule.match
        severity = change.severity or rule.severity
        action = change.action or rule.action
        _check_rule(pattern, match, severity, action)
        rule.pattern, rule.match, rule.severity, rule.action = pattern, match, severity, action
        if change.enabled is not None:
            rule.enabled = change.enabled
        after = {
            "pattern": rule.pattern,
            "match": rule.match,
            "severity": rule.severity,
            "action": rule.action,
            "enabled": rule.enabled,
        }
        if after == before:
            return rule
        rule.updated_at = utcnow()
        await self._save(rule)
        await rules_changed(self.db)
        changed = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
        await record(
            self.db,
            "moderation.rule_updated",
            actor_id=actor.id,
            target_type="rule",
            target_id=rule.id,
            ip=ip,
            data={"changed": changed},
        )
        return rule

    async def delete(self, actor: User, rule_id: int, *, ip: str | None = None) -> None:
        rule = await self.get(rule_id)
        await record(
            self.db,
            "moderation.rule_deleted",
            actor_id=actor.id,
            target_type="rule",
            target_id=rule.id,
            ip=ip,
            data={
                "pattern": rule.pattern,
                "match": rule.match,
                "severity": rule.severity,
                "action": rule.action,
            },
        )
        await self.db.delete(rule)
        await self.db.flush()
        await rules_changed(self.db)

    async def import_rules(self, specs: Sequence[RuleSpec], *, source: str) -> tuple[int, int]:
        """Add the rules not stored yet (same pattern and match); (added, already there)."""
        rows = await self.db.execute(select(ModerationRule.match, ModerationRule.pattern))
        existing = {(match, pattern) for match, pattern in rows}
        added = 0
        for spec in specs:
            key = (spec.match, spec.pattern.strip())
            if key in existing:
                continue
            existing.add(key)
            self.db.add(
                ModerationRule(
                    pattern=key[1],
                    match=spec.match,
                    severity=spec.severity,
                    action=spec.action,
                    enabled=True,
                    hits=0,
                    upheld=0,
                    rejected=0,
                )
            )
            added += 1
        if added:
            await self.db.flush()
            await rules_changed(self.db)
            await record(
                self.db,
                "moderation.rules_imported",
                actor_id=None,
                target_type="rule",
                data={"source": source, "added": added},
            )
        return added, len(specs) - added
