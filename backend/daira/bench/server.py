"""The real server (`daira serve`) in a subprocess, configured like production."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

# Raised, not switched off: the limiter still runs on every write, as in production.
RAISED_LIMITS = {
    "RATE_LIMIT_LOGIN_IP": "1000000/minute",
    "RATE_LIMIT_LOGIN_ACCOUNT_IP": "1000000/minute",
    "RATE_LIMIT_POSTS_USER": "1000000/hour",
    "RATE_LIMIT_COMMENTS_USER": "1000000/hour",
    "RATE_LIMIT_LIKES_USER": "1000000/hour",
    "RATE_LIMIT_FOLLOWS_USER": "1000000/hour",
    "RATE_LIMIT_SEARCHES_USER": "1000000/minute",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def server_env(database_url: str, redis_url: str | None) -> dict[str, str]:
    """Production settings; only the load tool's write and login limits are raised."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("RATE_LIMIT_", "OTEL_")) and key not in {"DATABASE_ECHO"}
    }
    env.update(
        ENVIRONMENT="production",
        SECRET_KEY=secrets.token_urlsafe(48),
        DATABASE_URL=database_url,
        PUBLIC_URL="http://127.0.0.1",
        # Production refuses the console backend; the runs send no mail worth reading, so
        # an SMTP server on loopback that nobody runs receives (and refuses) whatever is sent.
        EMAIL_BACKEND="smtp",
        SMTP_HOST="127.0.0.1",
        SMTP_PORT="9",
        **RAISED_LIMITS,
    )
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


@dataclass
class RunningServer:
    process: subprocess.Popen[bytes]
    base_url: str
    workers: int
    log_path: Path
    env: Mapping[str, str]

    @property
    def pid(self) -> int:
        return self.process.pid


def _daira_command() -> list[str]:
    cli = Path(sys.executable).with_name("daira")
    return [str(cli)] if cli.exists() else [sys.executable, "-m", "daira.cli"]


@contextmanager
def serve(
    env: Mapping[str, str], workers: int, log_path: Path, port: int | None = None
) -> Iterator[RunningServer]:
    """Start `daira serve`, wait until /ready answers, stop it (and its workers) on exit.

    Its log (the JSON access log included) goes to a file, as it would to a collector.
    """
    port = port or free_port()
    log_path.parent.mkdir(parents=True, exist_ok=True)
    command = [*_daira_command(), "serve", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", str(workers)]
    with log_path.open("wb") as log:
        process = subprocess.Popen(  # noqa: S603 - our own CLI
            command, env=dict(env), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        server = RunningServer(process, f"http://127.0.0.1:{port}", workers, log_path, env)
        try:
            _wait_ready(server)
            yield server
        finally:
            _stop(process)


def _wait_ready(server: RunningServer, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            tail = server.log_path.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"`daira serve` exited with {server.process.returncode}:\n{tail}")
        try:
            if httpx.get(f"{server.base_url}/ready", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"`daira serve` was not ready after {timeout:.0f}s (log: {server.log_path})")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    # Its own session holds uvicorn's supervisor and workers: signal that group only.
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
