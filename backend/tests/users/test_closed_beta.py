import httpx
import pytest

from tests.support.social import API

SOCIAL_ENDPOINTS = [
    ("GET", "/users/me"),
    ("PATCH", "/users/me"),
    ("PUT", "/users/me/avatar"),
    ("DELETE", "/users/me/avatar"),
    ("GET", "/users/alice"),
    ("POST", "/users/alice/follow"),
    ("DELETE", "/users/alice/follow"),
    ("GET", "/users/alice/followers"),
    ("GET", "/users/alice/following"),
    ("GET", "/users/alice/posts"),
    ("GET", "/feed"),
    ("GET", "/posts"),
    ("POST", "/posts"),
    ("GET", "/posts/1"),
    ("DELETE", "/posts/1"),
    ("POST", "/posts/1/like"),
    ("DELETE", "/posts/1/like"),
    ("GET", "/posts/1/comments"),
    ("POST", "/posts/1/comments"),
    ("DELETE", "/comments/1"),
]


@pytest.mark.parametrize(("method", "path"), SOCIAL_ENDPOINTS)
async def test_every_social_endpoint_needs_a_signed_in_user(
    client: httpx.AsyncClient, method: str, path: str
) -> None:
    for headers in ({}, {"Authorization": "Bearer not-a-token"}):
        response = await client.request(method, f"{API}{path}", headers=headers)
        assert response.status_code == 401, (method, path, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
