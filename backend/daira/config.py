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
DEV_SECRET_KEY = "dev-insecure-secret-key-change-me-0000000000"  # noqa: S105 - development only
_INSECURE_SECRETS = {DEV_SECRET_KEY, "", "secret", "changeme", "change-me"}

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


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
    refresh_token_ttl_days: int = 30
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
    rate_limit_login_email: str = "10/15minutes"
    rate_limit_signup_ip: str = "3/hour"
    rate_limit_password_reset_ip: str = "5/hour"  # noqa: S105 - a limit, not a secret
    rate_limit_resend_verification_ip: str = "5/hour"
    # Change-password and 2FA enable/disable check a password or code: a stolen access
    # token must not become an unlimited oracle for guessing them.
    rate_limit_credential_check_user: str = "10/15minutes"
    rate_limit_posts_user: str = "30/hour"
    rate_limit_comments_user: str = "60/hour"
    rate_limit_reports_user: str = "20/hour"
    rate_limit_likes_user: str = "300/hour"
    rate_limit_follows_user: str = "100/hour"
    rate_limit_blocks_user: str = "60/hour"
    rate_limit_mutes_user: str = "60/hour"
    rate_limit_searches_user: str = "60/minute"

    # Server-Sent Events: a comment line this often keeps proxies from closing an idle stream.
    notifications_heartbeat_seconds: float = 15.0

    report_hide_threshold: int = 5

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
        if self.secret_key in _INSECURE_SECRETS or len(self.secret_key) < 32:
            if self.environment is Environment.production:
                raise ValueError(
                    "SECRET_KEY must be set to a random value of at least 32 characters in "
                    "production (python -c 'import secrets; print(secrets.token_urlsafe(48))')"
                )
            if not self.secret_key and self.environment is Environment.development:
                self.secret_key = DEV_SECRET_KEY
            elif not self.secret_key:
                # Tests get a throwaway key per process rather than a shared constant.
                self.secret_key = secrets.token_urlsafe(48)
        if self.require_staff_2fa is None:
            self.require_staff_2fa = self.environment is Environment.production
        return self

    @property
    def is_development(self) -> bool:
        return self.environment is Environment.development

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def staff_2fa_required(self) -> bool:
        return bool(self.require_staff_2fa)


@lru_cache
def get_settings() -> Settings:
    return Settings()
