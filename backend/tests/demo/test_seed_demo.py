from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from daira.demo.seed import DEMO_PASSWORD, seed_demo
from daira.models import Comment, Follow, Like, ModerationRule, Post, User
from tests.conftest import AppHarness
from tests.support.social import API


async def test_seed_fills_an_empty_database_and_demo_user_can_sign_in(
    harness: AppHarness, client: httpx.AsyncClient
) -> None:
    result = await seed_demo(harness.settings, users=12)
    assert result is not None
    async with harness.session() as session:
        for model in (User, Follow, Post, Like, Comment, ModerationRule):
            assert await session.scalar(select(func.count()).select_from(model)), model
        arabic = await session.scalar(select(func.count()).where(Post.content.like("%ال%")))
        assert arabic
        like_counts = await session.scalar(select(func.sum(Post.like_count)))
        assert like_counts == await session.scalar(select(func.count()).select_from(Like))
    login = await client.post(
        f"{API}/auth/login", json={"email": result.email, "password": DEMO_PASSWORD}
    )
    assert login.status_code == 200, login.text
    token = login.json()["access_token"]
    feed = await client.get(f"{API}/feed", headers={"Authorization": f"Bearer {token}"})
    assert feed.json()["items"]


async def test_if_empty_adds_nothing_when_users_exist(harness: AppHarness) -> None:
    first = await seed_demo(harness.settings, users=3, posts_per_user=(1, 2))
    again = await seed_demo(harness.settings, users=3, if_empty=True)

    assert first is not None
    assert first.added
    assert again is not None
    assert not again.added  # the demo accounts are still there
    assert again.admin_email == first.admin_email
    async with harness.session() as session:
        assert await session.scalar(select(func.count()).select_from(User)) == 3


async def test_if_empty_says_nothing_of_a_database_that_is_not_the_demo(
    harness: AppHarness, make_user: Any
) -> None:
    await make_user("someone_real", login=False)

    assert await seed_demo(harness.settings, users=3, if_empty=True) is None


async def test_the_demo_has_an_admin_who_can_use_the_admin_pages(
    harness: AppHarness, client: httpx.AsyncClient
) -> None:
    result = await seed_demo(harness.settings, users=3, posts_per_user=(1, 2))
    assert result is not None

    login = await client.post(
        f"{API}/auth/login", json={"email": result.admin_email, "password": DEMO_PASSWORD}
    )
    token = login.json()["access_token"]
    stats = await client.get(f"{API}/admin/stats", headers={"Authorization": f"Bearer {token}"})

    assert login.json()["user"]["role"] == "admin"
    assert stats.status_code == 200, stats.text


async def test_the_demo_feels_alive_hundreds_of_varied_posts_tags_mentions_and_replies(
    harness: AppHarness,
) -> None:
    await seed_demo(harness.settings)

    async with harness.session() as session:
        texts = list(await session.scalars(select(Post.content)))
        comments = list(await session.scalars(select(Comment.content)))
    arabic = [t for t in texts if any("\u0621" <= c <= "\u064a" for c in t)]
    assert len(texts) >= 250
    assert len(set(texts)) >= 0.8 * len(texts)  # varied, not a dozen lines repeated
    assert 0.3 * len(texts) <= len(arabic) <= 0.7 * len(texts)
    assert sum("#" in t for t in texts) >= 30
    assert sum(t.startswith("@") for t in texts) >= 10
    assert sum(c.startswith("@") for c in comments) >= 10


def test_cli_prints_demo_credentials(harness: AppHarness, monkeypatch: pytest.MonkeyPatch) -> None:
    from daira import cli

    monkeypatch.setattr(cli, "get_settings", lambda: harness.settings)
    result = CliRunner().invoke(cli.app, ["seed-demo", "--users", "4"])
    assert result.exit_code == 0, result.output
    assert DEMO_PASSWORD in result.output
    assert "demo_admin@daira.example" in result.output
    assert "REQUIRE_STAFF_2FA is off" in result.output
    again = CliRunner().invoke(cli.app, ["seed-demo", "--if-empty"])
    assert again.exit_code == 0
    assert "already present" in again.output
    assert "demo_admin@daira.example" in again.output  # every `make run` prints the accounts
