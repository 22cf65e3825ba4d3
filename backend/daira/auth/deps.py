"""Typed dependencies for who is signed in: CurrentUser, OptionalUser, staff roles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select

from daira.config import Settings
from daira.core.db import SessionDep
from daira.core.errors import DairaError, Forbidden, Unauthorized
from daira.core.ratelimit import limit
from daira.core.security import decode_access_token
from daira.models import Role, User, UserSession
from daira.models.base import utcnow

_bearer = HTTPBearer(auto_error=False, description="Access token from /auth/login")
LAST_SEEN_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class Auth:
    user: User
    session: UserSession


async def _authenticate(
    request: Request, db: SessionDep, credentials: HTTPAuthorizationCredentials | None
) -> Auth | None:
    if credentials is None:
        return None
    settings: Settings = request.app.state.settings
    claims = decode_access_token(settings.secret_key, credentials.credentials)
    if claims is None:
        raise Unauthorized("Your session has expired. Please sign in again.", code="invalid_token")
    row = (
        await db.execute(
            select(UserSession, User)
            .join(User, User.id == UserSession.user_id)
            .where(UserSession.id == claims["sid"])
        )
    ).first()
    now = utcnow()
    if row is None:
        raise Unauthorized("Your session has ended. Please sign in again.", code="session_revoked")
    session, user = row
    idle = timedelta(hours=settings.session_idle_timeout_hours)
    if (
        str(user.id) != claims["sub"]
        or session.revoked_at is not None
        or session.expires_at <= now
        or now - session.last_seen_at > idle
    ):
        raise Unauthorized("Your session has ended. Please sign in again.", code="session_revoked")
    # Named in the log line of a refusal further on (401/403/429 are security events).
    request.state.user_id = user.id
    if user.disabled_at is not None:
        raise Unauthorized("This account has been disabled.", code="account_disabled")
    if now - session.last_seen_at > LAST_SEEN_RESOLUTION:
        session.last_seen_at = now
    return Auth(user, session)


async def optional_auth(
    request: Request,
    db: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Auth | None:
    return await _authenticate(request, db, credentials)


async def require_auth(auth: Annotated[Auth | None, Depends(optional_auth)]) -> Auth:
    if auth is None:
        raise Unauthorized()
    return auth


async def current_user(auth: Annotated[Auth, Depends(require_auth)]) -> User:
    return auth.user


async def optional_user(auth: Annotated[Auth | None, Depends(optional_auth)]) -> User | None:
    return auth.user if auth else None


class TwoFactorRequired(DairaError):
    status = 403
    code = "staff_2fa_required"


def _staff(request: Request, user: User, roles: set[Role]) -> User:
    if Role(user.role) not in roles:
        raise Forbidden("You do not have permission to do this.", code="insufficient_role")
    settings: Settings = request.app.state.settings
    if settings.staff_2fa_required and user.totp_enabled_at is None:
        raise TwoFactorRequired(
            "Turn on two-factor authentication in your settings before using the admin area."
        )
    return user


async def moderator_user(request: Request, user: Annotated[User, Depends(current_user)]) -> User:
    return _staff(request, user, {Role.moderator, Role.admin})


async def admin_user(request: Request, user: Annotated[User, Depends(current_user)]) -> User:
    return _staff(request, user, {Role.admin})


AuthDep = Annotated[Auth, Depends(require_auth)]
CurrentUser = Annotated[User, Depends(current_user)]
OptionalUser = Annotated[User | None, Depends(optional_user)]
ModeratorUser = Annotated[User, Depends(moderator_user)]
AdminUser = Annotated[User, Depends(admin_user)]


def limit_by_user(limit_name: str, endpoint: str):  # type: ignore[no-untyped-def]
    """A route dependency counting a signed-in user's writes (e.g. posts per hour)."""

    async def dependency(request: Request, user: CurrentUser) -> None:
        await limit(request, limit_name, endpoint, "user", str(user.id))

    return Depends(dependency)
