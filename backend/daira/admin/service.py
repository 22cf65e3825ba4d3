"""The admin area's rules: user search and account actions, the queue view, audit log, stats."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from daira.admin import repository as repo
from daira.admin.schemas import (
    AdminUserOut,
    AuditEntryOut,
    AuthorOut,
    ClassifierLanguageOut,
    ClassifierOut,
    ClassifierStatusOut,
    ClassifierThresholdsOut,
    MatchedRuleOut,
    QueueEntryOut,
    QueueItemOut,
    ReportOut,
    ReportsOut,
    RuleOut,
    StatsOut,
)
from daira.audit.service import record
from daira.auth.service import AuthService
from daira.config import Settings
from daira.core.errors import Forbidden, NotFound
from daira.core.pagination import Page, decode_cursor, encode_cursor
from daira.models import (
    Comment,
    ItemType,
    ModerationRule,
    Post,
    QueueEntry,
    QueueStatus,
    Role,
    User,
)
from daira.models.base import utcnow
from daira.moderation.service import classifier_stats, current_classifier
from daira.notifications.service import signal_visibility_changed


def user_out(user: User) -> AdminUserOut:
    return AdminUserOut(
        id=user.id,
        email=user.email,
        username=user.username,
        display_name=user.display_name,
        role=Role(user.role),
        verified=user.is_verified,
        disabled=user.is_disabled,
        disabled_reason=user.disabled_reason,
        totp_enabled=user.totp_enabled,
        created_at=user.created_at,
        last_login=user.last_login_at,
    )


def rule_out(rule: ModerationRule) -> RuleOut:
    decided = rule.upheld + rule.rejected
    return RuleOut(
        id=rule.id,
        pattern=rule.pattern,
        match=rule.match,
        severity=rule.severity,
        action=rule.action,
        enabled=rule.enabled,
        hits=rule.hits,
        upheld=rule.upheld,
        rejected=rule.rejected,
        precision=round(rule.upheld / decided, 4) if decided else None,
        created_at=rule.created_at,
        updated_at=rule.updated_at,
        created_by=rule.created_by,
    )


def _time_and_id(row: Any) -> tuple[datetime, int]:
    return row.created_at, row.id


def _next(
    rows: Sequence[Any],
    limit: int,
    key: Callable[[Any], tuple[datetime, int]] = _time_and_id,
) -> str | None:
    """The cursor after a page; queries fetch one row more than `limit` to tell more follow."""
    if len(rows) <= limit:
        return None
    return encode_cursor(*key(rows[limit - 1]))


def _author(user: User | None) -> AuthorOut | None:
    if user is None:
        return None
    return AuthorOut(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        disabled=user.is_disabled,
    )


class AdminService:
    def __init__(self, session: AsyncSession, settings: Settings) -> None:
        self.db = session
        self.settings = settings

    # -- users ----------------------------------------------------------------------------

    async def search_users(self, search: str, cursor: str | None, limit: int) -> Page[AdminUserOut]:
        rows = await repo.search_users(self.db, search, decode_cursor(cursor), limit)
        return Page(items=[user_out(u) for u in rows[:limit]], next_cursor=_next(rows, limit))

    async def _user(self, user_id: int) -> User:
        user = await self.db.get(User, user_id)
        if user is None:
            raise NotFound("No such user.", code="user_not_found")
        return user

    async def _audit_user(
        self,
        action: str,
        actor: User,
        user: User,
        reason: str | None,
        ip: str,
        data: dict[str, Any] | None = None,
    ) -> None:
        """Every admin action on an account is audited the same way, in the same transaction."""
        await record(
            self.db,
            action,
            actor_id=actor.id,
            target_type="user",
            target_id=user.id,
            reason=reason,
            ip=ip,
            data=data,
        )

    async def disable_user(self, actor: User, user_id: int, reason: str, ip: str) -> User:
        if user_id == actor.id:
            raise Forbidden("You cannot disable your own account.", code="cannot_disable_self")
        user = await self._user(user_id)
        if user.disabled_at is None:
            user.disabled_at = utcnow()
            user.disabled_reason = reason
            await signal_visibility_changed(self.db, actor_id=user.id)
            # Access tokens name their session, so this ends every one on its next request.
            await AuthService(self.db, self.settings).revoke_all_sessions(user.id)
            await self._audit_user("admin.user_disabled", actor, user, reason, ip)
        return user

    async def end_sessions(self, actor: User, user_id: int, reason: str, ip: str) -> User:
        """Sign a user out everywhere without disabling the account (ASVS 7.4.5)."""
        user = await self._user(user_id)
        await AuthService(self.db, self.settings).revoke_all_sessions(user.id)
        await self._audit_user("admin.user_sessions_ended", actor, user, reason, ip)
        return user

    async def enable_user(self, actor: User, user_id: int, reason: str | None, ip: str) -> User:
        user = await self._user(user_id)
        if user.disabled_at is not None:
            user.disabled_at = None
            user.disabled_reason = None
            await signal_visibility_changed(self.db, actor_id=user.id)
            await self._audit_user("admin.user_enabled", actor, user, reason, ip)
        return user

    async def change_role(
        self, actor: User, user_id: int, role: Role, reason: str | None, ip: str
    ) -> User:
        if user_id == actor.id and role is not Role(actor.role):
            raise Forbidden("You cannot change your own role.", code="cannot_change_own_role")
        user = await self._user(user_id)
        previous = Role(user.role)
        if previous is not role:
            user.role = role
            await self._audit_user(
                "admin.role_changed",
                actor,
                user,
                reason,
                ip,
                data={"from": previous.value, "to": role.value},
            )
        return user

    # -- the review queue -------------------------------------------------------------------

    async def queue(
        self, status: QueueStatus, cursor: str | None, limit: int
    ) -> Page[QueueEntryOut]:
        rows = await repo.queue_page(self.db, status, decode_cursor(cursor), limit)
        pending = status is QueueStatus.pending
        next_cursor = _next(
            rows, limit, lambda e: (e.created_at if pending else e.resolved_at, e.id)
        )
        return Page(items=await self.present_entries(rows[:limit]), next_cursor=next_cursor)

    async def present_entries(self, entries: Sequence[QueueEntry]) -> list[QueueEntryOut]:
        """Entries with their items and reports, in a fixed number of queries."""
        ids_of = {t: [e.item_id for e in entries if e.item_type == t] for t in ItemType}
        posts = await repo.posts_by_id(self.db, ids_of[ItemType.post])
        comments = await repo.comments_by_id(self.db, ids_of[ItemType.comment])
        reports = await repo.reports_of(self.db, [e.id for e in entries])
        author_ids = [p.author_id for p in posts.values()] + [
            c.author_id for c in comments.values()
        ]
        users = await repo.users_by_id(self.db, author_ids + ids_of[ItemType.profile])
        by_entry: dict[int, list[ReportOut]] = {}
        for report in reports:
            by_entry.setdefault(report.queue_entry_id, []).append(
                ReportOut(
                    reason=str(report.reason),
                    details=report.details,
                    reporter_id=report.reporter_id,
                    created_at=report.created_at,
                )
            )
        out = []
        for entry in entries:
            items = by_entry.get(entry.id, [])
            out.append(
                QueueEntryOut(
                    id=entry.id,
                    item_type=str(entry.item_type),
                    item_id=entry.item_id,
                    item=self._item_out(entry, posts, comments, users),
                    status=str(entry.status),
                    source=str(entry.source),
                    severity=entry.severity,
                    matched_rules=[MatchedRuleOut(**r) for r in entry.matched_rules],
                    classifier=ClassifierOut(**entry.classifier) if entry.classifier else None,
                    reports=ReportsOut(
                        count=len(items),
                        reasons=dict(Counter(r.reason for r in items)),
                        items=items,
                    ),
                    report_count=entry.report_count,
                    created_at=entry.created_at,
                    resolved_at=entry.resolved_at,
                    resolved_by=entry.resolved_by,
                    decision=None if entry.decision is None else str(entry.decision),
                )
            )
        return out

    @staticmethod
    def _item_out(
        entry: QueueEntry,
        posts: dict[int, Post],
        comments: dict[int, Comment],
        users: dict[int, User],
    ) -> QueueItemOut | None:
        content: Post | Comment | None
        if entry.item_type == ItemType.profile:
            user = users.get(entry.item_id)
            if user is None:
                return None
            return QueueItemOut(
                type="profile",
                id=user.id,
                content=user.bio,
                author=_author(user),
                moderation_status=None,
                created_at=user.created_at,
                deleted=False,
                username=user.username,
                display_name=user.display_name,
                bio=user.bio,
            )
        content = (posts if entry.item_type == ItemType.post else comments).get(entry.item_id)
        if content is None:
            return None
        return QueueItemOut(
            type=str(entry.item_type),
            id=content.id,
            content=content.content,
            author=_author(users.get(content.author_id)),
            moderation_status=str(content.moderation_status),
            created_at=content.created_at,
            deleted=content.deleted_at is not None,
            post_id=content.post_id if isinstance(content, Comment) else None,
        )

    # -- audit log and stats ----------------------------------------------------------------

    async def audit_log(
        self, actor: str | None, action: str | None, cursor: str | None, limit: int
    ) -> Page[AuditEntryOut]:
        after = decode_cursor(cursor)
        actor_id: int | None = None
        if actor:
            actor_id = await repo.user_id_by_name(self.db, actor.strip())
            if actor_id is None and actor.strip().isdigit():
                actor_id = int(actor.strip())
            if actor_id is None:
                return Page(items=[], next_cursor=None)
        rows = await repo.audit_page(
            self.db,
            actor_id=actor_id,
            action=action or None,
            before_id=after[1] if after else None,
            limit=limit,
        )
        items = [
            AuditEntryOut(
                id=e.id,
                created_at=e.created_at,
                actor_id=e.actor_id,
                actor_username=username,
                action=e.action,
                target_type=e.target_type,
                target_id=e.target_id,
                reason=e.reason,
                ip=e.ip,
                data=e.data,
                prev_hash=e.prev_hash,
                hash=e.hash,
            )
            for e, username in rows[:limit]
        ]
        return Page(items=items, next_cursor=_next(rows, limit, lambda r: _time_and_id(r[0])))

    async def stats(self) -> StatsOut:
        return StatsOut(**await repo.stats(self.db))

    async def classifier(self) -> ClassifierStatusOut:
        """The classifier's thresholds and, per language, how moderators judged its catches."""
        classifier = current_classifier(self.db)
        stats = {row.language: row for row in await classifier_stats(self.db)}
        languages = []
        for language, limits in (classifier.thresholds if classifier else {}).items():
            row = stats.get(language)
            hits, upheld, rejected = (row.hits, row.upheld, row.rejected) if row else (0, 0, 0)
            decided = upheld + rejected
            languages.append(
                ClassifierLanguageOut(
                    language=language,
                    thresholds=ClassifierThresholdsOut(flag=limits.flag, hide=limits.hide),
                    hits=hits,
                    upheld=upheld,
                    rejected=rejected,
                    precision=round(upheld / decided, 4) if decided else None,
                )
            )
        return ClassifierStatusOut(
            enabled=classifier is not None,
            sha256=classifier.sha256 if classifier else None,
            languages=languages,
        )

    async def rules(self, cursor: str | None, limit: int) -> Page[RuleOut]:
        rows = await repo.rules_page(self.db, decode_cursor(cursor), limit)
        return Page(items=[rule_out(r) for r in rows[:limit]], next_cursor=_next(rows, limit))
