"""Shape User rows for the API."""

from __future__ import annotations

from daira.auth.schemas import UserPrivate
from daira.config import Settings
from daira.media.storage import avatar_url
from daira.models import User


def private_user(settings: Settings, user: User) -> UserPrivate:
    return UserPrivate(
        id=user.id,
        email=user.email,
        username=user.username,
        display_name=user.display_name,
        bio=user.bio,
        locale=user.locale,
        avatar_url=avatar_url(settings, user.avatar_key),
        role=str(user.role),
        email_verified=user.is_verified,
        totp_enabled=user.totp_enabled,
        created_at=user.created_at,
    )
