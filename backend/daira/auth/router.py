"""HTTP layer of /auth: parse, call AuthService, shape the answer."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Request, Response, status

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
    TotpSetupIn,
    TotpSetupOut,
)
from daira.auth.service import AuthService, IssuedTokens, session_device
from daira.config import Settings
from daira.core.context import ClientDep
from daira.core.db import SessionDep
from daira.core.errors import Forbidden, Unauthorized
from daira.core.ids import RowId
from daira.core.ratelimit import get_limiter, is_exempt, limit_by_ip
from daira.users.presenters import private_user

router = APIRouter(prefix="/auth", tags=["auth"])

REFRESH_COOKIE = "daira_refresh"
REFRESH_COOKIE_PATH = "/api/v1/auth"
# Outside development the cookie carries the __Secure- prefix, so no plain-HTTP response can
# plant or overwrite it. Not __Host-: browsers accept that prefix only with Path=/, and SPEC
# scopes the refresh token to /api/v1/auth so it never travels with any other request.
SECURE_REFRESH_COOKIE = "__Secure-daira_refresh"
# Bounded to BIGINT so an absurd id is a 422, not a database overflow.
# One budget for every endpoint that verifies a password or code of a signed-in user.
CREDENTIAL_CHECK_LIMIT = limit_by_user("credential_check_user", "credential_check")


def get_service(request: Request, db: SessionDep) -> AuthService:
    return AuthService(db, request.app.state.settings)


Service = Annotated[AuthService, Depends(get_service)]


def refresh_cookie_name(settings: Settings) -> str:
    return REFRESH_COOKIE if settings.is_development else SECURE_REFRESH_COOKIE


def _set_refresh_cookie(response: Response, settings: Settings, token: str) -> None:
    response.set_cookie(
        refresh_cookie_name(settings),
        token,
        max_age=settings.refresh_token_ttl_days * 86400,
        path=REFRESH_COOKIE_PATH,
        httponly=True,
        secure=not settings.is_development,
        samesite="strict",
    )


def _clear_refresh_cookie(response: Response, settings: Settings) -> None:
    response.delete_cookie(
        refresh_cookie_name(settings),
        path=REFRESH_COOKIE_PATH,
        httponly=True,
        secure=not settings.is_development,
        samesite="strict",
    )


def _check_origin(request: Request, settings: Settings) -> None:
    """Refuse a refresh that a page of another site made the browser send (CSRF).

    Browsers always name the page's origin on a cross-site POST; clients that send no
    Origin are not browsers and cannot be made to carry a victim's cookie.
    """
    origin = request.headers.get("origin")
    if origin is None:
        return
    allowed = {*settings.cors_origins, settings.public_url.rstrip("/")}
    if origin in allowed or urlsplit(origin).netloc == request.headers.get("host"):
        return
    raise Forbidden("This request did not come from Daira.", code="origin_not_allowed")


def _login_answer(request: Request, response: Response, issued: IssuedTokens) -> LoginOut:
    settings: Settings = request.app.state.settings
    _set_refresh_cookie(response, settings, issued.refresh_token)
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
    service.resend_verification(body.email)
    return {"detail": "If this address needs confirming, a new link is on its way."}


@router.post(
    "/login",
    dependencies=[Depends(limit_by_ip("login_ip", "login"))],
    responses={401: {"description": "Wrong email or password, or a 2FA code is needed"}},
)
async def login(
    body: LoginIn, request: Request, response: Response, service: Service, client: ClientDep
) -> LoginOut:
    # Failed passwords are counted per account *and* address: guessing one account from
    # one place is stopped, but strangers elsewhere can never lock its owner out.
    pair = f"{body.email}|{client.ip}"
    limiter = None if is_exempt(request) else get_limiter(request)
    if limiter is not None:
        await limiter.check("login_account_ip", "login", "account_ip", pair)
    try:
        issued = await service.login(body.email, body.password, body.otp, client)
    except Unauthorized as exc:
        if limiter is not None and exc.code != "otp_required":
            await limiter.allow("login_account_ip", "login", "account_ip", pair)
        raise
    return _login_answer(request, response, issued)


@router.post("/refresh")
async def refresh(
    request: Request,
    response: Response,
    service: Service,
    client: ClientDep,
) -> LoginOut:
    """A new access token, and the user it belongs to: a page load needs both, and asking
    once instead of refresh-then-/users/me takes a round trip off the time to the feed."""
    settings: Settings = request.app.state.settings
    _check_origin(request, settings)
    issued = await service.refresh(request.cookies.get(refresh_cookie_name(settings)), client)
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
    body: EmailIn, request: Request, service: Service, client: ClientDep
) -> dict[str, str]:
    # Past the per-address limit the answer stays the same: only the email is skipped.
    if is_exempt(request) or await get_limiter(request).allow(
        "password_reset_email", "request_password_reset", "email", body.email
    ):
        service.request_password_reset(body.email, client)
    return {"detail": "If an account uses this address, a reset link is on its way."}


@router.post("/reset-password", status_code=status.HTTP_204_NO_CONTENT)
async def reset_password(body: ResetPasswordIn, service: Service, client: ClientDep) -> None:
    await service.reset_password(body.token, body.new_password, client)


@router.post("/2fa/setup", dependencies=[CREDENTIAL_CHECK_LIMIT])
async def totp_setup(body: TotpSetupIn, user: CurrentUser, service: Service) -> TotpSetupOut:
    secret, uri = await service.totp_setup(user, body.password)
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
