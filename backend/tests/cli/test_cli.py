"""The `daira` command, run as a real process: migrate, create-admin, audit verify."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from tests.conftest import DATABASE_URL, IS_POSTGRES, STRONG_PASSWORD, AppHarness

DAIRA = Path(sys.executable).with_name("daira")


async def daira(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a clean directory (no stray .env) with only the given settings."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "ENVIRONMENT", "DAIRA_ADMIN_PASSWORD"}
    }
    environment.update(env)
    return await asyncio.to_thread(
        subprocess.run,
        [str(DAIRA), *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        check=False,
    )


async def test_migrate_builds_a_fresh_sqlite_database(tmp_path: Path) -> None:
    database = tmp_path / "nested" / "daira.db"
    url = f"sqlite+aiosqlite:///{database}"

    first = await daira("migrate", cwd=tmp_path, DATABASE_URL=url)
    again = await daira("migrate", cwd=tmp_path, DATABASE_URL=url)

    assert first.returncode == 0, first.stderr
    assert "migrations applied" in first.stdout
    assert again.returncode == 0, again.stderr
    with sqlite3.connect(database) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert {"alembic_version", "users", "user_sessions", "audit_log"} <= tables


async def test_migrate_fails_with_a_one_line_reason_when_the_database_is_unreachable(
    tmp_path: Path,
) -> None:
    result = await daira(
        "migrate",
        "--timeout",
        "1",
        cwd=tmp_path,
        DATABASE_URL="postgresql+asyncpg://postgres@127.0.0.1:1/daira_down_test",
    )

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("error: database unreachable after 1s:"), result.stderr
    assert "retrying" in result.stderr  # it waited with backoff before giving up


async def test_invalid_configuration_is_one_line_per_setting(tmp_path: Path) -> None:
    result = await daira("migrate", cwd=tmp_path, ENVIRONMENT="production", SECRET_KEY="")

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "SECRET_KEY must be set" in result.stderr


async def test_create_admin_makes_a_verified_admin_who_can_sign_in(
    harness: AppHarness, client: httpx.AsyncClient, tmp_path: Path
) -> None:
    result = await daira(
        "create-admin",
        "--email",
        "Boss@Example.com",
        "--username",
        "boss",
        cwd=tmp_path,
        DATABASE_URL=DATABASE_URL,
        DAIRA_ADMIN_PASSWORD=STRONG_PASSWORD,
    )

    assert result.returncode == 0, result.stderr
    assert "admin boss created" in result.stdout
    assert STRONG_PASSWORD not in result.stdout + result.stderr
    login = await client.post(
        "/api/v1/auth/login", json={"email": "boss@example.com", "password": STRONG_PASSWORD}
    )
    assert login.status_code == 200, login.text
    assert login.json()["user"]["role"] == "admin"
    assert login.json()["user"]["email_verified"] is True


@pytest.mark.parametrize(
    ("env", "reason"),
    [
        ({}, "set DAIRA_ADMIN_PASSWORD"),
        ({"DAIRA_ADMIN_PASSWORD": "x7!k"}, "at least 8"),
        ({"DAIRA_ADMIN_PASSWORD": "password123"}, "too easy to guess"),
    ],
)
async def test_create_admin_refuses_without_a_strong_password(
    harness: AppHarness, tmp_path: Path, env: dict[str, str], reason: str
) -> None:
    result = await daira(
        "create-admin",
        "--email",
        "a@example.com",
        "--username",
        "boss",
        cwd=tmp_path,
        DATABASE_URL=DATABASE_URL,
        **env,
    )

    assert result.returncode == 1
    assert reason in result.stderr
    assert "Traceback" not in result.stderr


async def test_create_admin_refuses_a_taken_email_or_username(
    harness: AppHarness, tmp_path: Path
) -> None:
    env = {"DATABASE_URL": DATABASE_URL, "DAIRA_ADMIN_PASSWORD": STRONG_PASSWORD}
    await daira(
        "create-admin", "--email", "a@example.com", "--username", "boss", cwd=tmp_path, **env
    )

    again = await daira(
        "create-admin", "--email", "b@example.com", "--username", "BOSS", cwd=tmp_path, **env
    )

    assert again.returncode == 1
    assert "already exists" in again.stderr


async def test_audit_verify_exits_0_on_an_intact_chain_and_names_a_tampered_entry(
    harness: AppHarness, client: httpx.AsyncClient, tmp_path: Path
) -> None:
    env = {"DATABASE_URL": DATABASE_URL, "DAIRA_ADMIN_PASSWORD": STRONG_PASSWORD}
    await daira(
        "create-admin", "--email", "a@example.com", "--username", "boss", cwd=tmp_path, **env
    )
    login = await client.post(
        "/api/v1/auth/login", json={"email": "a@example.com", "password": STRONG_PASSWORD}
    )
    headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
    assert (await client.post("/api/v1/auth/logout-all", headers=headers)).status_code == 204

    intact = await daira("audit", "verify", cwd=tmp_path, DATABASE_URL=DATABASE_URL)

    assert intact.returncode == 0, intact.stderr
    assert "audit log intact: 2 entries verified" in intact.stdout

    async with harness.app.state.engine.begin() as conn:
        if IS_POSTGRES:  # the table refuses updates; only its owner can lift that
            await conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
        await conn.execute(text("UPDATE audit_log SET ip = '6.6.6.6' WHERE id = 1"))
        if IS_POSTGRES:
            await conn.execute(text("ALTER TABLE audit_log ENABLE TRIGGER USER"))

    broken = await daira("audit", "verify", cwd=tmp_path, DATABASE_URL=DATABASE_URL)

    assert broken.returncode == 1
    assert "audit log broken at entry 1" in broken.stderr


async def test_serve_links_emails_to_its_own_port_unless_public_url_is_set(tmp_path: Path) -> None:
    from tests.support.mailbox import free_port

    db = f"sqlite+aiosqlite:///{tmp_path / 'serve.db'}"
    assert (await daira("migrate", cwd=tmp_path, DATABASE_URL=db)).returncode == 0
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "PUBLIC_URL"}}
    environment |= {"DATABASE_URL": db, "ENVIRONMENT": "development", "EMAIL_BACKEND": "console"}
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(  # noqa: ASYNC220 - a long-running child, stopped below
            [str(DAIRA), "serve", "--port", str(port)],
            cwd=tmp_path,
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            # Start-up imports the whole app: allow a busy CI machine a minute.
            for _ in range(600):
                try:
                    await client.get("/health")
                    break
                except httpx.TransportError:
                    await asyncio.sleep(0.1)
            signup = await client.post(
                "/api/v1/auth/signup",
                json={
                    "email": "port@example.com",
                    "username": "porter",
                    "password": STRONG_PASSWORD,
                    "accept_terms": True,
                },
            )
        assert signup.status_code == 202
        for _ in range(50):
            if "verify-email?token=" in log.read_text():
                break
            await asyncio.sleep(0.1)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert f"http://127.0.0.1:{port}/verify-email?token=" in log.read_text()
