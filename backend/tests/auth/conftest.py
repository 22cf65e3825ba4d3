"""Helpers for the auth tests: sign-up through the API and read the emailed links."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pyotp
import pytest
from sqlalchemy import select

from daira.models import User
from tests.conftest import STRONG_PASSWORD, AppHarness
from tests.support.mailbox import CapturedMail

API = "/api/v1/auth"
# The tests run outside development, where the refresh cookie carries the __Secure- prefix.
REFRESH_COOKIE = "__Secure-daira_refresh"


def token_from(mail: CapturedMail, path: str) -> str:
    """The `token` query parameter of the link to `path` in an email."""
    for link in mail.links():
        parts = urlsplit(link)
        if parts.path == path:
            return parse_qs(parts.query)["token"][0]
    raise AssertionError(f"no link to {path} in {mail.subject!r}: {mail.links()}")


def refresh_cookie(response: httpx.Response) -> str:
    """The refresh token set by a login or refresh answer."""
    for header in response.headers.get_list("set-cookie"):
        name, _, rest = header.partition("=")
        if name == REFRESH_COOKIE:
            return rest.split(";", 1)[0]
    raise AssertionError(f"no refresh cookie in {response.headers.get_list('set-cookie')}")


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def with_refresh(token: str) -> dict[str, str]:
    return {"Cookie": f"{REFRESH_COOKIE}={token}"}


class AuthFlow:
    """Drive the public auth endpoints the way the web app does."""

    def __init__(self, client: httpx.AsyncClient, harness: AppHarness) -> None:
        self.client = client
        self.harness = harness

    async def signup(
        self,
        email: str,
        username: str,
        password: str = STRONG_PASSWORD,
        **extra: Any,
    ) -> httpx.Response:
        body = {
            "email": email,
            "username": username,
            "password": password,
            "accept_terms": True,
            **extra,
        }
        return await self.client.post(f"{API}/signup", json=body)

    async def last_mail(self, address: str, subject_part: str) -> CapturedMail:
        mails = [m for m in await self.harness.mails_to(address) if subject_part in m.subject]
        assert mails, f"no email to {address} about {subject_part!r}"
        return mails[-1]

    async def verification_token(self, address: str) -> str:
        return token_from(await self.last_mail(address, "Confirm your email"), "/verify-email")

    async def reset_token(self, address: str) -> str:
        return token_from(await self.last_mail(address, "Reset your"), "/reset-password")

    async def signup_verified(self, email: str, username: str) -> None:
        assert (await self.signup(email, username)).status_code == 202
        token = await self.verification_token(email)
        response = await self.client.post(f"{API}/verify-email", json={"token": token})
        assert response.status_code == 200, response.text

    async def login(
        self, email: str, password: str = STRONG_PASSWORD, otp: str | None = None
    ) -> httpx.Response:
        body: dict[str, Any] = {"email": email, "password": password}
        if otp is not None:
            body["otp"] = otp
        return await self.client.post(f"{API}/login", json=body)

    async def user(self, email: str) -> User:
        async with self.harness.session() as session:
            user = await session.scalar(select(User).where(User.email == email.lower()))
            assert user is not None
            return user


@pytest.fixture
def flow(client: httpx.AsyncClient, harness: AppHarness) -> AuthFlow:
    return AuthFlow(client, harness)


def totp_code(secret: str, step_offset: int = 0) -> str:
    """The code of the current time step, or of a neighbouring one."""
    return pyotp.TOTP(secret).at(time.time(), counter_offset=step_offset)
