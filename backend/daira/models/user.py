"""Accounts, their sessions and single-use tokens."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, validates

from daira.models.base import Base, BigId, CreatedAt, IdPk
from daira.moderation.normalize import fold


class Role(StrEnum):
    user = "user"
    moderator = "moderator"
    admin = "admin"

    @property
    def is_staff(self) -> bool:
        return self is not Role.user


def name_key(name: str) -> str:
    """A name as prefix search compares it: folded, runs of spaces made one."""
    return " ".join(fold(name).split())


class User(Base):
    __tablename__ = "users"

    id: Mapped[IdPk]
    # Stored case-folded so the unique index makes emails unique ignoring case.
    email: Mapped[str] = mapped_column(String(320), unique=True)
    username: Mapped[str] = mapped_column(String(30))
    username_key: Mapped[str] = mapped_column(String(30), unique=True)
    display_name: Mapped[str] = mapped_column(String(50))
    # The display name folded like search queries are, for Arabic-aware prefix search.
    display_name_key: Mapped[str] = mapped_column(String(200), default="")
    bio: Mapped[str] = mapped_column(String(300), default="")
    locale: Mapped[str] = mapped_column(String(5), default="en")
    avatar_key: Mapped[str | None] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(String(20), default=Role.user)
    email_verified_at: Mapped[datetime | None]
    disabled_at: Mapped[datetime | None]
    disabled_reason: Mapped[str | None] = mapped_column(String(500))
    # Encrypted (daira.core.secretbox); never the plain base32 secret.
    totp_secret: Mapped[str | None] = mapped_column(String(255))
    totp_enabled_at: Mapped[datetime | None]
    totp_last_step: Mapped[int | None]
    created_at: Mapped[CreatedAt]
    last_login_at: Mapped[datetime | None]

    __table_args__ = (
        Index("ix_users_email_prefix", "email", postgresql_ops={"email": "text_pattern_ops"}),
        Index(
            "ix_users_username_key_prefix",
            "username_key",
            postgresql_ops={"username_key": "text_pattern_ops"},
        ),
        # Admin user lists are newest first: a broad search prefix walks this index and
        # stops at a page instead of sorting every match.
        Index("ix_users_created", "created_at", "id"),
        Index(
            "ix_users_display_name_key_prefix",
            "display_name_key",
            postgresql_ops={"display_name_key": "text_pattern_ops"},
        ),
    )

    @validates("display_name")
    def _index_display_name(self, _key: str, display_name: str) -> str:
        self.display_name_key = name_key(display_name)
        return display_name

    @property
    def is_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def is_disabled(self) -> bool:
        return self.disabled_at is not None

    @property
    def totp_enabled(self) -> bool:
        return self.totp_enabled_at is not None


class UserSession(Base):
    """A signed-in device. Access tokens name it, so revoking it ends them at once."""

    __tablename__ = "user_sessions"

    id: Mapped[IdPk]
    user_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[CreatedAt]
    last_seen_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    user_agent: Mapped[str] = mapped_column(String(300), default="")
    ip: Mapped[str] = mapped_column(String(64), default="")


class RefreshToken(Base):
    """Every refresh token a session was given; a used one presented again means theft."""

    __tablename__ = "refresh_tokens"

    id: Mapped[IdPk]
    session_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("user_sessions.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[CreatedAt]
    used_at: Mapped[datetime | None]


class TokenPurpose(StrEnum):
    verify_email = "verify_email"
    reset_password = "reset_password"  # noqa: S105 - a purpose name, not a secret


class AccountToken(Base):
    """Single-use emailed tokens (verification, password reset), stored only hashed."""

    __tablename__ = "account_tokens"

    id: Mapped[IdPk]
    user_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[TokenPurpose] = mapped_column(String(30))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[CreatedAt]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class RecoveryCode(Base):
    __tablename__ = "recovery_codes"

    id: Mapped[IdPk]
    user_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None]
