"""HTTP load on loopback: sign the bench users in, then hammer one GET path with their tokens.

wrk (C, closed loop) is preferred so the load tool takes little of the two cores; it is
installed with apt-get when missing and possible, else a small asyncio HTTP/1.1 client
stands in and the report says so.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from daira.bench.stats import RunSummary


async def login_tokens(
    base_url: str, emails: Sequence[str], password: str, parallel: int = 4
) -> list[str]:
    """Access tokens for each account, through POST /api/v1/auth/login (argon2 and all)."""
    gate = asyncio.Semaphore(parallel)

    async def one(client: httpx.AsyncClient, email: str) -> str:
        async with gate:
            response = await client.post(
                "/api/v1/auth/login", json={"email": email, "password": password}
            )
        if response.status_code != 200:
            raise RuntimeError(f"login of {email} failed: {response.status_code} {response.text}")
        token: str = response.json()["access_token"]
        return token

    async with httpx.AsyncClient(base_url=base_url, timeout=60) as client:
        return list(await asyncio.gather(*(one(client, email) for email in emails)))


def ensure_wrk() -> tuple[str | None, str]:
    """The wrk binary (installing Debian's package when we may), and what happened."""
    found = shutil.which("wrk")
    if found:
        return found, "wrk found"
    if os.geteuid() == 0 and shutil.which("apt-get"):
        install = ["apt-get", "install", "-y", "wrk"]
        for steps in ([install], [["apt-get", "update"], install]):
            for step in steps:
                subprocess.run(step, capture_output=True, check=False)  # noqa: S603
            found = shutil.which("wrk")
            if found:
                return found, "wrk was missing: installed Debian's package with apt-get"
    return None, "wrk unavailable (not root or apt-get failed): Python asyncio load generator used"


_WRK_SCRIPT = """
local tokens = {%(tokens)s}
local counter = 0
request = function()
  counter = counter + 1
  local token = tokens[(counter %% #tokens) + 1]
  return wrk.format("GET", "%(path)s", {["Authorization"] = "Bearer " .. token})
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %%d, "duration_us": %%d, "non_2xx": %%d, "socket_errors": %%d, '
    .. '"p50": %%d, "p90": %%d, "p99": %%d, "mean": %%f}\\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean))
end
"""


def run_wrk(
    wrk: str, base_url: str, path: str, tokens: Sequence[str], connections: int, seconds: float
) -> RunSummary:
    script = _WRK_SCRIPT % {
        "tokens": ", ".join(json.dumps(token) for token in tokens),
        "path": path,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        result = subprocess.run(  # noqa: S603 - wrk with our own arguments
            [wrk, "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "10s",
             "-s", handle.name, base_url + path],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
    finally:
        Path(handle.name).unlink(missing_ok=True)
    line = next(row for row in result.stdout.splitlines() if row.startswith("BENCH_JSON "))
    data = json.loads(line.removeprefix("BENCH_JSON "))
    elapsed = data["duration_us"] / 1e6
    return RunSummary(
        requests=data["requests"],
        errors=data["non_2xx"] + data["socket_errors"],
        seconds=round(elapsed, 3),
        rps=round(data["requests"] / elapsed, 1),
        p50_ms=round(data["p50"] / 1000, 2),
        p90_ms=round(data["p90"] / 1000, 2),
        p99_ms=round(data["p99"] / 1000, 2),
        mean_ms=round(data["mean"] / 1000, 2),
    )


async def _http_worker(
    host: str, port: int, requests: list[bytes], deadline: float, latencies: list[float]
) -> int:
    errors = 0
    reader, writer = await asyncio.open_connection(host, port)
    try:
        index = 0
        while time.perf_counter() < deadline:
            request = requests[index % len(requests)]
            index += 1
            started = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            await reader.readexactly(length)
            if head[9:10] == b"2":
                latencies.append(time.perf_counter() - started)
            else:
                errors += 1
    finally:
        writer.close()
    return errors


async def run_python_load(
    base_url: str, path: str, tokens: Sequence[str], connections: int, seconds: float
) -> RunSummary:
    """Closed loop over keep-alive connections, like wrk, in this process (uses more CPU)."""
    parts = urlsplit(base_url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    head = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
    requests = [f"{head}Authorization: Bearer {token}\r\n\r\n".encode() for token in tokens]
    latencies: list[float] = []
    started = time.perf_counter()
    deadline = started + seconds
    rotated = [requests[i:] + requests[:i] for i in range(connections)]
    errors = await asyncio.gather(
        *(_http_worker(host, port, rotated[i], deadline, latencies) for i in range(connections))
    )
    return RunSummary.from_latencies(latencies, time.perf_counter() - started, sum(errors))
