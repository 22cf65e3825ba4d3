"""HTTP layer of /search."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from daira.auth.deps import CurrentUser, limit_by_user
from daira.core.db import SessionDep
from daira.core.pagination import CursorParam, LimitParam, Page, decode_cursor, encode_cursor
from daira.core.settings import SettingsDep
from daira.media.storage import avatar_url
from daira.posts.presenters import page_of, post_out
from daira.search.schemas import SearchPage, SearchType
from daira.search.service import SearchService
from daira.tags.schemas import TagOut
from daira.users.schemas import UserSummary

router = APIRouter(tags=["search"])


def get_service(db: SessionDep) -> SearchService:
    return SearchService(db)


Service = Annotated[SearchService, Depends(get_service)]


@router.get(
    "/search",
    dependencies=[limit_by_user("searches_user", "search")],
    summary="Search people, posts or tags",
    description=(
        "`users`: username or display-name prefix; `posts`: every word (the last as a "
        "prefix); `tags`: prefix. Arabic-aware: diacritics, tatweel, alef / ya / ta-marbuta "
        "forms and case do not matter. Newest first; only what you may see."
    ),
)
async def search(
    q: Annotated[str, Query(min_length=1, max_length=200)],
    user: CurrentUser,
    service: Service,
    settings: SettingsDep,
    type: SearchType = "posts",
    limit: LimitParam = 20,
    cursor: CursorParam = None,
) -> SearchPage:
    position = decode_cursor(cursor)
    if type == "users":
        people = await service.users(user, q, position, limit)
        shown = people[:limit]
        return Page[UserSummary](
            items=[
                UserSummary(
                    username=person.username,
                    display_name=person.display_name,
                    avatar_url=avatar_url(settings, person.avatar_key),
                    bio=person.bio,
                )
                for person in shown
            ],
            next_cursor=(
                encode_cursor(shown[-1].created_at, shown[-1].id) if len(people) > limit else None
            ),
        )
    if type == "tags":
        rows = await service.tags(q, position, limit)
        tags = rows[:limit]
        return Page[TagOut](
            items=[TagOut(name=row.name, display=row.display) for row in tags],
            next_cursor=(
                encode_cursor(tags[-1].created_at, tags[-1].id) if len(rows) > limit else None
            ),
        )
    rows = await service.posts(user, q, position, limit)
    return page_of(rows, limit, post_out, settings)
