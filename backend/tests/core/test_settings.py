"""Settings fail fast: production needs a real SECRET_KEY; lists parse from the environment."""

from __future__ import annotations

import ipaddress

import pytest
from pydantic import ValidationError

from daira.config import Settings
from tests.conftest import TEST_SECRET_KEY


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Judge the defaults, not whatever this shell exports (e.g. DATABASE_URL in CI)."""
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)


def settings(**values: object) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


RANDOM_KEY = "Vb3kq9LxT0pZ7wNc2RfYhJ5sGmA8dE1uQ4oIyK6v"
WEAK_KEYS = [
    None,
    "",
    "secret",
    "changeme",
    "short-but-random-1234",
    "x7" * 24,  # long, but a pattern
    "a" * 64,
    "dev-insecure-secret-key-change-me-0000000000",  # the key earlier versions published
]


@pytest.mark.parametrize("environment", ["production", "test"])
@pytest.mark.parametrize("secret", WEAK_KEYS)
def test_outside_development_a_missing_or_weak_secret_key_stops_the_start(
    environment: str, secret: str | None
) -> None:
    values: dict[str, object] = {"environment": environment, "email_backend": "smtp"}
    if secret is not None:
        values["secret_key"] = secret

    with pytest.raises(ValidationError, match="SECRET_KEY must be set to a random value"):
        settings(**values)


def test_production_starts_with_a_long_random_secret_key() -> None:
    production = settings(environment="production", secret_key=RANDOM_KEY, email_backend="smtp")

    assert production.secret_key == RANDOM_KEY
    assert production.require_staff_2fa is True


def test_production_refuses_the_console_email_backend() -> None:
    with pytest.raises(ValidationError, match="EMAIL_BACKEND=console is refused in production"):
        settings(environment="production", secret_key=RANDOM_KEY, email_backend="console")
    assert settings(environment="test", secret_key=RANDOM_KEY).email_backend == "console"


def test_development_gets_a_random_key_of_its_own_never_a_published_one() -> None:
    first, second = settings(environment="development"), settings(environment="development")

    assert len(first.secret_key) >= 32
    assert first.secret_key != second.secret_key


def test_production_secret_key_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        settings()

    monkeypatch.setenv("EMAIL_BACKEND", "smtp")
    monkeypatch.setenv("SECRET_KEY", RANDOM_KEY)
    assert settings().secret_key == RANDOM_KEY


def test_comma_lists_parse_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORS_ORIGINS", "https://a.example, https://b.example")
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.1,10.2.0.0/16")
    monkeypatch.setenv("RATE_LIMIT_EXEMPT_IPS", "")
    monkeypatch.setenv("METRICS_ALLOWED_IPS", "192.0.2.5")

    parsed = settings()

    assert parsed.cors_origins == ["https://a.example", "https://b.example"]
    assert parsed.trusted_proxies == [
        ipaddress.ip_network("10.0.0.1/32"),
        ipaddress.ip_network("10.2.0.0/16"),
    ]
    assert parsed.rate_limit_exempt_ips == []
    assert parsed.metrics_allowed_ips == [ipaddress.ip_network("192.0.2.5/32")]


def test_defaults_are_safe() -> None:
    defaults = settings()

    assert defaults.cors_origins == []
    assert defaults.trusted_proxies == []
    assert defaults.rate_limit_exempt_ips == []
    assert defaults.require_email_verification is True
    assert defaults.redis_url is None
    assert defaults.is_sqlite
    assert {str(n) for n in defaults.metrics_allowed_ips} == {"127.0.0.0/8", "::1/128"}


def test_development_relaxes_the_abuse_limits_that_exploring_trips() -> None:
    development = settings(environment="development")
    production = settings(
        environment="production", secret_key=TEST_SECRET_KEY, email_backend="smtp"
    )

    assert production.rate_limit_login_ip == "10/15minutes"
    assert production.rate_limit_signup_ip == "3/hour"
    test = settings(environment="test", secret_key=TEST_SECRET_KEY)
    assert test.rate_limit_login_ip == "10/15minutes"
    assert development.rate_limit_login_ip == "300/15minutes"
    assert development.rate_limit_signup_ip == "100/hour"


def test_an_explicit_limit_wins_in_development(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RATE_LIMIT_LOGIN_IP", "5/minute")

    assert settings(environment="development").rate_limit_login_ip == "5/minute"


@pytest.mark.parametrize(
    ("host", "port", "url"),
    [
        ("127.0.0.1", 8100, "http://127.0.0.1:8100"),
        ("0.0.0.0", 9000, "http://127.0.0.1:9000"),  # noqa: S104 - the address under test
        ("::1", 8000, "http://[::1]:8000"),
    ],
)
def test_email_links_follow_the_served_address_unless_public_url_is_set(
    host: str, port: int, url: str
) -> None:
    assert settings().public_url_for(host, port) == url
    chosen = settings(public_url="https://daira.example")
    assert chosen.public_url_for(host, port) == "https://daira.example"
