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


async def test_if_empty_does_nothing_when_users_exist(harness: AppHarness) -> None:
    assert await seed_demo(harness.settings, users=3) is not None
    assert await seed_demo(harness.settings, users=3, if_empty=True) is None
    async with harness.session() as session:
        assert await session.scalar(select(func.count()).select_from(User)) == 3


def test_cli_prints_demo_credentials(harness: AppHarness, monkeypatch: pytest.MonkeyPatch) -> None:
    from daira import cli

    monkeypatch.setattr(cli, "get_settings", lambda: harness.settings)
    result = CliRunner().invoke(cli.app, ["seed-demo", "--users", "4"])
    assert result.exit_code == 0, result.output
    assert DEMO_PASSWORD in result.output
    assert "@daira.example" in result.output
    again = CliRunner().invoke(cli.app, ["seed-demo", "--if-empty"])
    assert again.exit_code == 0
    assert "not added" in again.output
