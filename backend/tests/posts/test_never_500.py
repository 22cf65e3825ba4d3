"""Random bodies and query strings: every answer is a success or a 4xx, never a 500."""

from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import MakeUser
from tests.support.social import API, post

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
FIELDS = st.sampled_from(["content", "bio", "display_name", "locale"])
BODIES = JSON | st.dictionaries(FIELDS, JSON, max_size=3)
QUERIES = st.dictionaries(st.sampled_from(["limit", "cursor"]), st.text(max_size=60), max_size=2)


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {"rate_limit_enabled": False}


def _draw(strategy: Any, count: int) -> list[Any]:
    """Hypothesis draws the inputs up front; the test sends them on its own event loop."""
    drawn: list[Any] = []

    @settings(
        max_examples=count, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(strategy)
    def collect(value: Any) -> None:
        drawn.append(value)

    collect()
    return drawn


async def test_random_bodies_and_queries_never_500(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    alice = await make_user("alice")
    post_id = (await post(client, alice))["id"]
    writes = [("POST", "/posts"), ("POST", f"/posts/{post_id}/comments"), ("PATCH", "/users/me")]
    reads = [
        "/feed",
        "/posts",
        "/users/alice/posts",
        "/users/alice/followers",
        f"/posts/{post_id}/comments",
    ]
    for body in _draw(BODIES, 40):
        for method, path in writes:
            response = await client.request(
                method, f"{API}{path}", json=body, headers=alice.headers
            )
            assert response.status_code < 500, (method, path, body, response.text)
    for query in _draw(QUERIES, 40):
        for path in reads:
            response = await client.get(f"{API}{path}", params=query, headers=alice.headers)
            assert response.status_code < 500, (path, query, response.text)
