"""The owner is emailed when an account that already had a session signs in somewhere new."""

from __future__ import annotations

import httpx

from tests.auth.conftest import API
from tests.conftest import AppHarness, MakeUser

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
CHROME_ANDROID = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile"


async def _login(harness: AppHarness, email: str, password: str, ip: str, ua: str) -> None:
    transport = httpx.ASGITransport(app=harness.app, client=(ip, 1))
    async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as c:
        response = await c.post(
            f"{API}/login",
            json={"email": email, "password": password},
            headers={"User-Agent": ua},
        )
    assert response.status_code == 200, response.text


async def _sign_in_mails(harness: AppHarness, email: str) -> list[str]:
    return [m.text for m in await harness.mails_to(email) if "New sign-in" in m.subject]


async def test_the_first_sign_in_and_a_known_device_send_nothing(
    harness: AppHarness, make_user: MakeUser
) -> None:
    account = await make_user("homebody", login=False)

    await _login(harness, account.email, account.password, "192.0.2.1", FIREFOX)
    await _login(harness, account.email, account.password, "192.0.2.1", FIREFOX)

    assert await _sign_in_mails(harness, account.email) == []


async def test_a_new_device_or_address_is_reported_to_the_owner(
    harness: AppHarness, make_user: MakeUser
) -> None:
    account = await make_user("traveller", login=False)
    await _login(harness, account.email, account.password, "192.0.2.1", FIREFOX)

    await _login(harness, account.email, account.password, "192.0.2.1", CHROME_ANDROID)
    await _login(harness, account.email, account.password, "198.51.100.9", FIREFOX)

    mails = await _sign_in_mails(harness, account.email)
    assert len(mails) == 2
    assert "Chrome on Android" in mails[0]
    assert "192.0.2.1" in mails[0]
    assert "198.51.100.9" in mails[1]
    assert "https://daira.test/settings" in mails[1]
