"""Account rules: sign-up, verification, sign-in, sessions, passwords and 2FA."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from daira.audit.service import record
from daira.auth import repository, totp
from daira.auth.passwords import password_problem
from daira.auth.schemas import SignupIn
from daira.config import Settings
from daira.core.context import ClientInfo
from daira.core.errors import (
    BadRequest,
    Conflict,
    DairaError,
    NotFound,
    Unauthorized,
    ValidationFailed,
)
from daira.core.jobs import enqueue
from daira.core.secretbox import SecretBox, UnreadableSecret
from daira.core.security import (
    create_access_token,
    hash_password,
    hash_token,
    new_token,
    verify_password,
)
from daira.email.service import EmailService
from daira.models import (
    AccountToken,
    RecoveryCode,
    RefreshToken,
    Role,
    TokenPurpose,
    User,
    UserSession,
)
from daira.models.base import utcnow
from daira.moderation.hooks import check_profile_fields, profile_created
from daira.observability.metrics import LOGINS
from daira.users.validation import username_key

log = logging.getLogger("daira.auth")
INVALID_CREDENTIALS = "The email or password is incorrect."


class AccountDisabled(DairaError):
    status = 403
    code = "account_disabled"
    keep_changes = True  # the refused attempt is audited


class EmailNotVerified(DairaError):
    status = 403
    code = "email_not_verified"


class InvalidToken(BadRequest):
    code = "invalid_token"

    def __init__(self) -> None:
        super().__init__("This link is invalid, expired or already used.")


@dataclass(frozen=True)
class Mail:
    """An email a job delivers itself, because its link carries a token that must not be queued."""

    to: str
    template: str
    data: dict[str, Any]
    locale: str


@dataclass
class IssuedTokens:
    access_token: str
    expires_in: int
    refresh_token: str
    user: User
    session: UserSession


class AuthService:
    def __init__(self, session: AsyncSession, settings: Settings) -> None:
        self.db = session
        self.settings = settings
        self.email = EmailService(session, settings)
        self.totp_box = SecretBox(settings.totp_key, b"daira totp secret")

    async def _audit_account(self, user: User, action: str, client: ClientInfo) -> None:
        """Audit a security event the account holder caused on their own account."""
        await record(
            self.db, action, actor_id=user.id, target_type="user", target_id=user.id, ip=client.ip
        )

    # -- sign-up and verification -------------------------------------------------

    async def signup(self, data: SignupIn, client: ClientInfo) -> None:
        if not data.accept_terms:
            raise ValidationFailed(
                "accept_terms", "You must accept the terms to sign up.", code="terms_not_accepted"
            )
        email = data.email.lower()
        if problem := password_problem(data.password, email, data.username):
            raise ValidationFailed("password", problem, code="weak_password")
        key = username_key(data.username)
        if await self.db.scalar(select(User.id).where(User.username_key == key)):
            raise Conflict("This username is taken.", code="username_taken")
        # Hashed before the lookup: a taken address must answer as slowly as a new one,
        # or the time to answer (an Argon2 hash is ~100 ms) reveals who is registered.
        password_hash = hash_password(data.password)
        existing = await self.db.scalar(select(User).where(User.email == email))
        if existing is not None:
            # Same answer as a real sign-up; only the address's owner learns of the attempt.
            self.email.send(
                existing,
                "signup_attempt",
                {"display_name": existing.display_name, "url": self.email.link("/forgot-password")},
            )
            return
        display_name = data.display_name or data.username
        await check_profile_fields(
            self.db, None, {"username": data.username, "display_name": display_name}
        )
        user = User(
            email=email,
            username=data.username,
            username_key=key,
            display_name=display_name,
            password_hash=password_hash,
            role=Role.user,
            locale=data.locale,
        )
        self.db.add(user)
        try:
            async with self.db.begin_nested():
                await self.db.flush()
        except IntegrityError:
            # A concurrent sign-up won the race for this username or email.
            raise Conflict("This username is taken.", code="username_taken") from None
        await profile_created(self.db, user)
        enqueue(self.db, "send_verification_link", email=user.email)

    async def verification_mail(self, email: str) -> Mail | None:
        """Issue a verification token for an unconfirmed account (run by a job)."""
        user = await repository.user_by_email(self.db, email)
        if user is None or user.email_verified_at is not None or user.disabled_at is not None:
            return None
        hours = self.settings.verification_token_ttl_hours
        token = await self._issue_token(user, TokenPurpose.verify_email, timedelta(hours=hours))
        return Mail(
            user.email,
            "verification",
            {
                "display_name": user.display_name,
                "url": self.email.link("/verify-email", token=token),
                "hours": hours,
            },
            user.locale,
        )

    async def _issue_token(self, user: User, purpose: TokenPurpose, ttl: timedelta) -> str:
        token = new_token()
        self.db.add(
            AccountToken(
                user_id=user.id,
                purpose=purpose,
                token_hash=hash_token(token),
                expires_at=utcnow() + ttl,
            )
        )
        await self.db.flush()
        return token

    async def _consume_token(self, token: str, purpose: TokenPurpose) -> User:
        row = await self.db.scalar(
            select(AccountToken)
            .where(AccountToken.token_hash == hash_token(token), AccountToken.purpose == purpose)
            .with_for_update()
        )
        if row is None or row.used_at is not None or row.expires_at <= utcnow():
            raise InvalidToken()
        row.used_at = utcnow()
        user = await self.db.get(User, row.user_id)
        if user is None:
            raise InvalidToken()
        return user

    async def verify_email(self, token: str) -> User:
        user = await self._consume_token(token, TokenPurpose.verify_email)
        if user.email_verified_at is None:
            user.email_verified_at = utcnow()
            self.email.send(
                user,
                "welcome",
                {"display_name": user.display_name, "url": self.email.link("/login")},
            )
        return user

    def resend_verification(self, email: str) -> None:
        # Whether the address is known is decided in the job, after the answer: the request
        # does the same work for every address, so its timing reveals no account.
        enqueue(self.db, "send_verification_link", email=email)

    # -- sign-in and sessions -------------------------------------------------------

    async def login(
        self, email: str, password: str, otp: str | None, client: ClientInfo
    ) -> IssuedTokens:
        try:
            issued = await self._login(email, password, otp, client)
        except DairaError as exc:
            LOGINS.labels(exc.code).inc()
            raise
        LOGINS.labels("succeeded").inc()
        return issued

    async def _login(
        self, email: str, password: str, otp: str | None, client: ClientInfo
    ) -> IssuedTokens:
        user = await repository.user_by_email(self.db, email)
        ok, new_hash = verify_password(password, user.password_hash if user else None)
        if user is None or not ok:
            raise Unauthorized(INVALID_CREDENTIALS, code="invalid_credentials")
        if new_hash:
            user.password_hash = new_hash
        if user.disabled_at is not None:
            await self._audit_account(user, "auth.login_refused_disabled", client)
            raise AccountDisabled("This account has been disabled.")
        if self.settings.require_email_verification and user.email_verified_at is None:
            raise EmailNotVerified("Confirm your email address before signing in.")
        if user.totp_enabled_at is not None:
            if not otp:
                raise Unauthorized(
                    "Enter the code from your authenticator app.", code="otp_required"
                )
            if not await self._check_second_factor(user, otp):
                raise Unauthorized("The two-factor code is incorrect.", code="invalid_otp")
        user.last_login_at = utcnow()
        await self._warn_of_new_device(user, client)
        return await self._start_session(user, client)

    async def _warn_of_new_device(self, user: User, client: ClientInfo) -> None:
        """Tell the owner of a sign-in from a device or address this account never used."""
        if not await repository.has_sessions(self.db, user.id):
            return  # the first sign-in of an account is expected, not news
        if await repository.seen_from(self.db, user.id, user_agent=client.user_agent, ip=client.ip):
            return
        self.email.send(
            user,
            "new_sign_in",
            {
                "display_name": user.display_name,
                "device": session_device(client.user_agent),
                "ip": client.ip,
                "when": utcnow().strftime("%Y-%m-%d %H:%M UTC"),
                "url": self.email.link("/settings"),
            },
        )

    async def _check_second_factor(self, user: User, code: str) -> bool:
        assert user.totp_secret is not None
        try:
            secret: str | None = self.totp_box.open(user.totp_secret)
        except UnreadableSecret:
            # A changed TOTP_ENCRYPTION_KEY: codes cannot be checked, recovery codes still work.
            log.error("TOTP secret unreadable with the configured key", extra={"user_id": user.id})
            secret = None
        step = totp.matching_step(secret, code, user.totp_last_step) if secret else None
        if step is not None:
            user.totp_last_step = step
            return True
        recovery = await self.db.scalar(
            select(RecoveryCode).where(
                RecoveryCode.user_id == user.id,
                RecoveryCode.code_hash == hash_token(totp.normalise_recovery_code(code)),
                RecoveryCode.used_at.is_(None),
            )
        )
        if recovery is None:
            return False
        recovery.used_at = utcnow()
        return True

    def session_idle(self, session: UserSession) -> bool:
        idle = timedelta(hours=self.settings.session_idle_timeout_hours)
        return utcnow() - session.last_seen_at > idle

    async def _start_session(self, user: User, client: ClientInfo) -> IssuedTokens:
        now = utcnow()
        # Room for the new one: the least recently used sessions over the cap end now.
        keep = self.settings.max_sessions_per_user - 1
        for stale in (await repository.live_sessions(self.db, user.id))[keep:]:
            stale.revoked_at = now
        session = UserSession(
            user_id=user.id,
            created_at=now,
            last_seen_at=now,
            expires_at=now + timedelta(days=self.settings.refresh_token_ttl_days),
            user_agent=client.user_agent,
            ip=client.ip,
        )
        self.db.add(session)
        await self.db.flush()
        return await self._issue_pair(user, session)

    async def _issue_pair(self, user: User, session: UserSession) -> IssuedTokens:
        refresh = new_token()
        self.db.add(RefreshToken(session_id=session.id, token_hash=hash_token(refresh)))
        await self.db.flush()
        access, expires_in = create_access_token(
            self.settings.secret_key,
            user_id=user.id,
            session_id=session.id,
            ttl_seconds=self.settings.access_token_ttl_seconds,
        )
        return IssuedTokens(access, expires_in, refresh, user, session)

    async def refresh(self, refresh_token: str | None, client: ClientInfo) -> IssuedTokens:
        if not refresh_token:
            raise Unauthorized("Please sign in again.", code="invalid_refresh_token")
        token = await self.db.scalar(
            select(RefreshToken)
            .where(RefreshToken.token_hash == hash_token(refresh_token))
            .with_for_update()
        )
        if token is None:
            raise Unauthorized("Please sign in again.", code="invalid_refresh_token")
        session = await self.db.get(UserSession, token.session_id, with_for_update=True)
        if (
            session is None
            or session.revoked_at is not None
            or session.expires_at <= utcnow()
            or self.session_idle(session)
        ):
            raise Unauthorized("Please sign in again.", code="invalid_refresh_token")
        if token.used_at is not None:
            # A rotated token came back: someone holds a copy. End the whole session.
            session.revoked_at = utcnow()
            await record(
                self.db,
                "auth.refresh_token_reused",
                actor_id=session.user_id,
                target_type="session",
                target_id=session.id,
                ip=client.ip,
            )
            raise RefreshReuse()
        user = await self.db.get(User, session.user_id)
        if user is None or user.disabled_at is not None:
            raise Unauthorized("Please sign in again.", code="invalid_refresh_token")
        token.used_at = utcnow()
        session.last_seen_at = utcnow()
        session.ip = client.ip
        return await self._issue_pair(user, session)

    async def logout(self, session: UserSession) -> None:
        session.revoked_at = utcnow()

    async def revoke_all_sessions(
        self, user_id: int, *, except_session_id: int | None = None
    ) -> None:
        stmt = update(UserSession).where(
            UserSession.user_id == user_id, UserSession.revoked_at.is_(None)
        )
        if except_session_id is not None:
            stmt = stmt.where(UserSession.id != except_session_id)
        await self.db.execute(stmt.values(revoked_at=utcnow()))

    async def logout_all(self, user: User, client: ClientInfo) -> None:
        await self.revoke_all_sessions(user.id)
        await self._audit_account(user, "auth.logout_all", client)

    async def list_sessions(self, user: User) -> list[UserSession]:
        return [
            s for s in await repository.live_sessions(self.db, user.id) if not self.session_idle(s)
        ]

    async def revoke_session(self, user: User, session_id: int, client: ClientInfo) -> None:
        session = await self.db.get(UserSession, session_id)
        if session is None or session.user_id != user.id or session.revoked_at is not None:
            raise NotFound("No such session.", code="session_not_found")
        session.revoked_at = utcnow()
        await record(
            self.db,
            "auth.session_revoked",
            actor_id=user.id,
            target_type="session",
            target_id=session.id,
            ip=client.ip,
        )

    # -- passwords --------------------------------------------------------------------

    async def change_password(
        self,
        user: User,
        current: UserSession,
        current_password: str,
        new_password: str,
        client: ClientInfo,
    ) -> None:
        self._reauthenticate(user, current_password, "current_password")
        await self._replace_password(
            user, new_password, client, "auth.password_changed", keep_session_id=current.id
        )

    async def _replace_password(
        self,
        user: User,
        new_password: str,
        client: ClientInfo,
        action: str,
        *,
        keep_session_id: int | None = None,
    ) -> None:
        """Set a new password, end the other sessions, audit it and tell the owner."""
        if problem := password_problem(new_password, user.email, user.username):
            raise ValidationFailed("new_password", problem, code="weak_password")
        user.password_hash = hash_password(new_password)
        # A reset link sent before this change must not undo it (ASVS 6.4.1).
        await repository.void_tokens(self.db, user.id, TokenPurpose.reset_password)
        await self.revoke_all_sessions(user.id, except_session_id=keep_session_id)
        await self._audit_account(user, action, client)
        self.email.send(
            user,
            "password_changed",
            {"display_name": user.display_name, "url": self.email.link("/forgot-password")},
        )

    def request_password_reset(self, email: str, client: ClientInfo) -> None:
        # As with resend_verification, the account is looked up in the job.
        enqueue(self.db, "send_reset_link", email=email, ip=client.ip)

    async def reset_mail(self, email: str, ip: str) -> Mail | None:
        """Issue a reset token, voiding the earlier ones (run by a job)."""
        user = await repository.user_by_email(self.db, email)
        if user is None or user.disabled_at is not None:
            return None
        minutes = self.settings.reset_token_ttl_minutes
        await repository.void_tokens(self.db, user.id, TokenPurpose.reset_password)
        token = await self._issue_token(
            user, TokenPurpose.reset_password, timedelta(minutes=minutes)
        )
        await self._audit_account(user, "auth.password_reset_requested", ClientInfo(ip, ""))
        return Mail(
            user.email,
            "password_reset",
            {
                "display_name": user.display_name,
                "minutes": minutes,
                "url": self.email.link("/reset-password", token=token),
            },
            user.locale,
        )

    async def reset_password(self, token: str, new_password: str, client: ClientInfo) -> None:
        user = await self._consume_token(token, TokenPurpose.reset_password)
        await self._replace_password(user, new_password, client, "auth.password_reset")
        # Proof of inbox ownership also confirms the address.
        user.email_verified_at = user.email_verified_at or utcnow()

    # -- two-factor --------------------------------------------------------------------

    def _reauthenticate(self, user: User, password: str, field: str = "password") -> None:
        """Ask for the password again before a change a stolen access token must not make."""
        ok, _ = verify_password(password, user.password_hash)
        if not ok:
            raise ValidationFailed(field, "The password is incorrect.", code="invalid_password")

    async def totp_setup(self, user: User, password: str) -> tuple[str, str]:
        if user.totp_enabled_at is not None:
            raise Conflict("Two-factor authentication is already on.", code="totp_already_enabled")
        self._reauthenticate(user, password)
        secret = totp.new_secret()
        user.totp_secret = self.totp_box.seal(secret)
        user.totp_last_step = None
        return secret, totp.provisioning_uri(secret, user.email)

    async def totp_enable(self, user: User, code: str, client: ClientInfo) -> list[str]:
        if user.totp_enabled_at is not None:
            raise Conflict("Two-factor authentication is already on.", code="totp_already_enabled")
        if user.totp_secret is None:
            raise BadRequest("Start the two-factor set-up first.", code="totp_not_set_up")
        secret = self.totp_box.open(user.totp_secret)
        step = totp.matching_step(secret, code, user.totp_last_step)
        if step is None:
            raise ValidationFailed("code", "The code is incorrect.", code="invalid_otp")
        user.totp_last_step = step
        user.totp_enabled_at = utcnow()
        codes = totp.new_recovery_codes()
        await self.db.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
        self.db.add_all(
            RecoveryCode(user_id=user.id, code_hash=hash_token(totp.normalise_recovery_code(c)))
            for c in codes
        )
        await self._audit_account(user, "auth.2fa_enabled", client)
        self._tell_owner(user, "two_factor_enabled")
        return codes

    def _tell_owner(self, user: User, template: str) -> None:
        self.email.send(
            user,
            template,
            {"display_name": user.display_name, "url": self.email.link("/settings")},
        )

    async def totp_disable(self, user: User, password: str, code: str, client: ClientInfo) -> None:
        if user.totp_enabled_at is None:
            raise Conflict("Two-factor authentication is not on.", code="totp_not_enabled")
        self._reauthenticate(user, password)
        if not await self._check_second_factor(user, code):
            raise ValidationFailed("code", "The code is incorrect.", code="invalid_otp")
        user.totp_enabled_at = None
        user.totp_secret = None
        user.totp_last_step = None
        await self.db.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
        await self._audit_account(user, "auth.2fa_disabled", client)
        self._tell_owner(user, "two_factor_disabled")


class RefreshReuse(Unauthorized):
    keep_changes = True  # the session's revocation must outlive the error

    def __init__(self) -> None:
        super().__init__(
            "This session was ended for your safety. Please sign in again.",
            code="refresh_token_reused",
        )


_BROWSERS = (("edg/", "Edge"), ("firefox", "Firefox"), ("chrome", "Chrome"), ("safari", "Safari"))
_SYSTEMS = (
    ("android", "Android"),
    ("iphone", "iPhone"),
    ("ipad", "iPad"),
    ("windows", "Windows"),
    ("mac os", "macOS"),
    ("linux", "Linux"),
)


def _first_named(ua: str, names: tuple[tuple[str, str], ...], default: str) -> str:
    return next((name for key, name in names if key in ua), default)


def session_device(user_agent: str) -> str:
    """A short human name for a session's device, from its user agent."""
    if not user_agent:
        return "Unknown device"
    ua = user_agent.lower()
    browser = _first_named(ua, _BROWSERS, "Browser")
    system = _first_named(ua, _SYSTEMS, "")
    return f"{browser} on {system}" if system else browser
