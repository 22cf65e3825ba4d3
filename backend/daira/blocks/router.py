"""HTTP layer of blocks and mutes: /users/{username}/block|mute, /users/me/blocks|mutes."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response, status

from daira.auth.deps import CurrentUser, limit_by_user
from daira.blocks.service import BlockService, Kind
from daira.config import Settings
from daira.core.db import SessionDep
from daira.core.pagination import CursorParam, LimitParam, Page, decode_cursor, encode_cursor
from daira.core.settings import SettingsDep
from daira.media.storage import avatar_url
from daira.users.schemas import UserSummary

router = APIRouter(prefix="/users", tags=["blocks"])


def get_service(db: SessionDep) -> BlockService:
    return BlockService(db)


Service = Annotated[BlockService, Depends(get_service)]
_NO_CONTENT = status.HTTP_204_NO_CONTENT


def _page(settings: Settings, rows: list[Any], limit: int) -> Page[UserSummary]:
    items = rows[:limit]
    return Page(
        items=[
            UserSummary(
                username=row.listed.username,
                display_name=row.listed.display_name,
                avatar_url=avatar_url(settings, row.listed.avatar_key),
                bio=row.listed.bio,
            )
            for row in items
        ],
        next_cursor=(
            encode_cursor(items[-1].listed_at, items[-1].relation_id) if len(rows) > limit else None
        ),
    )


@router.get("/me/blocks", summary="The accounts you blocked, newest first")
async def my_blocks(
    user: CurrentUser,
    service: Service,
    settings: SettingsDep,
    limit: LimitParam = 20,
    cursor: CursorParam = None,
) -> Page[UserSummary]:
    rows = await service.listing(user, "block", decode_cursor(cursor), limit)
    return _page(settings, rows, limit)


@router.get("/me/mutes", summary="The accounts you muted, newest first")
async def my_mutes(
    user: CurrentUser,
    service: Service,
    settings: SettingsDep,
    limit: LimitParam = 20,
    cursor: CursorParam = None,
) -> Page[UserSummary]:
    rows = await service.listing(user, "mute", decode_cursor(cursor), limit)
    return _page(settings, rows, limit)


def _routes(kind: Kind, effect: str) -> None:
    """POST and DELETE /users/{username}/{kind}: the same shape for blocks and mutes."""
    limited = [limit_by_user(f"{kind}s_user", kind)]
    errors: dict[int | str, dict[str, Any]] = {
        404: {},
        422: {"description": f"`cannot_{kind}_self`"},
    }

    async def add(username: str, user: CurrentUser, service: Service) -> Response:
        await service.add(user, username, kind)
        return Response(status_code=_NO_CONTENT)

    async def remove(username: str, user: CurrentUser, service: Service) -> Response:
        await service.remove(user, username, kind)
        return Response(status_code=_NO_CONTENT)

    router.add_api_route(
        f"/{{username}}/{kind}",
        add,
        methods=["POST"],
        status_code=_NO_CONTENT,
        dependencies=limited,
        responses=errors,
        name=f"{kind}_user",
        summary=f"{kind.title()} an account (idempotent)",
        description=effect,
    )
    router.add_api_route(
        f"/{{username}}/{kind}",
        remove,
        methods=["DELETE"],
        status_code=_NO_CONTENT,
        dependencies=limited,
        responses=errors,
        name=f"un{kind}_user",
        summary=f"Un{kind} an account (idempotent)",
    )


_routes(
    "block",
    "Ends the follows both ways; afterwards neither account can follow, mention, like, "
    "comment on or notify the other, nor see the other's posts and comments. The blocked "
    "account is not told.",
)
_routes(
    "mute",
    "Hides the account's posts and comments from your timelines and comment lists, and its "
    "notifications, and nothing else. It is not told.",
)
