"""`make loadtest`: SPEC's load profile with Locust, against the real server on loopback.

Seeds a PostgreSQL database of its own (LOADTEST_DATABASE_URL) with enough verified users,
starts `daira serve` with production settings and raised write limits, runs Locust headless
(loadtest/locustfile.py, FastHttpUser), then writes reports/loadtest/: Locust's HTML, JSON and
CSV reports and a summary (p95, error rate, rps) against SPEC's targets.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from daira.bench import cpu
from daira.bench.database import BenchSetupError, asyncpg_dsn, database_url
from daira.bench.seed import SeedPlan, prepare
from daira.bench.server import RAISED_LIMITS, serve, server_env
from daira.config import REPO_ROOT

OUT = REPO_ROOT / "reports" / "loadtest"
LOCUSTFILE = REPO_ROOT / "loadtest" / "locustfile.py"
DEFAULT_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/daira_loadtest"
# Pool per worker: two cores gain nothing from more concurrent queries, and PostgreSQL's
# default 100 connections are shared with everything else on the machine.
POOL = {"DATABASE_POOL_SIZE": "10", "DATABASE_MAX_OVERFLOW": "5"}
TARGETS = {
    "roadmap": {"p95_ms": 500.0, "error_rate": 0.01},
    "goal": {"p95_ms": 100.0, "error_rate": 0.0},
}
LOGIN = "POST /api/v1/auth/login"


@dataclass(frozen=True)
class Config:
    users: int
    duration: str
    spawn_rate: float
    workers: int
    reuse: bool

    @classmethod
    def from_env(cls) -> Config:
        env = os.environ.get
        return cls(
            users=int(env("LOADTEST_USERS", "1000")),
            duration=env("LOADTEST_DURATION", "5m"),
            spawn_rate=float(env("LOADTEST_SPAWN_RATE", "20")),
            workers=int(env("LOADTEST_SERVER_WORKERS", "2")),
            reuse=env("LOADTEST_REUSE", "") == "1",
        )


def _merged(entries: list[dict[str, Any]]) -> dict[str, Any]:
    """One row of figures for some of Locust's per-endpoint entries (exact bucket merge)."""
    buckets: dict[float, int] = {}
    for entry in entries:
        for ms, count in entry["response_times"].items():
            buckets[float(ms)] = buckets.get(float(ms), 0) + count
    requests = sum(entry["num_requests"] for entry in entries)
    failures = sum(entry["num_failures"] for entry in entries)
    starts = [entry["start_time"] for entry in entries if entry["num_requests"]]
    ends = [entry["last_request_timestamp"] for entry in entries if entry["num_requests"]]
    seconds = max(ends) - min(starts) if starts and ends else 0.0
    return {
        "requests": requests,
        "failures": failures,
        "error_rate": round(failures / requests, 5) if requests else 0.0,
        "rps": round(requests / seconds, 1) if seconds > 0 else 0.0,
        "p50_ms": _bucket_percentile(buckets, 50),
        "p95_ms": _bucket_percentile(buckets, 95),
        "p99_ms": _bucket_percentile(buckets, 99),
        "max_ms": max(buckets) if buckets else 0.0,
    }


def _bucket_percentile(buckets: dict[float, int], q: float) -> float:
    """Percentile over Locust's rounded response-time histogram (nearest rank)."""
    total = sum(buckets.values())
    if not total:
        return 0.0
    rank, seen = total * q / 100, 0
    for ms in sorted(buckets):
        seen += buckets[ms]
        if seen >= rank:
            return ms
    return max(buckets)


def summarise(stats: list[dict[str, Any]]) -> dict[str, Any]:
    """Per endpoint, the action mix without sign-in, everything, and the verdicts."""
    by_name = {f"{entry['name']}": _merged([entry]) for entry in stats}
    mix = _merged([entry for entry in stats if entry["name"] != LOGIN])
    overall = _merged(stats)
    verdicts = {
        level: {
            "p95": mix["p95_ms"] < target["p95_ms"],
            "errors": (
                mix["error_rate"] <= target["error_rate"]
                if target["error_rate"] == 0
                else mix["error_rate"] < target["error_rate"]
            ),
        }
        for level, target in TARGETS.items()
    }
    return {"endpoints": by_name, "mix": mix, "overall": overall, "verdicts": verdicts}


def render_markdown(report: dict[str, Any]) -> str:
    summary, cfg = report["summary"], report["config"]
    lines = [
        "# Load test: SPEC's 1,000-user mix",
        "",
        f"Generated {report['generated_at']}: {cfg['users']} users (spawned at "
        f"{cfg['spawn_rate']}/s), {cfg['duration']}, `daira serve --workers {cfg['workers']}` "
        f"on loopback, Locust FastHttpUser headless on the same {os.cpu_count()}-CPU machine; "
        "each user signs in once, then waits 1-3 s between actions "
        "(50% GET /feed, 30% POST /posts, 20% POST /posts/{id}/like).",
        "",
        "| requests | scope | rps | p50 ms | p95 ms | p99 ms | max ms | errors | error rate |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    rows = [
        ("the action mix (no sign-in)", summary["mix"]),
        ("all, with sign-in", summary["overall"]),
    ]
    rows += list(summary["endpoints"].items())
    for name, row in rows:
        lines.append(
            f"| {row['requests']} | {name} | {row['rps']} | {row['p50_ms']:.0f} "
            f"| {row['p95_ms']:.0f} | {row['p99_ms']:.0f} | {row['max_ms']:.0f} "
            f"| {row['failures']} | {100 * row['error_rate']:.2f}% |"
        )
    lines += ["", "Targets (SPEC 5), judged on the action mix:", ""]
    for level, target in TARGETS.items():
        verdict = summary["verdicts"][level]
        lines.append(
            f"- {level}: p95 < {target['p95_ms']:.0f} ms: {'met' if verdict['p95'] else 'NOT met'}"
            f"; errors {'0' if target['error_rate'] == 0 else '< 1%'}: "
            f"{'met' if verdict['errors'] else 'NOT met'}"
        )
    server = report["server"]
    lines += [
        "",
        "## Settings for the run",
        "",
        "ENVIRONMENT=production, random SECRET_KEY, Redis "
        f"{server['redis'] or 'none (in-process limits)'}; per-user write limits and the "
        "login limits (every simulated user signs in from 127.0.0.1) are raised for the run, "
        "the limiter still counts every request: "
        + ", ".join(f"{k}={v}" for k, v in server["raised_limits"].items())
        + f"; pool per worker {server['pool']}. Accounts are seeded verified.",
        "",
        "## CPU seconds during the run",
        "",
        ", ".join(f"{who}: {seconds:.1f} s" for who, seconds in report["cpu_seconds"].items())
        + f" (wall {report['wall_seconds']:.0f} s, {os.cpu_count()} CPUs).",
        "",
        "Locust's own reports: report.html, stats.json, loadtest_stats.csv, "
        "loadtest_failures.csv, loadtest_stats_history.csv.",
        "",
    ]
    if report["failures"]:
        lines += ["## Failures (Locust)", "", "| count | request | error |", "| --- | --- | --- |"]
        lines += [
            f"| {f['occurrences']} | {f['method']} {f['name']} | {f['error']} |"
            for f in report["failures"][:20]
        ]
    return "\n".join(lines) + "\n"


def _redis_url() -> str | None:
    url = os.environ.get("LOADTEST_REDIS_URL", "redis://127.0.0.1:6379/14")
    if url.lower() in {"", "none", "off"}:
        return None
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError:
        print(f"!! Redis not reachable at {url}: limits and jobs run in process")
        return None
    return url


def _read_failures() -> list[dict[str, Any]]:
    import csv

    path = OUT / "loadtest_failures.csv"
    if not path.exists():
        return []
    with path.open() as handle:
        return [
            {
                "method": row["Method"],
                "name": row["Name"],
                "error": row["Error"],
                "occurrences": int(row["Occurrences"]),
            }
            for row in csv.DictReader(handle)
        ]


def run(cfg: Config) -> dict[str, Any]:
    url = database_url("LOADTEST_DATABASE_URL", DEFAULT_URL)
    plan = SeedPlan(users=max(SeedPlan.users, cfg.users))
    if not cfg.reuse:
        print(f"seeding {url.rsplit('/', 1)[-1]}: {plan.users} users, {plan.posts} posts")
        print(f"seeded: {asyncio.run(prepare(url, plan))}")
    redis_url = _redis_url()
    env = {**server_env(url, redis_url), **POOL}
    OUT.mkdir(parents=True, exist_ok=True)
    for stale in OUT.glob("*"):
        stale.unlink()
    locust = Path(sys.executable).with_name("locust")
    with serve(env, cfg.workers, OUT / "server.log") as server:
        command = [
            str(locust), "-f", str(LOCUSTFILE), "--headless", "--only-summary",
            "-u", str(cfg.users), "-r", str(cfg.spawn_rate), "-t", cfg.duration,
            "--host", server.base_url, "--stop-timeout", "10", "--exit-code-on-error", "0",
            "--html", str(OUT / "report.html"), "--json-file", str(OUT / "stats"),
            "--csv", str(OUT / "loadtest"), "--loglevel", "WARNING",
        ]  # fmt: skip
        print(
            f"locust: {cfg.users} users at {cfg.spawn_rate}/s for {cfg.duration} against "
            f"{server.base_url} ({cfg.workers} worker(s))"
        )
        backends = _backends(url)
        before = {
            "server": cpu.tree_seconds(server.pid),
            "postgres": sum(cpu.pids_seconds(backends).values()),
            "locust": cpu.reaped_children_seconds(),
        }
        started = time.perf_counter()
        result = subprocess.run(  # noqa: S603 - Locust with our own arguments
            command,
            env={**os.environ, "LOADTEST_ACCOUNTS": str(plan.users)},
            cwd=REPO_ROOT,
            check=False,
        )
        wall = time.perf_counter() - started
        backends_after = cpu.pids_seconds(set(backends) | set(_backends(url)))
        used = {
            "server": cpu.tree_seconds(server.pid) - before["server"],
            "postgres": sum(backends_after.values()) - before["postgres"],
            "locust": cpu.reaped_children_seconds() - before["locust"],
        }
    if result.returncode != 0:
        raise BenchSetupError(f"locust exited with {result.returncode}")
    stats = json.loads(_json_report().read_text())
    return {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "config": cfg.__dict__,
        "server": {
            "redis": redis_url,
            "raised_limits": RAISED_LIMITS,
            "pool": POOL,
            "database": url.rsplit("@", 1)[-1],
        },
        "seed": plan.__dict__,
        "wall_seconds": round(wall, 1),
        "cpu_seconds": {who: round(seconds, 1) for who, seconds in used.items()},
        "summary": summarise(stats),
        "failures": _read_failures(),
        "targets": TARGETS,
    }


def _json_report() -> Path:
    for candidate in (OUT / "stats", OUT / "stats.json"):
        if candidate.exists():
            return candidate
    raise BenchSetupError("Locust wrote no JSON report")


def _backends(url: str) -> list[int]:
    import asyncpg

    async def fetch() -> list[int]:
        conn = await asyncpg.connect(asyncpg_dsn(url))
        try:
            rows = await conn.fetch(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
            )
        finally:
            await conn.close()
        return [row["pid"] for row in rows]

    return asyncio.run(fetch())


def main() -> None:
    cfg = Config.from_env()
    try:
        report = run(cfg)
    except BenchSetupError as exc:
        raise SystemExit(f"error: {exc}") from exc
    (OUT / "summary.json").write_text(json.dumps(report, indent=2) + "\n")
    (OUT / "summary.md").write_text(render_markdown(report), encoding="utf-8")
    mix, verdicts = report["summary"]["mix"], report["summary"]["verdicts"]
    print(
        f"\nload test ({cfg.users} users, {cfg.duration}): {mix['rps']} req/s, "
        f"p50 {mix['p50_ms']:.0f} ms, p95 {mix['p95_ms']:.0f} ms, p99 {mix['p99_ms']:.0f} ms, "
        f"errors {mix['failures']} ({100 * mix['error_rate']:.2f}%) over {mix['requests']} "
        "requests (sign-in excluded)"
    )
    for level, target in TARGETS.items():
        print(
            f"  {level}: p95 < {target['p95_ms']:.0f} ms "
            f"{'met' if verdicts[level]['p95'] else 'NOT met'}, errors "
            f"{'met' if verdicts[level]['errors'] else 'NOT met'}"
        )
    print(f"reports: {OUT.relative_to(REPO_ROOT)}/ (summary.md, report.html, stats.json, CSV)")


if __name__ == "__main__":
    main()
