from typing import Any

import httpx
import pytest

from tests.conftest import MakeUser
from tests.support.social import API, post


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {
        "rate_limit_posts_user": "2/hour",
        "rate_limit_comments_user": "2/hour",
        "rate_limit_likes_user": "2/hour",
        "rate_limit_follows_user": "2/hour",
    }


async def _third_is_limited(client: httpx.AsyncClient, method: str, path: str, **kw: Any) -> None:
    statuses = [(await client.request(method, path, **kw)).status_code for _ in range(3)]
    assert statuses[:2] != [429, 429]
    assert statuses[2] == 429


async def test_each_write_kind_is_limited_per_user(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    alice = await make_user("alice")
    bob = await make_user("bob")
    await post(client, bob)
    target = (await post(client, bob))["id"]
    await _third_is_limited(
        client, "POST", f"{API}/posts", json={"content": "x"}, headers=alice.headers
    )
    await _third_is_limited(
        client,
        "POST",
        f"{API}/posts/{target}/comments",
        json={"content": "x"},
        headers=alice.headers,
    )
    await _third_is_limited(client, "POST", f"{API}/posts/{target}/like", headers=alice.headers)
    await _third_is_limited(client, "POST", f"{API}/users/bob/follow", headers=alice.headers)
    limited = await client.post(f"{API}/posts", json={"content": "x"}, headers=alice.headers)
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) >= 1
    assert limited.json()["code"] == "rate_limited"
