"""With several server processes, one scrape adds up what every process recorded, and the
scrape-time gauges render once (prometheus-client's multiprocess mode, a real server)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.conftest import BACKEND_DIR, IS_POSTGRES, TEST_SECRET_KEY

DAIRA = Path(sys.executable).parent / "daira"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.fixture
def two_process_server(tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("OTEL_", "PROMETHEUS_"))},
        "ENVIRONMENT": "test",
        "SECRET_KEY": TEST_SECRET_KEY,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'daira.db'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    env.pop("REDIS_URL", None)
    subprocess.run([DAIRA, "migrate"], env=env, check=True, capture_output=True, cwd=BACKEND_DIR)
    server = subprocess.Popen(
        [DAIRA, "serve", "--port", str(port), "--workers", "2"],
        env=env,
        cwd=BACKEND_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(20)


# The server runs on its own SQLite file: the PostgreSQL pass would repeat the same test.
@pytest.mark.skipif(IS_POSTGRES, reason="database-independent; runs in the SQLite pass")
def test_a_scrape_adds_up_every_server_process(two_process_server: str) -> None:
    with httpx.Client(base_url=two_process_server, timeout=5) as client:
        for _ in range(40):  # fresh connections: the two processes share the listening socket
            client.get("/health", headers={"Connection": "close"})
        text = client.get("/metrics").text

    samples = [s for family in text_string_to_metric_families(text) for s in family.samples]
    health = [
        s.value
        for s in samples
        if s.name == "http_requests_total" and s.labels.get("route") == "/health"
    ]
    build = [s for s in samples if s.name == "daira_build_info"]
    database = [
        s.value
        for s in samples
        if s.name == "daira_dependency_up" and s.labels.get("dependency") == "database"
    ]
    assert sum(health) == 41  # with the fixture's one successful start-up probe
    assert len(build) == 1
    assert database == [1]
