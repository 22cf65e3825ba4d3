"""Odd input to the admin and report endpoints is a 4xx problem, never a 500."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import MakeUser
from tests.support.moderation import ADMIN_API, API, staff
from tests.support.social import post

ODD = ["\x00", "a\x00b", "'; DROP TABLE users; --", "\\", "%_\\'", "💥" * 100, "\u202e\u200b"]


@pytest.mark.parametrize("odd", ODD, ids=repr)
async def test_odd_text_never_breaks_the_server(
    client: httpx.AsyncClient, make_user: MakeUser, odd: str
) -> None:
    admin = await staff(make_user)
    author = await make_user("author")
    target = await post(client, author)
    h = admin.headers
    answers = [
        await client.get(f"{ADMIN_API}/users", params={"search": odd}, headers=h),
        await client.get(f"{ADMIN_API}/audit-log", params={"actor": odd, "action": odd}, headers=h),
        await client.post(f"{ADMIN_API}/moderation-rules", json={"pattern": odd}, headers=h),
        await client.post(
            f"{ADMIN_API}/moderation-rules", json={"pattern": odd, "match": "regex"}, headers=h
        ),
        await client.post(f"{ADMIN_API}/moderation-rules/test", json={"text": odd}, headers=h),
        await client.post(
            f"{API}/posts/{target['id']}/report", json={"reason": "spam", "details": odd}, headers=h
        ),
        await client.post(
            f"{ADMIN_API}/users/{author.id}/disable", json={"reason": odd}, headers=h
        ),
        await client.post(f"{ADMIN_API}/users/{author.id}/enable", json={"reason": odd}, headers=h),
        await client.get(
            f"{ADMIN_API}/moderation-queue", params={"status": odd, "cursor": odd}, headers=h
        ),
    ]
    for answer in answers:
        assert answer.status_code < 500, (answer.request.url, answer.text)
        if answer.status_code >= 400:
            assert answer.headers["content-type"].startswith("application/problem+json")
