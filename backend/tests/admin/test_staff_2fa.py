"""REQUIRE_STAFF_2FA: staff without two-factor authentication are kept out of /admin."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import update

from daira.models import Role, User
from daira.models.base import utcnow
from tests.conftest import AppHarness, MakeUser
from tests.support.moderation import ADMIN_API


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {"require_staff_2fa": True}


@pytest.mark.parametrize("role", [Role.moderator, Role.admin])
async def test_staff_without_two_factor_get_a_403_saying_why(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness, role: Role
) -> None:
    staff = await make_user("staffer", role=role)
    response = await client.get(f"{ADMIN_API}/stats", headers=staff.headers)
    assert response.status_code == 403
    assert response.json()["code"] == "staff_2fa_required"

    async with harness.session() as session:
        await session.execute(
            update(User).where(User.id == staff.id).values(totp_enabled_at=utcnow())
        )
        await session.commit()
    assert (await client.get(f"{ADMIN_API}/stats", headers=staff.headers)).status_code == 200


async def test_plain_users_are_told_about_their_role_not_about_two_factor(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user("plain")
    response = await client.get(f"{ADMIN_API}/stats", headers=user.headers)
    assert response.status_code == 403
    assert response.json()["code"] == "insufficient_role"
