"""`make bench` (search part): GET /api/v1/search over 200,000 seeded posts, Arabic and English.

Uses the feed benchmark's PostgreSQL database (BENCH_DATABASE_URL; seeded when empty or with
--fresh), starts the real server (`daira serve`, production settings, 1 worker), signs bench
users in, then for each query runs a closed loop at a fixed concurrency and records every
request's latency. Arabic queries are written with and without diacritics, alternative
alef / ta-marbuta forms and tatweel, to measure the normalised path the product uses.
SPEC goal: p95 < 50 ms. Reports: reports/bench-search.json and reports/bench-search.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from daira.bench import loadgen
from daira.bench.database import BenchSetupError, asyncpg_dsn, database_url
from daira.bench.feed import _redis_url, _seeded
from daira.bench.seed import BENCH_PASSWORD, SeedPlan, bench_email, prepare
from daira.bench.server import serve, server_env
from daira.bench.stats import percentile
from daira.config import REPO_ROOT

REPORTS = REPO_ROOT / "reports"
GOAL_P95_MS = 50.0

# (type, q): words of the seed's vocabulary (daira.bench.seed), spelled as people type them.
QUERIES: tuple[tuple[str, str], ...] = (
    ("posts", "القاهرة"),
    ("posts", "القاهره"),
    ("posts", "القَاهِرَة"),
    ("posts", "الزحمـــة الدائري"),
    ("posts", "اسكندريه"),
    ("posts", "كشري جديد"),
    ("posts", "cairo"),
    ("posts", "Traffic ring"),
    ("posts", "weekend sea"),
    ("posts", "alex"),
    ("users", "mona"),
    ("users", "منى"),
    ("users", "bench_001"),
    ("tags", "cai"),
)


@dataclass(frozen=True)
class Options:
    concurrency: int = 8
    seconds: float = 5.0
    accounts: int = 50
    fresh: bool = False


def summarize(latencies_s: list[float], errors: int, seconds: float) -> dict[str, float]:
    ms = sorted(value * 1000 for value in latencies_s)
    return {
        "requests": len(ms),
        "errors": errors,
        "rps": round(len(ms) / seconds, 1) if seconds else 0.0,
        "p50_ms": round(percentile(ms, 50), 2),
        "p95_ms": round(percentile(ms, 95), 2),
        "p99_ms": round(percentile(ms, 99), 2),
    }


async def _closed_loop(
    base_url: str, params: dict[str, str], tokens: list[str], opts: Options
) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + opts.seconds

    async def worker(client: httpx.AsyncClient, token: str) -> None:
        nonlocal errors
        headers = {"Authorization": f"Bearer {token}"}
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            response = await client.get("/api/v1/search", params=params, headers=headers)
            if response.status_code == 200:
                latencies.append(time.perf_counter() - started)
            else:
                errors += 1

    started = time.perf_counter()
    limits = httpx.Limits(max_connections=opts.concurrency)
    async with httpx.AsyncClient(base_url=base_url, timeout=30, limits=limits) as client:
        await asyncio.gather(
            *(worker(client, tokens[i % len(tokens)]) for i in range(opts.concurrency))
        )
    return summarize(latencies, errors, time.perf_counter() - started)


async def _measure(base_url: str, opts: Options) -> list[dict[str, Any]]:
    emails = [bench_email(i) for i in range(1, opts.accounts + 1)]
    tokens = await loadgen.login_tokens(base_url, emails, BENCH_PASSWORD)
    results = []
    for kind, q in QUERIES:
        params = {"q": q, "type": kind}
        async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
            first = await client.get(
                "/api/v1/search",
                params=params,
                headers={"Authorization": f"Bearer {tokens[0]}"},
            )
        summary = await _closed_loop(base_url, params, tokens, opts)
        found = len(first.json().get("items", [])) if first.status_code == 200 else 0
        results.append({"type": kind, "q": q, "first_page_items": found, **summary})
        print(f"{kind:5} {q!r:24} p95 {summary['p95_ms']:7.2f} ms  ({found} on page 1)")
    return results


def run(opts: Options) -> dict[str, Any]:
    url = database_url()
    plan = SeedPlan()
    if opts.fresh or not asyncio.run(_seeded(asyncpg_dsn(url), plan)):
        print("seeding the bench database (200,000 posts) ...")
        asyncio.run(prepare(url, plan))
    env = server_env(url, _redis_url())
    with serve(env, 1, REPORTS / "bench-search-server.log") as server:
        queries = asyncio.run(_measure(server.base_url, opts))
    p95s = [q["p95_ms"] for q in queries]
    return {
        "benchmark": "search",
        "when": datetime.now(UTC).isoformat(),
        "posts": plan.posts,
        "concurrency": opts.concurrency,
        "seconds_per_query": opts.seconds,
        "goal_p95_ms": GOAL_P95_MS,
        "worst_p95_ms": max(p95s),
        "meets_goal": max(p95s) < GOAL_P95_MS,
        "queries": queries,
    }


def render_markdown(report: dict[str, Any]) -> str:
    lines = [
        "# Search benchmark",
        "",
        f"{report['posts']:,} posts, concurrency {report['concurrency']}, "
        f"{report['seconds_per_query']} s per query, 1 server worker. "
        f"Goal p95 < {report['goal_p95_ms']} ms: worst p95 {report['worst_p95_ms']} ms "
        f"({'met' if report['meets_goal'] else 'NOT met'}).",
        "",
        "| type | q | req/s | p50 ms | p95 ms | p99 ms | errors | page 1 |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    lines += [
        f"| {q['type']} | {q['q']} | {q['rps']} | {q['p50_ms']} | {q['p95_ms']} | "
        f"{q['p99_ms']} | {q['errors']} | {q['first_page_items']} |"
        for q in report["queries"]
    ]
    return "\n".join(lines) + "\n"


def write_reports(report: dict[str, Any], directory: Path) -> tuple[Path, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    json_path, md_path = directory / "bench-search.json", directory / "bench-search.md"
    json_path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    md_path.write_text(render_markdown(report), encoding="utf-8")
    return json_path, md_path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    env = os.environ.get
    parser.add_argument("--concurrency", type=int, default=int(env("BENCH_CONCURRENCY", "8")))
    parser.add_argument("--seconds", type=float, default=float(env("BENCH_SEARCH_SECONDS", "5")))
    parser.add_argument("--accounts", type=int, default=50)
    parser.add_argument("--fresh", action="store_true", help="recreate and reseed the database")
    args = parser.parse_args(argv)
    opts = Options(args.concurrency, args.seconds, args.accounts, args.fresh)
    try:
        report = run(opts)
    except BenchSetupError as exc:
        raise SystemExit(f"error: {exc}") from exc
    json_path, md_path = write_reports(report, REPORTS)
    print(f"\nreports: {json_path.relative_to(REPO_ROOT)}, {md_path.relative_to(REPO_ROOT)}")
    print(f"worst p95 {report['worst_p95_ms']} ms (goal < {GOAL_P95_MS} ms)")


if __name__ == "__main__":
    main()
