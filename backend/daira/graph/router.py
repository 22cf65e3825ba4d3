"""HTTP layer of following: /users/{username}/follow, /followers, /following."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response, status

from daira.auth.deps import CurrentUser, limit_by_user
from daira.config import Settings
from daira.core.db import SessionDep
from daira.core.pagination import CursorParam, LimitParam, Page, decode_cursor, encode_cursor
from daira.core.settings import SettingsDep
from daira.graph.repository import Direction
from daira.graph.service import GraphService
from daira.media.storage import avatar_url
from daira.users.schemas import UserSummary

router = APIRouter(prefix="/users", tags=["graph"])


def get_service(db: SessionDep) -> GraphService:
    return GraphService(db)


Service = Annotated[GraphService, Depends(get_service)]


@router.get(
    "/me/suggestions",
    summary="Whom to follow: accounts followed by those you follow, then the most followed",
)
async def suggestions(
    user: CurrentUser,
    service: Service,
    settings: SettingsDep,
    limit: Annotated[int, Query(ge=1, le=20, description="How many (1-20).")] = 5,
) -> Page[UserSummary]:
    people = await service.suggestions(user, limit)
    return Page(
        items=[
            UserSummary(
                username=person.username,
                display_name=person.display_name,
                avatar_url=avatar_url(settings, person.avatar_key),
                bio=person.bio,
            )
            for person in people
        ],
        next_cursor=None,
    )


@router.post(
    "/{username}/follow",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=[limit_by_user("follows_user", "follow")],
    description="Idempotent: following someone already followed answers 204 as well.",
    responses={404: {}, 422: {"description": "`cannot_follow_self`"}},
)
async def follow(username: str, user: CurrentUser, service: Service) -> Response:
    await service.follow(user, username)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.delete(
    "/{username}/follow",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=[limit_by_user("follows_user", "follow")],
    description="Idempotent: unfollowing someone not followed answers 204 as well.",
    responses={404: {}},
)
async def unfollow(username: str, user: CurrentUser, service: Service) -> Response:
    await service.unfollow(user, username)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


async def _page(
    request: Request,
    service: GraphService,
    user: Any,
    username: str,
    direction: Direction,
    cursor: str | None,
    limit: int,
) -> Page[UserSummary]:
    settings: Settings = request.app.state.settings
    rows = await service.connections(user, username, direction, decode_cursor(cursor), limit)
    items = rows[:limit]
    return Page(
        items=[
            UserSummary(
                username=row.person.username,
                display_name=row.person.display_name,
                avatar_url=avatar_url(settings, row.person.avatar_key),
                bio=row.person.bio,
            )
            for row in items
        ],
        next_cursor=(
            encode_cursor(items[-1].followed_at, items[-1].follow_id) if len(rows) > limit else None
        ),
    )


@router.get("/{username}/followers", summary="Who follows this user, newest first")
async def followers(
    username: str,
    request: Request,
    user: CurrentUser,
    service: Service,
    limit: LimitParam = 20,
    cursor: CursorParam = None,
) -> Page[UserSummary]:
    return await _page(request, service, user, username, "followers", cursor, limit)


@router.get("/{username}/following", summary="Whom this user follows, newest first")
async def following(
    username: str,
    request: Request,
    user: CurrentUser,
    service: Service,
    limit: LimitParam = 20,
    cursor: CursorParam = None,
) -> Page[UserSummary]:
    return await _page(request, service, user, username, "following", cursor, limit)
