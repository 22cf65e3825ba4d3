"""`daira serve` as a container runs it: listen address from the environment, clean SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.support.mailbox import free_port

DAIRA = Path(sys.executable).with_name("daira")


def test_serve_takes_its_port_from_the_environment_and_exits_cleanly_on_sigterm(
    tmp_path: Path,
) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        DAIRA_HOST="127.0.0.1",
        DAIRA_PORT=str(port),
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'daira.db'}",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    server = subprocess.Popen(
        [str(DAIRA), "serve"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.communicate()[0]
                assert time.monotonic() < deadline, "the server never answered"
                time.sleep(0.2)
        assert response.status_code == 200

        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
            server.communicate()
    # uvicorn shuts down in order, then re-raises the signal so a supervisor sees why it ended.
    assert server.returncode == -signal.SIGTERM, output
    assert "Application shutdown complete" in output
    assert f"127.0.0.1:{port}" in output
