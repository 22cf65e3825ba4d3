"""The `daira` command: serve, migrate, create-admin, seed-demo, worker, rules, audit."""

from __future__ import annotations

import asyncio
import getpass
import json
import os
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from daira.config import Settings, get_settings

app = typer.Typer(no_args_is_help=True, add_completion=False, help="Daira, the social network.")
audit_app = typer.Typer(no_args_is_help=True, help="The audit log.")
app.add_typer(audit_app, name="audit")

BACKEND_DIR = Path(__file__).resolve().parents[1]


def fail(message: str, code: int = 1) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


@app.command()
def serve(
    # Environment variables too, so a container image sets them without a shell in between.
    host: Annotated[
        str, typer.Option(envvar="DAIRA_HOST", help="Interface to bind.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(envvar="DAIRA_PORT", help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(envvar="DAIRA_WORKERS", help="Worker processes.")] = 1,
    reload: Annotated[bool, typer.Option(help="Reload on code changes (development).")] = False,
) -> None:
    """Serve the API and the web app."""
    import uvicorn

    from daira.observability.metrics import prepare_multiprocess

    prepare_multiprocess(workers)
    settings = get_settings()
    # The app (and every worker process) reads PUBLIC_URL from the environment.
    os.environ["PUBLIC_URL"] = settings.public_url_for(host, port)
    get_settings.cache_clear()
    mode = "SQLite" if settings.is_sqlite else "PostgreSQL"
    queue = "Redis" if settings.redis_url else "in-process (no Redis)"
    typer.echo(
        f"Daira on http://{host}:{port} — environment {settings.environment.value}, "
        f"database {mode}, rate limits and jobs {queue}, email {settings.email_backend}, "
        f"links in emails to {os.environ['PUBLIC_URL']}"
    )
    uvicorn.run(
        "daira.main:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        reload=reload,
        # Client addresses come from our own TRUSTED_PROXIES logic, never uvicorn's.
        proxy_headers=False,
        server_header=False,
        access_log=False,
        log_config=None,
    )


def _alembic_config(url: str) -> object:
    from alembic.config import Config

    config = Config(str(BACKEND_DIR / "alembic.ini"))
    config.set_main_option("script_location", str(BACKEND_DIR / "migrations"))
    config.attributes["database_url"] = url
    return config


async def _wait_for_database(settings: Settings, wait_seconds: float) -> None:
    from sqlalchemy import text

    from daira.core.db import make_engine

    delay, deadline, last_error = 0.5, time.monotonic() + wait_seconds, ""
    # The app's engine factory, which also creates a SQLite file's directory (var/ is not
    # in a fresh clone): a bare engine would wait out the timeout on "unable to open".
    engine = make_engine(settings)
    try:
        while True:
            try:
                async with engine.connect() as conn:
                    await conn.execute(text("SELECT 1"))
                return
            except Exception as exc:
                last_error = f"{type(exc).__name__}: {exc}".splitlines()[0]
            if time.monotonic() + delay > deadline:
                raise TimeoutError(last_error)
            typer.echo(
                f"database not reachable yet ({last_error}); retrying in {delay:.1f}s", err=True
            )
            await asyncio.sleep(delay)
            delay = min(delay * 2, 8)
    finally:
        await engine.dispose()


@app.command()
def migrate(
    timeout: Annotated[float, typer.Option(help="Seconds to wait for the database.")] = 30.0,
) -> None:
    """Apply the database migrations, waiting for the database to come up."""
    from alembic import command

    settings = get_settings()
    try:
        asyncio.run(_wait_for_database(settings, timeout))
    except TimeoutError as exc:
        fail(f"database unreachable after {timeout:.0f}s: {exc}")
    command.upgrade(_alembic_config(settings.database_url), "head")  # type: ignore[arg-type]
    typer.echo("migrations applied")


@app.command("create-admin")
def create_admin(
    email: Annotated[str, typer.Option(help="The admin's email.")],
    username: Annotated[str, typer.Option(help="The admin's username.")],
) -> None:
    """Create a verified admin (password from DAIRA_ADMIN_PASSWORD or a prompt)."""
    from daira.admin.bootstrap import create_admin_account

    password = os.environ.get("DAIRA_ADMIN_PASSWORD")
    if not password:
        if not sys.stdin.isatty():
            fail("set DAIRA_ADMIN_PASSWORD or run in a terminal to be prompted")
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Repeat: "):
            fail("the passwords differ")
    try:
        user_id = asyncio.run(create_admin_account(get_settings(), email, username, password))
    except ValueError as exc:
        fail(str(exc))
    typer.echo(f"admin {username} created (id {user_id})")


@app.command("seed-demo")
def seed_demo(
    users: Annotated[int, typer.Option(min=3, max=500, help="How many demo users.")] = 24,
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="Do nothing when the database has users.")
    ] = False,
) -> None:
    """Fill the database with demo users, follows, posts, likes and comments (EN + AR)."""
    from daira.demo.seed import seed_demo as run_seed

    try:
        result = asyncio.run(run_seed(get_settings(), users=users, if_empty=if_empty))
    except ValueError as exc:
        fail(str(exc))
    if result is None:
        typer.echo("database already has users: demo data not added")
        return
    if result.added:
        typer.echo(f"demo data: {result.users} users, {result.posts} posts")
    else:
        typer.echo("demo data already present")
    typer.echo(f"sign in as {result.email}")
    typer.echo(f"  moderator: {result.moderator_email}")
    typer.echo(f"  admin:     {result.admin_email}")
    typer.echo(f"password (all three): {result.password}")
    if not get_settings().staff_2fa_required:
        typer.echo("staff need no two-factor set-up here (REQUIRE_STAFF_2FA is off)")


@app.command()
def worker() -> None:
    """Run background jobs (email sending, retries) from the Redis queue."""
    settings = get_settings()
    if not settings.redis_url:
        fail("REDIS_URL is not set: without Redis, jobs run inside `daira serve`", code=2)
    from daira.worker import run_worker

    run_worker(settings)


@app.command()
def openapi(
    output: Annotated[Path | None, typer.Option(help="File to write (default stdout).")] = None,
) -> None:
    """Print the OpenAPI document of the HTTP API."""
    from daira.main import create_app

    document = json.dumps(create_app().openapi(), indent=2, ensure_ascii=False, sort_keys=True)
    if output is None:
        typer.echo(document)
    else:
        output.write_text(document + "\n", encoding="utf-8")


@audit_app.command("verify")
def audit_verify() -> None:
    """Check the audit log's hash chain; non-zero exit names the first bad entry."""
    from daira.audit.service import verify_chain
    from daira.core.db import make_engine, make_sessionmaker

    async def run() -> None:
        engine = make_engine(get_settings())
        try:
            async with make_sessionmaker(engine)() as session:
                report = await verify_chain(session)
        finally:
            await engine.dispose()
        if report.intact:
            typer.echo(f"audit log intact: {report.checked} entries verified")
            return
        fail(
            f"audit log broken at entry {report.first_bad_id}: {report.problem} "
            f"({report.checked} entries verified before it)"
        )

    asyncio.run(run())


def _register_optional_commands() -> None:
    from daira.moderation.cli import rules_app

    app.add_typer(rules_app, name="rules", help="Moderation rules.")


def main() -> None:
    from pydantic import ValidationError

    _register_optional_commands()
    try:
        get_settings()
    except ValidationError as exc:
        # One line per bad setting instead of a traceback: the operator needs the reason.
        for error in exc.errors():
            field = ".".join(str(part) for part in error["loc"]) or "configuration"
            message = error["msg"].removeprefix("Value error, ")
            typer.secho(f"error: {field.upper()}: {message}", fg=typer.colors.RED, err=True)
        raise SystemExit(2) from None
    app()


if __name__ == "__main__":
    main()
