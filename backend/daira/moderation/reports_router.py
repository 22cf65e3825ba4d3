"""HTTP layer of POST /posts/{id}/report and POST /comments/{id}/report."""

from __future__ import annotations

from fastapi import APIRouter, Request, status

from daira.auth.deps import CurrentUser, limit_by_user
from daira.core.context import ClientDep
from daira.core.db import SessionDep
from daira.core.ids import RowId
from daira.models import ItemType
from daira.moderation.reports import report_item
from daira.moderation.schemas import ReportIn, ReportOut

router = APIRouter(tags=["reports"])


async def _file(
    request: Request,
    db: SessionDep,
    user: CurrentUser,
    client: ClientDep,
    item_type: ItemType,
    item_id: int,
    body: ReportIn,
) -> ReportOut:
    report = await report_item(
        db,
        request.app.state.settings,
        user,
        item_type,
        item_id,
        body.reason,
        body.details,
        ip=client.ip,
    )
    return ReportOut(
        id=report.id,
        item_type=str(report.item_type),
        item_id=report.item_id,
        reason=report.reason,
        details=report.details,
        created_at=report.created_at,
    )


@router.post(
    "/posts/{post_id}/report",
    status_code=status.HTTP_201_CREATED,
    dependencies=[limit_by_user("reports_user", "report")],
)
async def report_post(
    post_id: RowId,
    body: ReportIn,
    user: CurrentUser,
    db: SessionDep,
    client: ClientDep,
    request: Request,
) -> ReportOut:
    return await _file(request, db, user, client, ItemType.post, post_id, body)


@router.post(
    "/comments/{comment_id}/report",
    status_code=status.HTTP_201_CREATED,
    dependencies=[limit_by_user("reports_user", "report")],
)
async def report_comment(
    comment_id: RowId,
    body: ReportIn,
    user: CurrentUser,
    db: SessionDep,
    client: ClientDep,
    request: Request,
) -> ReportOut:
    return await _file(request, db, user, client, ItemType.comment, comment_id, body)
