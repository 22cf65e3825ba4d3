"""Users reporting posts and comments: one report per user and item, grouped per item."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from daira.audit.service import record
from daira.config import Settings
from daira.core.errors import Conflict, NotFound, ValidationFailed
from daira.models import (
    Comment,
    ItemType,
    ModerationStatus,
    Post,
    QueueSource,
    Report,
    ReportReason,
    User,
)
from daira.moderation.queue import REASON_SEVERITY, queue_item
from daira.notifications.service import signal_content_changed
from daira.posts.repository import CommentAuthor, comment_visibility, get_visible_post


async def _visible_comment(session: AsyncSession, viewer: User, comment_id: int) -> Comment | None:
    return await session.scalar(
        select(Comment)
        .join(CommentAuthor, CommentAuthor.id == Comment.author_id)
        .where(Comment.id == comment_id, comment_visibility(viewer.id))
    )


async def _reportable(
    session: AsyncSession, reporter: User, item_type: ItemType, item_id: int
) -> Post | Comment:
    item: Post | Comment | None
    if item_type is ItemType.post:
        item = await get_visible_post(session, reporter, item_id)
    else:
        item = await _visible_comment(session, reporter, item_id)
    if item is None:
        raise NotFound(
            f"This {item_type} does not exist or is no longer available.",
            code=f"{item_type}_not_found",
        )
    return item


def _already_reported(item_type: ItemType) -> Conflict:
    return Conflict(f"You have already reported this {item_type}.", code="already_reported")


async def report_item(
    session: AsyncSession,
    settings: Settings,
    reporter: User,
    item_type: ItemType,
    item_id: int,
    reason: ReportReason,
    details: str | None,
    *,
    ip: str | None = None,
) -> Report:
    """File a report; the item's queue entry counts it, and enough reporters hide the item."""
    item = await _reportable(session, reporter, item_type, item_id)
    if item.author_id == reporter.id:
        raise ValidationFailed(
            "item", f"You cannot report your own {item_type}.", code="cannot_report_own"
        )
    already = await session.scalar(
        select(Report.id).where(
            Report.reporter_id == reporter.id,
            Report.item_type == item_type,
            Report.item_id == item_id,
        )
    )
    if already is not None:
        raise _already_reported(item_type)
    entry = await queue_item(
        session, item_type, item_id, source=QueueSource.report, severity=REASON_SEVERITY[reason]
    )
    report = Report(
        reporter_id=reporter.id,
        item_type=item_type,
        item_id=item_id,
        reason=reason,
        details=details or None,
        queue_entry_id=entry.id,
    )
    try:
        async with session.begin_nested():
            session.add(report)
            await session.flush()
    except IntegrityError:
        raise _already_reported(item_type) from None
    # The entry row is locked (queue_item), so concurrent reports count one after another.
    entry.report_count += 1
    if (
        entry.report_count >= settings.report_hide_threshold
        and item.moderation_status == ModerationStatus.visible
    ):
        item.moderation_status = ModerationStatus.hidden
        await signal_content_changed(session, item)
        await record(
            session,
            "moderation.auto_hidden_by_reports",
            actor_id=None,
            target_type=str(item_type),
            target_id=item_id,
            ip=ip,
            data={"reports": entry.report_count, "queue_entry_id": entry.id},
        )
    await session.flush()
    return report
