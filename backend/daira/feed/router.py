"""HTTP layer of the timelines: /feed, /posts (public), /users/{username}/posts."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from daira.auth.deps import CurrentUser
from daira.config import Settings
from daira.core.db import SessionDep
from daira.core.pagination import CursorParam, LimitParam, Page, decode_cursor
from daira.core.sql import RowSelect
from daira.feed import repository as repo
from daira.posts.presenters import page_of, post_out
from daira.posts.repository import page_params
from daira.posts.schemas import PostOut
from daira.users.service import UserService

router = APIRouter(tags=["feed"])


async def _page(
    request: Request, db: SessionDep, query: RowSelect, params: dict[str, Any], limit: int
) -> Page[PostOut]:
    settings: Settings = request.app.state.settings
    rows = (await db.execute(query, params)).all()
    return page_of(rows, limit, post_out, settings)


@router.get("/feed", summary="Home timeline: your posts and those you follow, newest first")
async def home_feed(
    request: Request,
    user: CurrentUser,
    db: SessionDep,
    limit: LimitParam = 20,
    cursor: CursorParam = None,
) -> Page[PostOut]:
    query = repo.HOME_FEED[db.get_bind().dialect.name]
    params = page_params(user.id, decode_cursor(cursor), limit)
    return await _page(request, db, query, params, limit)


@router.get("/posts", summary="Public timeline: every visible post, newest first")
async def public_timeline(
    request: Request,
    user: CurrentUser,
    db: SessionDep,
    limit: LimitParam = 20,
    cursor: CursorParam = None,
) -> Page[PostOut]:
    params = page_params(user.id, decode_cursor(cursor), limit)
    return await _page(request, db, repo.PUBLIC_TIMELINE, params, limit)


@router.get("/users/{username}/posts", summary="A user's posts, newest first")
async def user_posts(
    username: str,
    request: Request,
    user: CurrentUser,
    db: SessionDep,
    limit: LimitParam = 20,
    cursor: CursorParam = None,
) -> Page[PostOut]:
    author = await UserService(db).find(user, username)
    params = {**page_params(user.id, decode_cursor(cursor), limit), "author_id": author.id}
    return await _page(request, db, repo.USER_POSTS, params, limit)
