"""HTTP layer of /users: own profile, avatars, public profiles."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Request, UploadFile

from daira.auth.deps import CurrentUser, limit_by_user
from daira.config import Settings
from daira.core.db import SessionDep
from daira.media.backends import StorageDep
from daira.media.storage import avatar_url
from daira.models import User
from daira.users.presenters import private_user
from daira.users.schemas import AvatarOut, MeOut, ProfileOut, ProfileUpdateIn
from daira.users.service import UserService

router = APIRouter(prefix="/users", tags=["users"])


def get_service(db: SessionDep) -> UserService:
    return UserService(db)


Service = Annotated[UserService, Depends(get_service)]


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def _me(request: Request, service: UserService, user: User) -> MeOut:
    counts = await service.counts(user, user)
    return MeOut(
        **private_user(_settings(request), user).model_dump(),
        followers_count=counts.followers_count,
        following_count=counts.following_count,
        posts_count=counts.posts_count,
    )


@router.get("/me")
async def get_me(request: Request, user: CurrentUser, service: Service) -> MeOut:
    return await _me(request, service, user)


@router.patch("/me")
async def update_me(
    body: ProfileUpdateIn, request: Request, user: CurrentUser, service: Service
) -> MeOut:
    await service.update_profile(user, body)
    return await _me(request, service, user)


@router.put(
    "/me/avatar",
    responses={413: {}, 415: {}, 422: {}},
    dependencies=[limit_by_user("avatars_user", "avatar_upload")],
)
async def upload_avatar(
    file: Annotated[UploadFile, File(description="A JPEG, PNG or WebP image, at most 5 MB.")],
    request: Request,
    user: CurrentUser,
    service: Service,
    storage: StorageDep,
) -> AvatarOut:
    await service.set_avatar(user, file, storage)
    return AvatarOut(avatar_url=avatar_url(_settings(request), user.avatar_key))


@router.delete("/me/avatar")
async def delete_avatar(user: CurrentUser, service: Service) -> AvatarOut:
    await service.remove_avatar(user)
    return AvatarOut(avatar_url=None)


@router.get("/{username}")
async def get_profile(
    username: str, request: Request, user: CurrentUser, service: Service
) -> ProfileOut:
    target = await service.find(user, username)
    counts = await service.counts(user, target)
    return ProfileOut(
        id=target.id,
        username=target.username,
        display_name=target.display_name,
        bio=target.bio,
        avatar_url=avatar_url(_settings(request), target.avatar_key),
        followers_count=counts.followers_count,
        following_count=counts.following_count,
        posts_count=counts.posts_count,
        is_following=bool(counts.is_following),
        is_blocked=bool(counts.is_blocked),
        is_muted=bool(counts.is_muted),
        created_at=target.created_at,
    )
