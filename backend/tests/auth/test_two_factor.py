"""TOTP two-factor: set-up, enabling, sign-in with and without a code, recovery codes."""

from __future__ import annotations

import time

import pyotp
import pytest
from sqlalchemy import select, update

from daira.auth.totp import matching_step
from daira.core.secretbox import SecretBox
from daira.models import AuditEntry, User
from daira.models.base import utcnow
from tests.auth.conftest import API, AuthFlow, bearer, totp_code
from tests.conftest import STRONG_PASSWORD, AppHarness, MakeUser


async def _enable(flow: AuthFlow, headers: dict[str, str]) -> tuple[str, list[str]]:
    setup = await flow.client.post(
        f"{API}/2fa/setup", json={"password": STRONG_PASSWORD}, headers=headers
    )
    assert setup.status_code == 200
    secret = setup.json()["secret"]
    enabled = await flow.client.post(
        f"{API}/2fa/enable", json={"code": totp_code(secret)}, headers=headers
    )
    assert enabled.status_code == 200, enabled.text
    return secret, enabled.json()["recovery_codes"]


async def _forget_last_step(harness: AppHarness, user_id: int) -> None:
    """Let the next code of the current step count as unused (a later sign-in)."""
    async with harness.session() as session:
        await session.execute(update(User).where(User.id == user_id).values(totp_last_step=None))
        await session.commit()


async def test_setup_returns_a_secret_uri_and_qr_code(flow: AuthFlow, make_user: MakeUser) -> None:
    account = await make_user("setup")

    response = await flow.client.post(
        f"{API}/2fa/setup", json={"password": STRONG_PASSWORD}, headers=account.headers
    )

    assert response.status_code == 200
    body = response.json()
    assert len(body["secret"]) >= 16
    assert body["otpauth_uri"].startswith("otpauth://totp/Daira:setup%40example.com?")
    assert f"secret={body['secret']}" in body["otpauth_uri"]
    assert body["qr_svg"].lstrip().startswith("<?xml") or "<svg" in body["qr_svg"]
    me = (await flow.login(account.email)).json()["user"]
    assert me["totp_enabled"] is False  # set-up alone does not turn it on


async def test_enabling_returns_single_use_recovery_codes_and_is_audited(
    flow: AuthFlow, make_user: MakeUser, harness: AppHarness
) -> None:
    account = await make_user("enabler")

    _, codes = await _enable(flow, account.headers)

    assert len(codes) == 10
    assert len(set(codes)) == 10
    user = await flow.user(account.email)
    assert user.totp_enabled_at is not None
    async with harness.session() as session:
        actions = (await session.scalars(select(AuditEntry.action).order_by(AuditEntry.id))).all()
    assert actions == ["auth.2fa_enabled"]


async def test_enabling_with_a_wrong_code_is_422(flow: AuthFlow, make_user: MakeUser) -> None:
    account = await make_user("wrongcode")
    await flow.client.post(
        f"{API}/2fa/setup", json={"password": STRONG_PASSWORD}, headers=account.headers
    )

    response = await flow.client.post(
        f"{API}/2fa/enable", json={"code": "000000"}, headers=account.headers
    )

    assert response.status_code == 422
    assert response.json()["code"] == "invalid_otp"
    assert response.json()["errors"][0]["field"] == "code"


async def test_enabling_before_setup_is_400_and_twice_is_409(
    flow: AuthFlow, make_user: MakeUser
) -> None:
    account = await make_user("order")

    early = await flow.client.post(
        f"{API}/2fa/enable", json={"code": "123456"}, headers=account.headers
    )
    await _enable(flow, account.headers)
    setup_again = await flow.client.post(
        f"{API}/2fa/setup", json={"password": STRONG_PASSWORD}, headers=account.headers
    )
    enable_again = await flow.client.post(
        f"{API}/2fa/enable", json={"code": "123456"}, headers=account.headers
    )

    assert early.status_code == 400
    assert early.json()["code"] == "totp_not_set_up"
    assert setup_again.status_code == enable_again.status_code == 409
    assert setup_again.json()["code"] == "totp_already_enabled"


async def test_login_without_a_code_is_401_otp_required(
    flow: AuthFlow, make_user: MakeUser
) -> None:
    account = await make_user("needscode")
    await _enable(flow, account.headers)

    response = await flow.login(account.email)

    assert response.status_code == 401
    assert response.json()["code"] == "otp_required"
    assert "set-cookie" not in response.headers


async def test_login_with_a_wrong_password_never_asks_for_the_code(
    flow: AuthFlow, make_user: MakeUser
) -> None:
    account = await make_user("noleak")
    await _enable(flow, account.headers)

    response = await flow.login(account.email, "wrong-password-but-long")

    assert response.json()["code"] == "invalid_credentials"


async def test_login_with_a_current_code_succeeds_and_the_code_cannot_be_reused(
    flow: AuthFlow, make_user: MakeUser, harness: AppHarness
) -> None:
    account = await make_user("coder")
    secret, _ = await _enable(flow, account.headers)
    await _forget_last_step(harness, account.id)
    code = totp_code(secret)

    first = await flow.login(account.email, otp=code)
    again = await flow.login(account.email, otp=code)

    assert first.status_code == 200
    assert first.json()["user"]["totp_enabled"] is True
    assert again.status_code == 401
    assert again.json()["code"] == "invalid_otp"


async def test_the_code_used_to_enable_cannot_sign_in(flow: AuthFlow, make_user: MakeUser) -> None:
    account = await make_user("enablecode")
    setup = await flow.client.post(
        f"{API}/2fa/setup", json={"password": STRONG_PASSWORD}, headers=account.headers
    )
    code = totp_code(setup.json()["secret"])
    await flow.client.post(f"{API}/2fa/enable", json={"code": code}, headers=account.headers)

    response = await flow.login(account.email, otp=code)

    assert response.status_code == 401
    assert response.json()["code"] == "invalid_otp"


async def test_a_code_one_step_ahead_is_accepted(flow: AuthFlow, make_user: MakeUser) -> None:
    account = await make_user("drifter")
    secret, _ = await _enable(flow, account.headers)

    response = await flow.login(account.email, otp=totp_code(secret, step_offset=1))

    assert response.status_code == 200


async def test_a_wrong_code_is_401_invalid_otp(flow: AuthFlow, make_user: MakeUser) -> None:
    account = await make_user("badotp")
    secret, _ = await _enable(flow, account.headers)
    wrong = f"{(int(totp_code(secret)) + 1) % 1_000_000:06d}"

    response = await flow.login(account.email, otp=wrong)

    assert response.status_code == 401
    assert response.json()["code"] == "invalid_otp"


def test_one_step_of_drift_either_way_and_no_more() -> None:
    secret = pyotp.random_base32()
    totp = pyotp.TOTP(secret)
    now = 1_800_000_015.0
    step = int(now // 30)

    assert matching_step(secret, totp.at(now), None, now) == step
    assert matching_step(secret, totp.at(now - 30), None, now) == step - 1
    assert matching_step(secret, totp.at(now + 30), None, now) == step + 1
    assert matching_step(secret, totp.at(now - 60), None, now) is None
    assert matching_step(secret, totp.at(now + 60), None, now) is None
    assert matching_step(secret, totp.at(now), step, now) is None
    assert matching_step(secret, totp.at(now - 30), step, now) is None
    assert matching_step(secret, "12345", None, now) is None
    assert matching_step(secret, "abcdef", None, now) is None
    spaced = totp.at(now)
    assert matching_step(secret, f"{spaced[:3]} {spaced[3:]}", None, now) == step


def test_codes_typed_with_arabic_digits_are_understood() -> None:
    secret = pyotp.random_base32()
    now = 1_800_000_015.0
    code = pyotp.TOTP(secret).at(now)
    arabic_indic = code.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    eastern = code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))

    assert matching_step(secret, arabic_indic, None, now) == int(now // 30)
    assert matching_step(secret, eastern, None, now) == int(now // 30)
    assert matching_step(secret, "１２３４５６", None, now) is None  # other digits: no match


async def test_login_with_a_code_in_arabic_digits(
    flow: AuthFlow, make_user: MakeUser, harness: AppHarness
) -> None:
    account = await make_user("arabic_digits")
    secret, _ = await _enable(flow, account.headers)
    await _forget_last_step(harness, account.id)
    code = totp_code(secret).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))

    response = await flow.login(account.email, otp=code)

    assert response.status_code == 200


async def test_recovery_codes_sign_in_once_each(flow: AuthFlow, make_user: MakeUser) -> None:
    account = await make_user("recover")
    _, codes = await _enable(flow, account.headers)

    first = await flow.login(account.email, otp=codes[0].upper())
    reused = await flow.login(account.email, otp=codes[0])
    second = await flow.login(account.email, otp=codes[1])

    assert first.status_code == 200
    assert reused.status_code == 401
    assert reused.json()["code"] == "invalid_otp"
    assert second.status_code == 200


async def test_a_recovery_code_works_typed_without_its_dash(
    flow: AuthFlow, make_user: MakeUser
) -> None:
    account = await make_user("nodash")
    _, codes = await _enable(flow, account.headers)

    response = await flow.login(account.email, otp=codes[2].replace("-", " "))
    again = await flow.login(account.email, otp=codes[2].replace("-", ""))

    assert response.status_code == 200
    assert again.status_code == 401


async def test_disable_needs_the_password_and_a_code(
    flow: AuthFlow, make_user: MakeUser, harness: AppHarness
) -> None:
    account = await make_user("disabler")
    secret, codes = await _enable(flow, account.headers)
    await _forget_last_step(harness, account.id)

    wrong_password = await flow.client.post(
        f"{API}/2fa/disable",
        json={"password": "not-the-password", "code": totp_code(secret)},
        headers=account.headers,
    )
    wrong_code = await flow.client.post(
        f"{API}/2fa/disable",
        json={"password": account.password, "code": "000000"},
        headers=account.headers,
    )
    missing_code = await flow.client.post(
        f"{API}/2fa/disable", json={"password": account.password}, headers=account.headers
    )
    assert wrong_password.status_code == wrong_code.status_code == missing_code.status_code == 422
    assert wrong_password.json()["errors"][0]["field"] == "password"
    assert wrong_code.json()["errors"][0]["field"] == "code"
    assert missing_code.json()["errors"][0]["field"] == "code"

    response = await flow.client.post(
        f"{API}/2fa/disable",
        json={"password": account.password, "code": totp_code(secret)},
        headers=account.headers,
    )

    assert response.status_code == 204
    assert (await flow.login(account.email)).status_code == 200
    assert (await flow.login(account.email, otp=codes[0])).status_code == 200  # otp ignored
    user = await flow.user(account.email)
    assert user.totp_secret is None
    async with harness.session() as session:
        actions = (await session.scalars(select(AuditEntry.action).order_by(AuditEntry.id))).all()
    assert actions == ["auth.2fa_enabled", "auth.2fa_disabled"]


async def test_disable_accepts_a_recovery_code(flow: AuthFlow, make_user: MakeUser) -> None:
    account = await make_user("lostphone")
    _, codes = await _enable(flow, account.headers)

    response = await flow.client.post(
        f"{API}/2fa/disable",
        json={"password": account.password, "code": codes[3]},
        headers=account.headers,
    )

    assert response.status_code == 204


async def test_disable_when_not_enabled_is_409(flow: AuthFlow, make_user: MakeUser) -> None:
    account = await make_user("never")

    response = await flow.client.post(
        f"{API}/2fa/disable",
        json={"password": account.password, "code": "123456"},
        headers=account.headers,
    )

    assert response.status_code == 409
    assert response.json()["code"] == "totp_not_enabled"


@pytest.mark.parametrize("path", ["/2fa/setup", "/2fa/enable", "/2fa/disable"])
async def test_two_factor_endpoints_need_a_signed_in_user(flow: AuthFlow, path: str) -> None:
    response = await flow.client.post(
        f"{API}{path}", json={"code": "123456", "password": "whatever-it-is"}
    )

    assert response.status_code == 401


async def test_a_new_session_after_2fa_works_with_its_access_token(
    flow: AuthFlow, make_user: MakeUser
) -> None:
    account = await make_user("fullcircle")
    _, codes = await _enable(flow, account.headers)
    started = time.monotonic()

    login = await flow.login(account.email, otp=codes[5])

    sessions = await flow.client.get(
        f"{API}/sessions", headers=bearer(login.json()["access_token"])
    )
    assert sessions.status_code == 200
    assert time.monotonic() - started < 5


async def test_setup_needs_the_current_password(flow: AuthFlow, make_user: MakeUser) -> None:
    account = await make_user("stolentoken")

    missing = await flow.client.post(f"{API}/2fa/setup", json={}, headers=account.headers)
    wrong = await flow.client.post(
        f"{API}/2fa/setup", json={"password": "a-guessed-password"}, headers=account.headers
    )

    assert missing.status_code == wrong.status_code == 422
    assert missing.json()["errors"][0]["field"] == "password"
    assert wrong.json()["code"] == "invalid_password"
    assert wrong.json()["errors"][0]["field"] == "password"
    assert (await flow.user(account.email)).totp_secret is None


async def test_the_owner_is_emailed_when_2fa_is_turned_on_and_off(
    flow: AuthFlow, make_user: MakeUser, harness: AppHarness
) -> None:
    account = await make_user("notified")
    secret, _ = await _enable(flow, account.headers)
    on = [m.subject for m in await harness.mails_to(account.email)]
    await _forget_last_step(harness, account.id)

    await flow.client.post(
        f"{API}/2fa/disable",
        json={"password": account.password, "code": totp_code(secret)},
        headers=account.headers,
    )

    subjects = [m.subject for m in await harness.mails_to(account.email)]
    assert on == ["Two-factor authentication is on for your Daira account"]
    assert subjects[-1] == "Two-factor authentication is off for your Daira account"


async def test_the_totp_secret_is_stored_encrypted(
    flow: AuthFlow, make_user: MakeUser, harness: AppHarness
) -> None:
    account = await make_user("sealed")
    secret, _ = await _enable(flow, account.headers)

    stored = (await flow.user(account.email)).totp_secret

    assert stored is not None
    assert stored.startswith("v1:")
    assert secret not in stored
    assert SecretBox(harness.settings.totp_key, b"daira totp secret").open(stored) == secret


async def test_a_secret_stored_before_encryption_still_signs_in(
    flow: AuthFlow, make_user: MakeUser, harness: AppHarness
) -> None:
    account = await make_user("legacy")
    secret = pyotp.random_base32()
    async with harness.session() as session:
        await session.execute(
            update(User)
            .where(User.id == account.id)
            .values(totp_secret=secret, totp_enabled_at=utcnow())
        )
        await session.commit()

    response = await flow.login(account.email, otp=totp_code(secret))

    assert response.status_code == 200, response.text
