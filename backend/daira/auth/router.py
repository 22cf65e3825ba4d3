"""HTTP layer of /auth: parse, call AuthService, shape the answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Cookie, Depends, Request, Response, status

from daira.auth import totp
from daira.auth.deps import AuthDep, CurrentUser, limit_by_user
from daira.auth.schemas import (
    ChangePasswordIn,
    EmailIn,
    LoginIn,
    LoginOut,
    ResetPasswordIn,
    SessionOut,
    SignupIn,
    TokenIn,
    TotpDisableIn,
    TotpEnableIn,
    TotpEnableOut,
    TotpSetupOut,
)
from daira.auth.service import AuthService, IssuedTokens, session_device
from daira.config import Settings
from daira.core.context import ClientDep
from daira.core.db import SessionDep
from daira.core.ids import RowId
from daira.core.ratelimit import limit, limit_by_ip
from daira.users.presenters import private_user

router = APIRouter(prefix="/auth", tags=["auth"])

REFRESH_COOKIE = "daira_refresh"
REFRESH_COOKIE_PATH = "/api/v1/auth"
# Bounded to BIGINT so an absurd id is a 422, not a database overflow.
# One budget for every endpoint that verifies a password or code of a signed-in user.
CREDENTIAL_CHECK_LIMIT = limit_by_user("credential_check_user", "credential_check")


def get_service(request: Request, db: SessionDep) -> AuthService:
    return AuthService(db, request.app.state.settings)


Service = Annotated[AuthService, Depends(get_service)]


def _set_refresh_cookie(response: Response, settings: Settings, token: str) -> None:
    response.set_cookie(
        REFRESH_COOKIE,
        token,
        max_age=settings.refresh_token_ttl_days * 86400,
        path=REFRESH_COOKIE_PATH,
        httponly=True,
        secure=not settings.is_development,
        samesite="strict",
    )


def _clear_refresh_cookie(response: Response, settings: Settings) -> None:
    response.delete_cookie(
        REFRESH_COOKIE,
        path=REFRESH_COOKIE_PATH,
        httponly=True,
        secure=not settings.is_development,
        samesite="strict",
    )


def _login_answer(request: Request, response: Response, issued: IssuedTokens) -> LoginOut:
    settings: Settings = request.app.state.settings
    _set_refresh_cookie(response, settings, issued.refresh_token)
    response.headers["Cache-Control"] = "no-store"
    return LoginOut(
        access_token=issued.access_token,
        expires_in=issued.expires_in,
        user=private_user(settings, issued.user),
    )


@router.post(
    "/signup",
    status_code=status.HTTP_202_ACCEPTED,
    dependencies=[Depends(limit_by_ip("signup_ip", "signup"))],
)
async def signup(body: SignupIn, service: Service, client: ClientDep) -> dict[str, str]:
    await service.signup(body, client)
    return {"detail": "Check your inbox for a link to confirm your email address."}


@router.post("/verify-email")
async def verify_email(body: TokenIn, service: Service) -> dict[str, str]:
    await service.verify_email(body.token)
    return {"detail": "Your email is confirmed. You can sign in now."}


@router.post(
    "/resend-verification",
    status_code=status.HTTP_202_ACCEPTED,
    dependencies=[Depends(limit_by_ip("resend_verification_ip", "resend_verification"))],
)
async def resend_verification(body: EmailIn, service: Service) -> dict[str, str]:
    await service.resend_verification(body.email)
    return {"detail": "If this address needs confirming, a new link is on its way."}


@router.post(
    "/login",
    dependencies=[Depends(limit_by_ip("login_ip", "login"))],
    responses={401: {"description": "Wrong email or password, or a 2FA code is needed"}},
)
async def login(
    body: LoginIn, request: Request, response: Response, service: Service, client: ClientDep
) -> LoginOut:
    await limit(request, "login_email", "login", "email", body.email)
    issued = await service.login(body.email, body.password, body.otp, client)
    return _login_answer(request, response, issued)


@router.post("/refresh")
async def refresh(
    request: Request,
    response: Response,
    service: Service,
    client: ClientDep,
    daira_refresh: Annotated[str | None, Cookie()] = None,
) -> LoginOut:
    """A new access token, and the user it belongs to: a page load needs both, and asking
    once instead of refresh-then-/users/me takes a round trip off the time to the feed."""
    issued = await service.refresh(daira_refresh, client)
    return _login_answer(request, response, issued)


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
async def logout(request: Request, response: Response, auth: AuthDep, service: Service) -> None:
    await service.logout(auth.session)
    _clear_refresh_cookie(response, request.app.state.settings)


@router.post("/logout-all", status_code=status.HTTP_204_NO_CONTENT)
async def logout_all(
    request: Request, response: Response, user: CurrentUser, service: Service, client: ClientDep
) -> None:
    await service.logout_all(user, client)
    _clear_refresh_cookie(response, request.app.state.settings)


@router.get("/sessions")
async def sessions(auth: AuthDep, service: Service) -> list[SessionOut]:
    return [
        SessionOut(
            id=s.id,
            device=session_device(s.user_agent),
            user_agent=s.user_agent,
            ip=s.ip,
            created_at=s.created_at,
            last_seen_at=s.last_seen_at,
            current=s.id == auth.session.id,
        )
        for s in await service.list_sessions(auth.user)
    ]


@router.delete("/sessions/{session_id}", status_code=status.HTTP_204_NO_CONTENT)
async def revoke_session(
    session_id: RowId, user: CurrentUser, service: Service, client: ClientDep
) -> None:
    await service.revoke_session(user, session_id, client)


@router.post(
    "/change-password",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=[CREDENTIAL_CHECK_LIMIT],
)
async def change_password(
    body: ChangePasswordIn, auth: AuthDep, service: Service, client: ClientDep
) -> None:
    await service.change_password(
        auth.user, auth.session, body.current_password, body.new_password, client
    )


@router.post(
    "/request-password-reset",
    status_code=status.HTTP_202_ACCEPTED,
    dependencies=[Depends(limit_by_ip("password_reset_ip", "request_password_reset"))],
)
async def request_password_reset(
    body: EmailIn, service: Service, client: ClientDep
) -> dict[str, str]:
    await service.request_password_reset(body.email, client)
    return {"detail": "If an account uses this address, a reset link is on its way."}


@router.post("/reset-password", status_code=status.HTTP_204_NO_CONTENT)
async def reset_password(body: ResetPasswordIn, service: Service, client: ClientDep) -> None:
    await service.reset_password(body.token, body.new_password, client)


@router.post("/2fa/setup")
async def totp_setup(user: CurrentUser, service: Service) -> TotpSetupOut:
    secret, uri = await service.totp_setup(user)
    return TotpSetupOut(secret=secret, otpauth_uri=uri, qr_svg=totp.qr_svg(uri))


@router.post("/2fa/enable", dependencies=[CREDENTIAL_CHECK_LIMIT])
async def totp_enable(
    body: TotpEnableIn, user: CurrentUser, service: Service, client: ClientDep
) -> TotpEnableOut:
    return TotpEnableOut(recovery_codes=await service.totp_enable(user, body.code, client))


@router.post(
    "/2fa/disable", status_code=status.HTTP_204_NO_CONTENT, dependencies=[CREDENTIAL_CHECK_LIMIT]
)
async def totp_disable(
    body: TotpDisableIn, user: CurrentUser, service: Service, client: ClientDep
) -> None:
    await service.totp_disable(user, body.password, body.code, client)
