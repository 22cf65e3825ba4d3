"""Helpers for the social tests: write posts through the API, change rows behind its back."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import update

from daira.models import Comment, Post, User
from daira.models.base import utcnow
from tests.conftest import Account, AppHarness

API = "/api/v1"


async def post(
    client: httpx.AsyncClient, author: Account, content: str = "hello"
) -> dict[str, Any]:
    response = await client.post(f"{API}/posts", json={"content": content}, headers=author.headers)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def comment(
    client: httpx.AsyncClient, author: Account, post_id: int, content: str = "nice"
) -> dict[str, Any]:
    response = await client.post(
        f"{API}/posts/{post_id}/comments", json={"content": content}, headers=author.headers
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def follow(client: httpx.AsyncClient, follower: Account, username: str) -> None:
    response = await client.post(f"{API}/users/{username}/follow", headers=follower.headers)
    assert response.status_code == 204, response.text


async def set_post_status(harness: AppHarness, post_id: int, status: str) -> None:
    async with harness.session() as session:
        await session.execute(
            update(Post).where(Post.id == post_id).values(moderation_status=status)
        )
        await session.commit()


async def set_comment_status(harness: AppHarness, comment_id: int, status: str) -> None:
    async with harness.session() as session:
        await session.execute(
            update(Comment).where(Comment.id == comment_id).values(moderation_status=status)
        )
        await session.commit()


async def disable(harness: AppHarness, user_id: int) -> None:
    async with harness.session() as session:
        await session.execute(update(User).where(User.id == user_id).values(disabled_at=utcnow()))
        await session.commit()


async def enable(harness: AppHarness, user_id: int) -> None:
    async with harness.session() as session:
        await session.execute(update(User).where(User.id == user_id).values(disabled_at=None))
        await session.commit()


async def ids(client: httpx.AsyncClient, path: str, viewer: Account) -> list[int]:
    response = await client.get(f"{API}{path}", headers=viewer.headers)
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]
