"""Helpers for the notification, block, mute, tag and search tests."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import Account
from tests.support.social import API


async def notifications(client: httpx.AsyncClient, viewer: Account) -> list[dict[str, Any]]:
    response = await client.get(f"{API}/notifications", headers=viewer.headers)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def kinds(client: httpx.AsyncClient, viewer: Account) -> list[tuple[str, str | None]]:
    """(kind, actor username) of each notification, newest first."""
    return [
        (n["kind"], n["actor"]["username"] if n["actor"] else None)
        for n in await notifications(client, viewer)
    ]


async def unread(client: httpx.AsyncClient, viewer: Account) -> int:
    response = await client.get(f"{API}/notifications/unread-count", headers=viewer.headers)
    assert response.status_code == 200, response.text
    count: int = response.json()["count"]
    return count


async def relate(
    client: httpx.AsyncClient, owner: Account, username: str, kind: str, method: str = "POST"
) -> None:
    response = await client.request(method, f"{API}/users/{username}/{kind}", headers=owner.headers)
    assert response.status_code == 204, response.text


async def like(client: httpx.AsyncClient, viewer: Account, post_id: int) -> httpx.Response:
    return await client.post(f"{API}/posts/{post_id}/like", headers=viewer.headers)


async def search(
    client: httpx.AsyncClient, viewer: Account, q: str, type_: str
) -> list[dict[str, Any]]:
    response = await client.get(
        f"{API}/search", params={"q": q, "type": type_}, headers=viewer.headers
    )
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items
