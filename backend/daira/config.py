"""Settings from the environment (12-factor), validated once at start-up."""

from __future__ import annotations

import ipaddress
import secrets
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[2]
MIN_SECRET_LENGTH = 32
_DEV_TOTP_KEY = "development-only-totp-key"
# A key of few distinct characters ("aaaa...", "abab...") is a placeholder, not a secret;
# 48 random URL-safe characters have about 35 distinct ones.
MIN_SECRET_DISTINCT_CHARACTERS = 12
# Development's fixed key of earlier versions, published in the source: refused everywhere.
_PUBLISHED_KEYS = {"dev-insecure-secret-key-change-me-0000000000"}


def _weak_secret(key: str) -> bool:
    return (
        len(key) < MIN_SECRET_LENGTH
        or len(set(key)) < MIN_SECRET_DISTINCT_CHARACTERS
        or key in _PUBLISHED_KEYS
    )


IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# Someone exploring a local copy signs in, out and up far more often than a real user: the
# production limits (SPEC's) would lock them out. These apply in development to the limits
# not set explicitly; test and production keep the defaults below.
DEVELOPMENT_LIMITS = {
    "rate_limit_login_ip": "300/15minutes",
    "rate_limit_login_account_ip": "100/15minutes",
    "rate_limit_signup_ip": "100/hour",
    "rate_limit_password_reset_ip": "100/hour",
    "rate_limit_resend_verification_ip": "100/hour",
    "rate_limit_credential_check_user": "100/15minutes",
    "rate_limit_posts_user": "600/hour",
    "rate_limit_comments_user": "600/hour",
    "rate_limit_reports_user": "200/hour",
}


class Environment(StrEnum):
    development = "development"
    test = "test"
    production = "production"


def _split_csv(value: object) -> object:
    if isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    return value


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    environment: Environment = Environment.development
    database_url: str = f"sqlite+aiosqlite:///{REPO_ROOT / 'var' / 'daira.db'}"
    database_echo: bool = False
    # Per server process (uvicorn worker); PostgreSQL only. Workers x (size + overflow) must
    # stay under the server's max_connections.
    database_pool_size: int = 20
    database_max_overflow: int = 20
    redis_url: str | None = None
    secret_key: str = ""
    # Encrypts TOTP secrets at rest. Set it apart from SECRET_KEY in production, so that
    # rotating SECRET_KEY after a leak does not make every second factor unreadable.
    totp_encryption_key: str = ""
    public_url: str = "http://127.0.0.1:8000"
    cors_origins: Annotated[list[str], NoDecode] = []
    trusted_proxies: Annotated[list[IPNetwork], NoDecode] = []
    rate_limit_exempt_ips: Annotated[list[IPNetwork], NoDecode] = []
    metrics_allowed_ips: Annotated[list[IPNetwork], NoDecode] = Field(
        default_factory=lambda: [
            ipaddress.ip_network("127.0.0.0/8"),
            ipaddress.ip_network("::1/128"),
        ]
    )
    require_email_verification: bool = True
    require_staff_2fa: bool | None = None

    access_token_ttl_seconds: int = 900
    # A session's absolute lifetime: refreshing never extends it.
    refresh_token_ttl_days: int = 30
    # A session unused this long ends (ASVS 7.3.1), and a user keeps at most this many
    # live sessions: the oldest ends when another one starts.
    session_idle_timeout_hours: int = 7 * 24
    max_sessions_per_user: int = 20
    verification_token_ttl_hours: int = 48
    reset_token_ttl_minutes: int = 60

    email_backend: Literal["console", "smtp", "sendgrid"] = "console"
    email_from: str = "Daira <no-reply@daira.local>"
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 25
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    smtp_timeout_seconds: float = 10.0
    sendgrid_api_key: str | None = None
    sendgrid_api_url: str = "https://api.sendgrid.com/v3/mail/send"
    job_max_tries: int = 5
    job_retry_base_seconds: float = 2.0
    # `daira worker` serves its Prometheus metrics (job latency, failures) here when set.
    worker_metrics_port: int | None = None
    worker_metrics_host: str = "127.0.0.1"
    # On SIGTERM the worker stops taking jobs and lets running ones finish for this long (keep
    # it under the pod's terminationGracePeriodSeconds); jobs still running are then cancelled
    # and go back to the queue for another worker.
    worker_shutdown_grace_seconds: int = 20

    media_backend: Literal["local", "s3"] = "local"
    media_root: Path = REPO_ROOT / "var" / "media"
    media_url: str = "/media/"
    s3_bucket: str | None = None
    s3_endpoint_url: str | None = None
    s3_region: str | None = None
    s3_access_key_id: str | None = None
    s3_secret_access_key: str | None = None
    s3_public_url: str | None = None

    web_dist: Path = REPO_ROOT / "web" / "dist"

    rate_limit_enabled: bool = True
    rate_limit_login_ip: str = "10/15minutes"
    # Failed sign-ins per (account, client IP) pair: never per account alone, which would
    # let anyone lock an owner out by failing on purpose.
    rate_limit_login_account_ip: str = "5/15minutes"
    rate_limit_signup_ip: str = "3/hour"
    rate_limit_password_reset_ip: str = "5/hour"  # noqa: S105 - a limit, not a secret
    rate_limit_password_reset_email: str = "5/hour"  # noqa: S105 - emails to one address
    rate_limit_resend_verification_ip: str = "5/hour"
    # Change-password and 2FA enable/disable check a password or code: a stolen access
    # token must not become an unlimited oracle for guessing them.
    rate_limit_credential_check_user: str = "10/15minutes"
    rate_limit_posts_user: str = "30/hour"
    rate_limit_comments_user: str = "60/hour"
    rate_limit_reports_user: str = "20/hour"
    rate_limit_likes_user: str = "300/hour"
    rate_limit_follows_user: str = "100/hour"
    # Each avatar is decoded and re-encoded: CPU and memory a user must not spend at will.
    rate_limit_avatars_user: str = "20/hour"
    rate_limit_blocks_user: str = "60/hour"
    rate_limit_mutes_user: str = "60/hour"
    rate_limit_searches_user: str = "60/minute"

    # Server-Sent Events: a comment line this often keeps proxies from closing an idle stream.
    notifications_heartbeat_seconds: float = 15.0

    report_hide_threshold: int = 5

    # The moderation classifier's second opinion (docs/MODERATION.md). An unset threshold
    # keeps the one `make train-moderation` chose (reports/moderation-training.md).
    moderation_classifier_enabled: bool = True
    moderation_classifier_flag_threshold_en: float | None = Field(default=None, ge=0, le=1)
    moderation_classifier_hide_threshold_en: float | None = Field(default=None, ge=0, le=1)
    moderation_classifier_flag_threshold_ar: float | None = Field(default=None, ge=0, le=1)
    moderation_classifier_hide_threshold_ar: float | None = Field(default=None, ge=0, le=1)

    @field_validator(
        "trusted_proxies", "rate_limit_exempt_ips", "metrics_allowed_ips", mode="before"
    )
    @classmethod
    def _parse_networks(cls, value: object) -> object:
        value = _split_csv(value)
        if isinstance(value, list):
            return [ipaddress.ip_network(str(v), strict=False) for v in value]
        return value

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _parse_origins(cls, value: object) -> object:
        return _split_csv(value)

    @field_validator("cors_origins")
    @classmethod
    def _no_wildcard(cls, value: list[str]) -> list[str]:
        if "*" in value:
            raise ValueError("CORS_ORIGINS must list origins; '*' is not allowed")
        return value

    @model_validator(mode="after")
    def _secrets_outside_development(self) -> Settings:
        if self.environment is Environment.development:
            if not self.secret_key:
                # A key per process, never one published in the source: a restart only
                # ends access tokens, which the web app renews with its refresh cookie.
                self.secret_key = secrets.token_urlsafe(48)
        elif _weak_secret(self.secret_key):
            raise ValueError(
                f"SECRET_KEY must be set to a random value of at least {MIN_SECRET_LENGTH} "
                f"characters outside development (ENVIRONMENT={self.environment.value}); "
                "generate one with: python -c 'import secrets; print(secrets.token_urlsafe(48))'"
            )
        if self.environment is Environment.production and self.email_backend == "console":
            raise ValueError(
                "EMAIL_BACKEND=console is refused in production: reset and verification links "
                "would land in the logs; set EMAIL_BACKEND to smtp or sendgrid"
            )
        if self.require_staff_2fa is None:
            self.require_staff_2fa = self.environment is Environment.production
        return self

    @model_validator(mode="after")
    def _relaxed_limits_in_development(self) -> Settings:
        if self.environment is Environment.development:
            for name, limit in DEVELOPMENT_LIMITS.items():
                if name not in self.model_fields_set:
                    setattr(self, name, limit)
        return self

    @property
    def is_development(self) -> bool:
        return self.environment is Environment.development

    def public_url_for(self, host: str, port: int) -> str:
        """Links in emails: PUBLIC_URL when set, else the address this server listens on."""
        if "public_url" in self.model_fields_set:
            return self.public_url
        shown = "127.0.0.1" if host in {"0.0.0.0", "::", ""} else host  # noqa: S104 - naming it
        shown = f"[{shown}]" if ":" in shown else shown
        return f"http://{shown}:{port}"

    @property
    def totp_key(self) -> str:
        if self.totp_encryption_key:
            return self.totp_encryption_key
        # Development's SECRET_KEY changes at every start; its 2FA data is throwaway.
        return _DEV_TOTP_KEY if self.is_development else self.secret_key

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def staff_2fa_required(self) -> bool:
        return bool(self.require_staff_2fa)


@lru_cache
def get_settings() -> Settings:
    return Settings()
