"""HTTP layer of /notifications: the list, the unread count, marking read, the live stream."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Response, status
from fastapi.sse import EventSourceResponse, ServerSentEvent

from daira.auth.deps import AuthDep, CurrentUser
from daira.config import Settings
from daira.core.db import ReadSessionsDep, SessionDep
from daira.core.pagination import CursorParam, LimitParam, Page, decode_cursor, encode_cursor
from daira.core.pubsub import BrokerDep
from daira.core.settings import SettingsDep
from daira.media.storage import avatar_url
from daira.notifications.schemas import MarkReadIn, NotificationOut, UnreadCountOut
from daira.notifications.service import NotificationService, unread_states
from daira.posts.schemas import AuthorOut

router = APIRouter(prefix="/notifications", tags=["notifications"])

# How long a browser waits before reconnecting a dropped stream.
RETRY_MILLISECONDS = 3000


def get_service(db: SessionDep) -> NotificationService:
    return NotificationService(db)


Service = Annotated[NotificationService, Depends(get_service)]


def _out(settings: Settings, row: Any) -> NotificationOut:
    actor = (
        AuthorOut(
            username=row.actor_username,
            display_name=row.actor_display_name,
            avatar_url=avatar_url(settings, row.actor_avatar_key),
        )
        if row.actor_username is not None
        else None
    )
    return NotificationOut(
        id=row.id,
        kind=row.kind,
        actor=actor,
        post_id=row.post_id,
        comment_id=row.comment_id,
        outcome=row.outcome,
        created_at=row.created_at,
        read=row.read_at is not None,
    )


@router.get("", summary="Your notifications, newest first")
async def list_notifications(
    user: CurrentUser,
    service: Service,
    settings: SettingsDep,
    limit: LimitParam = 20,
    cursor: CursorParam = None,
) -> Page[NotificationOut]:
    rows = await service.page(user, decode_cursor(cursor), limit)
    items = rows[:limit]
    return Page(
        items=[_out(settings, row) for row in items],
        next_cursor=(
            encode_cursor(items[-1].created_at, items[-1].id) if len(rows) > limit else None
        ),
    )


@router.get("/unread-count")
async def unread_count(user: CurrentUser, service: Service) -> UnreadCountOut:
    return UnreadCountOut(count=(await service.unread(user)).count)


@router.post(
    "/read",
    status_code=status.HTTP_204_NO_CONTENT,
    description="Marks every notification read, or with `up_to_id` that one and older ones.",
)
async def mark_read(
    user: CurrentUser, service: Service, body: MarkReadIn | None = None
) -> Response:
    await service.mark_read(user, body.up_to_id if body else None)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/stream",
    response_class=EventSourceResponse,
    description=(
        'Server-Sent Events. An `unread` event (data `{"count": n}`) on connecting and '
        "whenever the unread count changes; a comment line as heartbeat. Each event's id "
        "names the state: reconnecting with `Last-Event-ID` skips the first event when "
        "nothing changed meanwhile. The stream ends when the sign-in session does (logout, "
        "revocation, a disabled account), at the latest one heartbeat later."
    ),
)
async def stream(
    auth: AuthDep,
    sessions: ReadSessionsDep,
    broker: BrokerDep,
    settings: SettingsDep,
    last_event_id: Annotated[str | None, Header(max_length=100)] = None,
) -> AsyncIterator[ServerSentEvent]:
    sent = last_event_id
    states = unread_states(
        sessions, broker, auth.user, auth.session.id, settings.notifications_heartbeat_seconds
    )
    async for state in states:
        if state is None:
            yield ServerSentEvent(comment="heartbeat")
        elif state.event_id != sent:
            sent = state.event_id
            yield ServerSentEvent(
                event="unread",
                data=UnreadCountOut(count=state.count),
                id=state.event_id,
                retry=RETRY_MILLISECONDS,
            )
