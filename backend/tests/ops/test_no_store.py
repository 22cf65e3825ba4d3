"""Answers carrying personal data are `Cache-Control: no-store`; others may be cached."""

from __future__ import annotations

import httpx

from tests.conftest import MakeUser

API = "/api/v1"


async def test_own_profile_sessions_and_auth_answers_are_no_store(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    account = await make_user("private")

    answers = [
        await client.get(f"{API}/users/me", headers=account.headers),
        await client.patch(f"{API}/users/me", json={"bio": "hi"}, headers=account.headers),
        await client.get(f"{API}/auth/sessions", headers=account.headers),
        await client.post(f"{API}/auth/login", json={"email": account.email, "password": "x"}),
        await client.post(
            f"{API}/auth/login", json={"email": account.email, "password": account.password}
        ),
        await client.post(f"{API}/auth/request-password-reset", json={"email": account.email}),
        await client.get(f"{API}/users/me"),  # an error about the account, too
    ]

    assert [r.headers.get("cache-control") for r in answers] == ["no-store"] * len(answers)


async def test_other_answers_are_not_marked_no_store(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    account = await make_user("public")
    await make_user("meera", login=False)

    profile = await client.get(f"{API}/users/meera", headers=account.headers)

    assert profile.status_code == 200
    assert profile.headers.get("cache-control") != "no-store"
