"""Who may use which admin endpoint: anonymous / user / moderator / admin x every endpoint."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from daira.models import Role
from tests.conftest import MakeUser
from tests.support.moderation import ADMIN_API

MISSING = 999_999

# (method, path, body, the least role that may call it). SPEC: moderators and admins get the
# queue and its actions, user search, the audit log, stats and rule testing; admins alone
# change rules, roles and accounts.
ENDPOINTS: list[tuple[str, str, dict[str, Any] | None, Role]] = [
    ("GET", "/users?search=a", None, Role.moderator),
    ("POST", f"/users/{MISSING}/disable", {"reason": "spam"}, Role.admin),
    ("POST", f"/users/{MISSING}/enable", None, Role.admin),
    ("PATCH", f"/users/{MISSING}", {"role": "moderator"}, Role.admin),
    ("GET", "/moderation-queue?status=pending", None, Role.moderator),
    ("GET", "/moderation-queue?status=resolved", None, Role.moderator),
    ("POST", f"/moderation-queue/{MISSING}/approve", None, Role.moderator),
    ("POST", f"/moderation-queue/{MISSING}/remove", None, Role.moderator),
    ("GET", "/moderation-rules", None, Role.moderator),
    ("GET", f"/moderation-rules/{MISSING}", None, Role.moderator),
    ("POST", "/moderation-rules", {"pattern": "matrix", "action": "flag"}, Role.admin),
    ("PATCH", f"/moderation-rules/{MISSING}", {"enabled": False}, Role.admin),
    ("DELETE", f"/moderation-rules/{MISSING}", None, Role.admin),
    ("POST", "/moderation-rules/test", {"text": "hello"}, Role.moderator),
    ("GET", "/audit-log", None, Role.moderator),
    ("GET", "/audit-log/verify", None, Role.moderator),
    ("GET", "/stats", None, Role.moderator),
]
RANK = {Role.user: 0, Role.moderator: 1, Role.admin: 2}


@pytest.mark.parametrize(
    ("method", "path", "body", "least"),
    ENDPOINTS,
    ids=[f"{m} {p}" for m, p, _, _ in ENDPOINTS],
)
@pytest.mark.parametrize("who", ["anonymous", "user", "moderator", "admin"])
async def test_permission_matrix(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    least: Role,
    who: str,
) -> None:
    headers: dict[str, str] = {}
    if who != "anonymous":
        account = await make_user(f"who_{who}", role=Role(who))
        headers = account.headers
    response = await client.request(method, f"{ADMIN_API}{path}", json=body, headers=headers)
    if who == "anonymous":
        assert response.status_code == 401, response.text
    elif RANK[Role(who)] < RANK[least]:
        assert response.status_code == 403, response.text
        assert response.json()["code"] == "insufficient_role"
    else:
        # Allowed: the answer is about the request (200, 201, 204 or 404 for the missing id).
        assert response.status_code in (200, 201, 204, 404), response.text
