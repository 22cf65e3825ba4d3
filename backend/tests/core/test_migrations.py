"""Migrations build the schema from an empty database and agree with the models.

Runs on a fresh SQLite file, and in the PostgreSQL run on a fresh PostgreSQL database too.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from daira.models import Base
from tests.conftest import BACKEND_DIR, DATABASE_URL, IS_POSTGRES


def alembic_config(url: str) -> Config:
    config = Config(str(BACKEND_DIR / "alembic.ini"))
    config.set_main_option("script_location", str(BACKEND_DIR / "migrations"))
    config.attributes["database_url"] = url
    config.attributes["configure_logging"] = False
    return config


@pytest.fixture(params=["sqlite", "postgresql"])
async def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}"
        return
    if not IS_POSTGRES:
        pytest.skip("needs PostgreSQL (DATABASE_URL)")
    url = make_url(DATABASE_URL)
    name = f"{url.database}_migrations"
    admin = create_async_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            await conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield url.set(database=name).render_as_string(hide_password=False)
        async with admin.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        await admin.dispose()


def test_there_is_exactly_one_head() -> None:
    heads = ScriptDirectory.from_config(alembic_config(DATABASE_URL)).get_heads()

    assert len(heads) == 1, f"rebase your migration onto the current head: {heads}"


async def _tables(url: str) -> set[str]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            return set(await conn.run_sync(lambda sync: inspect(sync).get_table_names()))
    finally:
        await engine.dispose()


async def test_migrations_build_the_schema_from_empty_and_agree_with_the_models(
    empty_database: str,
) -> None:
    config = alembic_config(empty_database)

    await asyncio.to_thread(command.upgrade, config, "head")
    await asyncio.to_thread(command.check, config)  # raises when models and schema differ
    assert set(Base.metadata.tables) <= await _tables(empty_database)

    await asyncio.to_thread(command.downgrade, config, "base")
    assert await _tables(empty_database) <= {"alembic_version"}
    await asyncio.to_thread(command.upgrade, config, "head")
