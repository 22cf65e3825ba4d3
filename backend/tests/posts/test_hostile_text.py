from typing import Any

import httpx
import pytest

from tests.conftest import MakeUser
from tests.support.social import API, post

HOSTILE = ["nul \x00 byte", "lone surrogate \ud800", "bell \x07"]


def _json(body: dict[str, Any]) -> bytes:
    import json

    # ensure_ascii keeps the lone surrogate as an escape, as a hostile client would send it
    return json.dumps(body).encode()


@pytest.mark.parametrize("text", HOSTILE)
async def test_control_characters_and_broken_unicode_are_422_everywhere(
    client: httpx.AsyncClient, make_user: MakeUser, text: str
) -> None:
    alice = await make_user("alice")
    post_id = (await post(client, alice))["id"]
    headers = {**alice.headers, "Content-Type": "application/json"}
    targets = [
        ("POST", f"{API}/posts", {"content": text}),
        ("POST", f"{API}/posts/{post_id}/comments", {"content": text}),
        ("PATCH", f"{API}/users/me", {"bio": text}),
        ("PATCH", f"{API}/users/me", {"display_name": text}),
    ]
    for method, path, body in targets:
        response = await client.request(method, path, content=_json(body), headers=headers)
        assert response.status_code == 422, (method, path, body, response.text)


async def test_newlines_and_tabs_are_kept_in_posts(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    alice = await make_user("alice")
    response = await client.post(
        f"{API}/posts", json={"content": "line one\n\tline two"}, headers=alice.headers
    )
    assert response.status_code == 201
    assert response.json()["content"] == "line one\n\tline two"


@pytest.mark.parametrize("path", ["/users/%00", "/users/%ED%A0%80", "/users/a%00b/followers"])
async def test_hostile_usernames_in_paths_never_500(
    client: httpx.AsyncClient, make_user: MakeUser, path: str
) -> None:
    alice = await make_user("alice")
    response = await client.get(f"{API}{path}", headers=alice.headers)
    assert response.status_code in {404, 422}
