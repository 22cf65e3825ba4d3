from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Account, MakeUser
from tests.support.social import API, post

Plan = tuple[int, list[int]]


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {"rate_limit_posts_user": "10000/hour"}


def _plans(count: int) -> list[Plan]:
    """Page sizes and how many posts arrive between page loads, drawn by Hypothesis.

    Hypothesis cannot drive this test's event loop itself, so it draws the plans up front
    and the test runs each of them against the live app.
    """
    plans: list[Plan] = []

    @settings(
        max_examples=count, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(
        st.integers(min_value=1, max_value=6), st.lists(st.integers(0, 3), min_size=1, max_size=8)
    )
    def draw(limit: int, arrivals: list[int]) -> None:
        plans.append((limit, arrivals))

    draw()
    return plans


async def _walk(client: httpx.AsyncClient, viewer: Account, plan: Plan) -> list[int]:
    limit, arrivals = plan
    seen: list[int] = []
    cursor = None
    for step in range(10_000):
        params: dict[str, Any] = {"limit": limit, **({"cursor": cursor} if cursor else {})}
        page = (await client.get(f"{API}/feed", params=params, headers=viewer.headers)).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
        for _ in range(arrivals[step % len(arrivals)]):
            await post(client, viewer, "arrived while paging")
    return seen


async def test_feed_pagination_never_skips_or_repeats_while_posts_arrive(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    alice = await make_user("alice")
    for n in range(10):
        await post(client, alice, f"old {n}")
    for plan in _plans(8):
        before = await _walk(client, alice, (100, [0]))
        seen = await _walk(client, alice, plan)
        assert len(seen) == len(set(seen)), f"repeated a post with {plan}"
        assert seen == before, f"skipped a post with {plan}"
