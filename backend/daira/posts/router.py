"""HTTP layer of /posts and /comments: parse, call PostService, shape the answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status

from daira.auth.deps import CurrentUser, limit_by_user
from daira.config import Settings
from daira.core.context import ClientDep
from daira.core.db import SessionDep
from daira.core.ids import RowId
from daira.core.pagination import CursorParam, LimitParam, Page, decode_cursor
from daira.posts.presenters import comment_out, page_of, post_out
from daira.posts.schemas import CommentIn, CommentOut, PostIn, PostOut
from daira.posts.service import PostService

router = APIRouter(tags=["posts"])

# Ids are BIGINT: anything larger is a 422, never a database overflow error.


def get_service(db: SessionDep) -> PostService:
    return PostService(db)


Service = Annotated[PostService, Depends(get_service)]


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


@router.post(
    "/posts",
    status_code=status.HTTP_201_CREATED,
    dependencies=[limit_by_user("posts_user", "create_post")],
)
async def create_post(
    body: PostIn, user: CurrentUser, service: Service, request: Request, client: ClientDep
) -> PostOut:
    row = await service.create_post(user, body.content, client)
    return post_out(_settings(request), row)


@router.get("/posts/{post_id}")
async def get_post(
    post_id: RowId, user: CurrentUser, service: Service, request: Request
) -> PostOut:
    return post_out(_settings(request), await service.get_post(user, post_id))


@router.delete("/posts/{post_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_post(
    post_id: RowId, user: CurrentUser, service: Service, client: ClientDep
) -> Response:
    await service.delete_post(user, post_id, client)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/posts/{post_id}/like",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=[limit_by_user("likes_user", "like")],
    description="Idempotent: liking a post already liked changes nothing and answers 204.",
)
async def like_post(post_id: RowId, user: CurrentUser, service: Service) -> Response:
    await service.like(user, post_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.delete(
    "/posts/{post_id}/like",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=[limit_by_user("likes_user", "like")],
    description="Idempotent: unliking a post not liked changes nothing and answers 204.",
)
async def unlike_post(post_id: RowId, user: CurrentUser, service: Service) -> Response:
    await service.unlike(user, post_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/posts/{post_id}/comments")
async def list_comments(
    post_id: RowId,
    user: CurrentUser,
    service: Service,
    request: Request,
    limit: LimitParam = 20,
    cursor: CursorParam = None,
) -> Page[CommentOut]:
    rows = await service.list_comments(user, post_id, decode_cursor(cursor), limit)
    return page_of(rows, limit, comment_out, _settings(request))


@router.post(
    "/posts/{post_id}/comments",
    status_code=status.HTTP_201_CREATED,
    dependencies=[limit_by_user("comments_user", "create_comment")],
)
async def create_comment(
    post_id: RowId,
    body: CommentIn,
    user: CurrentUser,
    service: Service,
    request: Request,
    client: ClientDep,
) -> CommentOut:
    row = await service.create_comment(user, post_id, body.content, client)
    return comment_out(_settings(request), row)


@router.delete("/comments/{comment_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_comment(
    comment_id: RowId, user: CurrentUser, service: Service, client: ClientDep
) -> Response:
    await service.delete_comment(user, comment_id, client)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
