"""The benchmark's own PostgreSQL database: refuse anything else, recreate it, migrate it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

DEFAULT_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/daira_bench"
_SAFE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class BenchSetupError(RuntimeError):
    """The benchmark cannot run here; the message says why and what to do."""


def database_url(env_name: str = "BENCH_DATABASE_URL", default: str = DEFAULT_URL) -> str:
    url = os.environ.get(env_name) or default
    if not url.startswith("postgresql"):
        raise BenchSetupError(
            f"{env_name}={url!r} is not PostgreSQL. The benchmark compares the API with the "
            "SQL it issues on the production database engine; SQLite has no server, no "
            "concurrency and different plans, so its figures would say nothing about production."
        )
    name = make_url(url).database or ""
    if not _SAFE_NAME.match(name) or name in {"postgres", "template0", "template1"}:
        raise BenchSetupError(
            f"refusing to recreate database {name!r}: use a dedicated name such as daira_bench"
        )
    return url


def asyncpg_dsn(url: str) -> str:
    """The same URL for asyncpg directly (it does not know SQLAlchemy's driver suffix)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def recreate_database(url: str) -> None:
    parsed = make_url(url)
    admin_dsn = asyncpg_dsn(parsed.set(database="postgres").render_as_string(hide_password=False))
    try:
        conn = await asyncpg.connect(admin_dsn, timeout=10)
    except (OSError, asyncpg.PostgresError) as exc:
        raise BenchSetupError(
            f"PostgreSQL is not reachable at {parsed.host}:{parsed.port or 5432} ({exc}). "
            "Start it (see TOOLCHAIN.md) or point BENCH_DATABASE_URL at a server."
        ) from exc
    try:
        name = parsed.database
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()


def migrate(url: str) -> None:
    """`daira migrate` against the benchmark database, exactly as an operator would run it."""
    cli = Path(sys.executable).with_name("daira")
    command = [str(cli)] if cli.exists() else [sys.executable, "-m", "daira.cli"]
    env = {**os.environ, "DATABASE_URL": url}
    result = subprocess.run(  # noqa: S603 - our own CLI
        [*command, "migrate"], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BenchSetupError(f"`daira migrate` failed:\n{result.stderr[-2000:]}")
