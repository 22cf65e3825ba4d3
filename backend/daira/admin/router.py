"""HTTP layer of /admin: moderators and admins; account, role and rule changes admins only."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response, status

from daira.admin.schemas import (
    AdminUserOut,
    AuditEntryOut,
    AuditVerifyOut,
    ClassifierOut,
    ClassifierStatusOut,
    DisableIn,
    MatchedRuleOut,
    QueueEntryOut,
    ReasonIn,
    RoleIn,
    RuleIn,
    RuleOut,
    RulePatch,
    RuleTestIn,
    RuleTestOut,
    StatsOut,
)
from daira.admin.service import AdminService, rule_out, user_out
from daira.audit.service import verify_chain
from daira.auth.deps import AdminUser, ModeratorUser
from daira.core.context import ClientDep
from daira.core.db import SessionDep
from daira.core.ids import RowId
from daira.core.pagination import CursorParam, LimitParam, Page
from daira.models import QueueStatus
from daira.moderation.review import ReviewService
from daira.moderation.service import RuleChange, RuleService, moderate_text, rule_snapshot

router = APIRouter(prefix="/admin", tags=["admin"])

NO_NUL = r"^[^\x00]*$"  # PostgreSQL text cannot hold NUL


def get_service(request: Request, db: SessionDep) -> AdminService:
    return AdminService(db, request.app.state.settings)


def get_review(request: Request, db: SessionDep) -> ReviewService:
    return ReviewService(db, request.app.state.settings)


Service = Annotated[AdminService, Depends(get_service)]
Review = Annotated[ReviewService, Depends(get_review)]


# -- users ----------------------------------------------------------------------------------


@router.get("/users")
async def search_users(
    _: ModeratorUser,
    service: Service,
    search: Annotated[
        str, Query(max_length=320, pattern=NO_NUL, description="Email or username prefix.")
    ] = "",
    cursor: CursorParam = None,
    limit: LimitParam = 20,
) -> Page[AdminUserOut]:
    return await service.search_users(search, cursor, limit)


@router.post("/users/{user_id}/disable")
async def disable_user(
    user_id: RowId, body: DisableIn, admin: AdminUser, service: Service, client: ClientDep
) -> AdminUserOut:
    return user_out(await service.disable_user(admin, user_id, body.reason, client.ip))


@router.post("/users/{user_id}/end-sessions")
async def end_user_sessions(
    user_id: RowId, body: DisableIn, admin: AdminUser, service: Service, client: ClientDep
) -> AdminUserOut:
    return user_out(await service.end_sessions(admin, user_id, body.reason, client.ip))


@router.post("/users/{user_id}/enable")
async def enable_user(
    user_id: RowId,
    admin: AdminUser,
    service: Service,
    client: ClientDep,
    body: ReasonIn | None = None,
) -> AdminUserOut:
    reason = body.reason if body else None
    return user_out(await service.enable_user(admin, user_id, reason, client.ip))


@router.patch("/users/{user_id}")
async def change_user(
    user_id: RowId, body: RoleIn, admin: AdminUser, service: Service, client: ClientDep
) -> AdminUserOut:
    return user_out(await service.change_role(admin, user_id, body.role, body.reason, client.ip))


# -- the review queue ------------------------------------------------------------------------


@router.get("/moderation-queue")
async def moderation_queue(
    _: ModeratorUser,
    service: Service,
    status: QueueStatus = QueueStatus.pending,
    cursor: CursorParam = None,
    limit: LimitParam = 20,
) -> Page[QueueEntryOut]:
    return await service.queue(status, cursor, limit)


@router.post("/moderation-queue/{entry_id}/{decision}")
async def decide(
    entry_id: RowId,
    decision: Literal["approve", "remove"],
    moderator: ModeratorUser,
    review: Review,
    service: Service,
    client: ClientDep,
    body: ReasonIn | None = None,
) -> QueueEntryOut:
    """Approve (restore the item, dismiss its reports) or remove (erase it, keep a tombstone)."""
    act = review.approve if decision == "approve" else review.remove
    entry = await act(moderator, entry_id, reason=body.reason if body else None, ip=client.ip)
    return (await service.present_entries([entry]))[0]


# -- rules -----------------------------------------------------------------------------------


@router.get("/moderation-rules")
async def list_rules(
    _: ModeratorUser, service: Service, cursor: CursorParam = None, limit: LimitParam = 20
) -> Page[RuleOut]:
    return await service.rules(cursor, limit)


@router.post("/moderation-rules", status_code=status.HTTP_201_CREATED)
async def create_rule(body: RuleIn, admin: AdminUser, db: SessionDep, client: ClientDep) -> RuleOut:
    rule = await RuleService(db).create(
        admin,
        pattern=body.pattern,
        match=body.match,
        severity=body.severity,
        action=body.action,
        enabled=body.enabled,
        ip=client.ip,
    )
    return rule_out(rule)


@router.post("/moderation-rules/test")
async def try_rules(body: RuleTestIn, _: ModeratorUser, db: SessionDep) -> RuleTestOut:
    """What moderation would decide for this text (rules, then the classifier), saving nothing."""
    verdict = await moderate_text(db, body.text)
    opinion = verdict.classifier
    return RuleTestOut(
        matched=[MatchedRuleOut(**rule_snapshot(rule)) for rule in verdict.matched],
        patterns=verdict.patterns,
        action=verdict.action,
        severity=verdict.severity,
        classifier=ClassifierOut(**opinion.snapshot()) if opinion else None,
    )


@router.get("/moderation-classifier")
async def classifier_status(_: ModeratorUser, service: Service) -> ClassifierStatusOut:
    """The classifier's model, thresholds and per-language precision from moderators' decisions."""
    return await service.classifier()


@router.get("/moderation-rules/{rule_id:int}")
async def get_rule(rule_id: RowId, _: ModeratorUser, db: SessionDep) -> RuleOut:
    return rule_out(await RuleService(db).get(rule_id))


@router.patch("/moderation-rules/{rule_id:int}")
async def update_rule(
    rule_id: RowId, body: RulePatch, admin: AdminUser, db: SessionDep, client: ClientDep
) -> RuleOut:
    change = RuleChange(
        pattern=body.pattern,
        match=body.match,
        severity=body.severity,
        action=body.action,
        enabled=body.enabled,
    )
    return rule_out(await RuleService(db).update(admin, rule_id, change, ip=client.ip))


@router.delete("/moderation-rules/{rule_id:int}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_rule(
    rule_id: RowId, admin: AdminUser, db: SessionDep, client: ClientDep
) -> Response:
    await RuleService(db).delete(admin, rule_id, ip=client.ip)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# -- audit log and stats -----------------------------------------------------------------------


@router.get("/audit-log")
async def audit_log(
    _: ModeratorUser,
    service: Service,
    actor: Annotated[
        str | None, Query(max_length=64, pattern=NO_NUL, description="Username or user id.")
    ] = None,
    action: Annotated[str | None, Query(max_length=64, pattern=NO_NUL)] = None,
    cursor: CursorParam = None,
    limit: LimitParam = 20,
) -> Page[AuditEntryOut]:
    return await service.audit_log(actor, action, cursor, limit)


@router.get("/audit-log/verify")
async def verify_audit_log(_: ModeratorUser, db: SessionDep) -> AuditVerifyOut:
    report = await verify_chain(db)
    return AuditVerifyOut(
        intact=report.intact,
        checked=report.checked,
        first_bad_id=report.first_bad_id,
        problem=report.problem,
    )


@router.get("/stats")
async def stats(_: ModeratorUser, service: Service) -> StatsOut:
    return await service.stats()
