"""HTTP layer of /tags: a tag's posts and the trending tags."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path

from daira.auth.deps import CurrentUser
from daira.core.db import SessionDep
from daira.core.pagination import CursorParam, LimitParam, Page, decode_cursor
from daira.core.settings import SettingsDep
from daira.posts.presenters import page_of, post_out
from daira.posts.schemas import PostOut
from daira.tags.schemas import TrendingOut, TrendingTagOut
from daira.tags.service import TagService

router = APIRouter(prefix="/tags", tags=["tags"])


def get_service(db: SessionDep) -> TagService:
    return TagService(db)


Service = Annotated[TagService, Depends(get_service)]


@router.get("/trending", summary="The most used tags of the last 24 hours")
async def trending(user: CurrentUser, service: Service) -> TrendingOut:
    rows = await service.trending(user)
    return TrendingOut(
        items=[
            TrendingTagOut(name=row.name, display=row.display, post_count=row.post_count)
            for row in rows
        ]
    )


@router.get(
    "/{tag}/posts",
    summary="Visible posts carrying a hashtag, newest first",
    description="`tag` with or without `#`; Arabic-aware (`القاهره` and `القاهرة` are one tag).",
)
async def tag_posts(
    tag: Annotated[str, Path(max_length=200)],
    user: CurrentUser,
    service: Service,
    settings: SettingsDep,
    limit: LimitParam = 20,
    cursor: CursorParam = None,
) -> Page[PostOut]:
    rows = await service.posts(user, tag, decode_cursor(cursor), limit)
    return page_of(rows, limit, post_out, settings)
