"""REQUIRE_STAFF_2FA: staff must turn on two-factor before using staff-only routes.

The dependency is exercised through a tiny route added to the test's app, so the rule is
tested on its own, whatever /admin routes exist.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import APIRouter

from daira.auth.deps import AdminUser, ModeratorUser
from daira.models import Role
from tests.auth.conftest import API, AuthFlow, totp_code
from tests.conftest import STRONG_PASSWORD, AppHarness, MakeUser


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {"require_staff_2fa": True}


@pytest.fixture(autouse=True)
def staff_routes(harness: AppHarness) -> None:
    router = APIRouter(prefix="/test-staff")

    @router.get("/moderator")
    async def for_moderators(user: ModeratorUser) -> dict[str, str]:
        return {"username": user.username}

    @router.get("/admin")
    async def for_admins(user: AdminUser) -> dict[str, str]:
        return {"username": user.username}

    before = len(harness.app.router.routes)
    harness.app.include_router(router)
    added = harness.app.router.routes[before:]
    # Ahead of the web app's catch-all route, which would otherwise answer first.
    del harness.app.router.routes[before:]
    harness.app.router.routes[0:0] = added


async def _enable_2fa(flow: AuthFlow, headers: dict[str, str]) -> None:
    secret = (
        await flow.client.post(
            f"{API}/2fa/setup", json={"password": STRONG_PASSWORD}, headers=headers
        )
    ).json()["secret"]
    response = await flow.client.post(
        f"{API}/2fa/enable", json={"code": totp_code(secret)}, headers=headers
    )
    assert response.status_code == 200


@pytest.mark.parametrize(("role", "path"), [(Role.moderator, "moderator"), (Role.admin, "admin")])
async def test_staff_without_2fa_are_refused_then_admitted_once_it_is_on(
    flow: AuthFlow, make_user: MakeUser, role: Role, path: str
) -> None:
    staff = await make_user(f"staff_{path}", role=role)

    refused = await flow.client.get(f"/test-staff/{path}", headers=staff.headers)
    await _enable_2fa(flow, staff.headers)
    admitted = await flow.client.get(f"/test-staff/{path}", headers=staff.headers)

    assert refused.status_code == 403
    assert refused.json()["code"] == "staff_2fa_required"
    assert admitted.status_code == 200


async def test_roles_are_checked_before_2fa(flow: AuthFlow, make_user: MakeUser) -> None:
    user = await make_user("plain")
    moderator = await make_user("moder", role=Role.moderator)
    await _enable_2fa(flow, moderator.headers)

    as_user = await flow.client.get("/test-staff/moderator", headers=user.headers)
    moderator_on_admin = await flow.client.get("/test-staff/admin", headers=moderator.headers)
    anonymous = await flow.client.get("/test-staff/admin")

    assert as_user.status_code == moderator_on_admin.status_code == 403
    assert as_user.json()["code"] == "insufficient_role"
    assert moderator_on_admin.json()["code"] == "insufficient_role"
    assert anonymous.status_code == 401


@pytest.mark.parametrize("settings_overrides", [{"require_staff_2fa": False}])
async def test_staff_need_no_2fa_when_the_setting_is_off(
    flow: AuthFlow, make_user: MakeUser, settings_overrides: dict[str, Any]
) -> None:
    admin = await make_user("relaxed", role=Role.admin)

    response = await flow.client.get("/test-staff/admin", headers=admin.headers)

    assert response.status_code == 200


def test_staff_2fa_is_required_by_default_in_production_only() -> None:
    from daira.config import Settings

    production = Settings(
        _env_file=None,
        environment="production",
        secret_key="Vb3kq9LxT0pZ7wNc2RfYhJ5sGmA8dE1uQ4oIyK6v",
        email_backend="smtp",
    )  # type: ignore[call-arg]
    development = Settings(_env_file=None, environment="development")  # type: ignore[call-arg]

    assert production.staff_2fa_required is True
    assert development.staff_2fa_required is False


@pytest.mark.parametrize("path", ["/api/v1/admin/stats", "/api/v1/admin/users"])
async def test_the_admin_api_enforces_staff_2fa(
    flow: AuthFlow, make_user: MakeUser, path: str
) -> None:
    admin = await make_user("realadmin", role=Role.admin)

    refused = await flow.client.get(path, headers=admin.headers)
    await _enable_2fa(flow, admin.headers)
    admitted = await flow.client.get(path, headers=admin.headers)

    assert refused.status_code == 403
    assert refused.json()["code"] == "staff_2fa_required"
    assert admitted.status_code == 200
