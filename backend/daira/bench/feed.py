"""`make bench`: the home feed through the API against the SQL the API issues for it.

Recreates and seeds a PostgreSQL database (BENCH_DATABASE_URL), starts the real server
(`daira serve`, production settings) with 1 and then 2 workers, signs bench users in, and for
several rounds measures, at the same concurrency and in alternating order:

- api: GET /api/v1/feed through HTTP on loopback (wrk, or a Python client when wrk is missing);
- raw: the statements the API issued for those users' feed pages (captured from the app),
  replayed over asyncpg in the same BEGIN ... COMMIT shape;
- raw-feed: the feed statements alone (no session lookup, no transaction), the strictest base.

Medians go to reports/bench-feed.json and reports/bench-feed.md; the ratio api / raw is printed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import sys
import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg

from daira.bench import cpu, loadgen, profile, raw
from daira.bench.database import BenchSetupError, asyncpg_dsn, database_url
from daira.bench.seed import BENCH_PASSWORD, SeedPlan, bench_email, prepare
from daira.bench.server import RAISED_LIMITS, RunningServer, serve, server_env
from daira.bench.stats import RunSummary, cpu_per_request, median_summary, ratio
from daira.config import REPO_ROOT, Settings

REPORTS = REPO_ROOT / "reports"
FEED_PATH = "/api/v1/feed"
GOAL = 0.70
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/13"


@dataclass
class Options:
    concurrency: int = 16
    rounds: int = 3
    seconds: float = 10.0
    workers: tuple[int, ...] = (1, 2)
    accounts: int = 200
    reuse: bool = False
    profile: bool = True
    path: str = FEED_PATH
    python_load: bool = False


@dataclass
class ConfigResult:
    workers: int
    rounds: list[dict[str, RunSummary]] = field(default_factory=list)

    def medians(self) -> dict[str, dict[str, float]]:
        kinds = self.rounds[0].keys() if self.rounds else ()
        return {kind: median_summary(r[kind] for r in self.rounds) for kind in kinds}


def _redis_url() -> str | None:
    url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL)
    if url.lower() in {"", "none", "off"}:
        return None
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError:
        print(f"!! Redis not reachable at {url}: the server runs with in-process limits and jobs")
        return None
    return url


def _settings_from_env(env: dict[str, str]) -> Settings:
    fields = Settings.model_fields
    return Settings(**{key.lower(): value for key, value in env.items() if key.lower() in fields})  # type: ignore[arg-type]


async def _seeded(dsn: str, plan: SeedPlan) -> bool:
    try:
        conn = await asyncpg.connect(dsn)
    except (OSError, asyncpg.PostgresError):
        return False
    try:
        posts = await conn.fetchval("SELECT count(*) FROM posts")
        users = await conn.fetchval("SELECT count(*) FROM users")
    except asyncpg.PostgresError:
        return False
    finally:
        await conn.close()
    return bool(posts >= plan.posts and users >= plan.users)


async def _explain(dsn: str, statement: raw.Statement) -> list[str]:
    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch(f"EXPLAIN (ANALYZE, BUFFERS) {statement.sql}", *statement.params)
    finally:
        await conn.close()
    return [row[0] for row in rows]


async def _backend_pids(dsn: str) -> list[int]:
    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
        )
    finally:
        await conn.close()
    return [row["pid"] for row in rows]


def _api_round(
    server: RunningServer, tokens: list[str], opts: Options, wrk: str | None, dsn: str
) -> RunSummary:
    """One closed-loop HTTP run, with the CPU the server, PostgreSQL and the tool spent."""
    backends_before = cpu.pids_seconds(asyncio.run(_backend_pids(dsn)))
    server_before = cpu.tree_seconds(server.pid)
    if wrk and not opts.python_load:
        tool_before = cpu.reaped_children_seconds()
        summary = loadgen.run_wrk(
            wrk, server.base_url, opts.path, tokens, opts.concurrency, opts.seconds
        )
        tool = cpu.reaped_children_seconds() - tool_before
    else:
        tool_before = cpu.self_seconds()
        summary = asyncio.run(
            loadgen.run_python_load(
                server.base_url, opts.path, tokens, opts.concurrency, opts.seconds
            )
        )
        tool = cpu.self_seconds() - tool_before
    backends_after = cpu.pids_seconds(set(backends_before) | set(asyncio.run(_backend_pids(dsn))))
    used = {
        "server": cpu.tree_seconds(server.pid) - server_before,
        "postgres": cpu.delta(backends_before, backends_after),
        "load_tool": tool,
    }
    return replace(summary, cpu_ms=cpu_per_request(used, summary.requests))


def _feed_only(pages: list[raw.FeedPage]) -> list[raw.FeedPage]:
    return [[s for s in page if not s.is_auth] for page in pages]


@dataclass
class Bench:
    """What every measurement of a run shares."""

    opts: Options
    dsn: str
    wrk: str | None
    tokens: list[str] = field(default_factory=list)
    pages: list[raw.FeedPage] = field(default_factory=list)

    def api(self, server: RunningServer, seconds: float | None = None) -> RunSummary:
        opts = self.opts if seconds is None else replace(self.opts, seconds=seconds)
        return _api_round(server, self.tokens, opts, self.wrk, self.dsn)

    def raw(self, feed_only: bool = False) -> RunSummary:
        pages = _feed_only(self.pages) if feed_only else self.pages
        concurrency, seconds = self.opts.concurrency, self.opts.seconds
        return asyncio.run(raw.replay(self.dsn, pages, concurrency, seconds, not feed_only))

    def round(self, server: RunningServer, number: int) -> dict[str, RunSummary]:
        measured: dict[str, RunSummary] = {}
        steps = ["api", "raw", "raw_feed_only"]
        # Alternate the order so drift on this shared box favours neither side.
        for step in steps if number % 2 == 0 else reversed(steps):
            if step == "api":
                measured[step] = self.api(server)
            else:
                measured[step] = self.raw(feed_only=step == "raw_feed_only")
        return measured

    def profile(self, server: RunningServer, out: Path) -> dict[str, Any]:
        seconds = max(self.opts.seconds, 10.0)
        try:
            sampler = profile.record(server.pid, seconds, out, subprocesses=server.workers > 1)
        except RuntimeError as exc:
            return {"error": str(exc)}
        time.sleep(1.5)  # py-spy attaches before the load starts
        load = self.api(server, seconds - 2)
        _, err = sampler.communicate(timeout=120)
        if not out.exists():
            return {"error": f"py-spy produced nothing: {err.decode(errors='replace')[-500:]}"}
        result = profile.parse_collapsed(out.read_text())
        return {
            "workers": server.workers,
            "file": str(out.relative_to(REPO_ROOT)),
            "samples": result.samples,
            "rps_while_sampling": load.rps,
            "self_by_package": result.share(result.self_by_package, 15),
            "inclusive_by_package": result.share(result.inclusive_by_package, 20),
            "inclusive_by_function": result.share(result.inclusive_by_function, 60),
            "self_by_function": result.share(result.self_by_function, 25),
        }


def _print_round(number: int, measured: dict[str, RunSummary]) -> None:
    api, base, feed = measured["api"], measured["raw"], measured["raw_feed_only"]
    print(
        f"   round {number}: api {api.rps:.0f}/s (p50 {api.p50_ms} ms, p99 {api.p99_ms} ms, "
        f"server CPU {api.cpu_ms.get('server', 0):.2f} ms/req), raw {base.rps:.0f}/s "
        f"(p50 {base.p50_ms} ms), raw feed-only {feed.rps:.0f}/s, "
        f"api/raw {ratio(api.rps, base.rps):.2f}"
    )


def run(opts: Options) -> dict[str, Any]:
    url = database_url()
    dsn = asyncpg_dsn(url)
    plan = SeedPlan()
    started = time.perf_counter()
    if opts.reuse and asyncio.run(_seeded(dsn, plan)):
        seeding: dict[str, Any] = {"reused": True}
        print("reusing the seeded database (--reuse)")
    else:
        print(f"seeding {url.rsplit('/', 1)[-1]}: {plan}")
        seeding = asyncio.run(prepare(url, plan))
        print(f"seeded in {time.perf_counter() - started:.1f}s: {seeding}")
    wrk, wrk_note = loadgen.ensure_wrk()
    load_tool = "python-asyncio" if (opts.python_load or not wrk) else "wrk"
    print(f"load tool: {load_tool} ({wrk_note})")
    redis_url = _redis_url()
    env = server_env(url, redis_url)
    # One key for every server of the run, so tokens outlive restarts; 1 h covers the run.
    env["ACCESS_TOKEN_TTL_SECONDS"] = str(3600)
    emails = [bench_email(i) for i in range(1, min(opts.accounts, plan.users) + 1)]
    REPORTS.mkdir(exist_ok=True)

    bench = Bench(opts, dsn, None if opts.python_load else wrk)
    explain: list[str] = []
    configs: list[ConfigResult] = []
    profiles: list[dict[str, Any]] = []
    for workers in opts.workers:
        with serve(env, workers, REPORTS / f"bench-server-w{workers}.log") as server:
            if not bench.tokens:
                t0 = time.perf_counter()
                bench.tokens = asyncio.run(
                    loadgen.login_tokens(server.base_url, emails, BENCH_PASSWORD)
                )
                print(f"signed in {len(bench.tokens)} users in {time.perf_counter() - t0:.1f}s")
                bench.pages, statuses = asyncio.run(
                    raw.capture_feed_sql(_settings_from_env(env), opts.path, bench.tokens)
                )
                bad = [status for status in statuses if status != 200]
                if bad:
                    raise BenchSetupError(f"GET {opts.path} answered {bad[:5]} during capture")
                feed_statement = max(_feed_only(bench.pages)[0], key=lambda s: len(s.sql))
                explain = asyncio.run(_explain(dsn, feed_statement))
                print(f"captured {len(bench.pages[0])} statements per feed page")
            result = ConfigResult(workers)
            print(f"== {workers} worker(s), concurrency {opts.concurrency}")
            bench.api(server, seconds=3)  # warm-up: pool connections, statement caches
            for number in range(opts.rounds):
                result.rounds.append(bench.round(server, number))
                _print_round(number + 1, result.rounds[-1])
            configs.append(result)
            if opts.profile:
                print(f"   profiling the server with py-spy ({workers} worker(s))")
                profiles.append(bench.profile(server, REPORTS / f"bench-profile-w{workers}.txt"))

    return {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "goal_ratio": GOAL,
        "machine": {
            "cpus": os.cpu_count(),
            "python": sys.version.split()[0],
            "platform": platform.platform(),
        },
        "database": url.rsplit("@", 1)[-1],
        "seed": {"plan": plan.__dict__, **seeding},
        "server": {
            "command": "daira serve --workers N",
            "environment": "production",
            "redis": redis_url or "none (in-process limits and jobs)",
            "raised_limits": RAISED_LIMITS,
            "access_token_ttl_seconds": 3600,
            "access_log": "normal JSON access log, one line per request, to a file",
        },
        "load": {
            "tool": load_tool,
            "tool_note": wrk_note,
            "path": opts.path,
            "concurrency": opts.concurrency,
            "seconds_per_run": opts.seconds,
            "rounds": opts.rounds,
            "accounts": len(bench.tokens),
        },
        "sql": {
            "statements_per_page": len(bench.pages[0]),
            "sample_page": raw.describe(bench.pages[0]),
        },
        "explain_feed_statement": explain,
        "configs": [_config_report(config) for config in configs],
        "profiles": profiles,
    }


def cpu_bound_projection(medians: dict[str, dict[str, float]], workers: int) -> dict[str, float]:
    """Requests per second each side could reach if it had the machine's CPUs to itself.

    On this shared box the measured rates also depend on how busy the other tenants are; the
    CPU each request costs does not, much. The API needs `server + postgres + load tool`
    milliseconds of CPU per request (and its workers cannot use more than one CPU each); raw
    needs `client + postgres`.
    """
    cpus = os.cpu_count() or 1
    api, base = medians["api"], medians["raw"]
    server = api.get("cpu_ms_server", 0.0)
    api_total = server + api.get("cpu_ms_postgres", 0.0) + api.get("cpu_ms_load_tool", 0.0)
    client = base.get("cpu_ms_client", 0.0)
    raw_total = client + base.get("cpu_ms_postgres", 0.0)
    if not (server and api_total and client and raw_total):
        return {}
    api_rps = min(1000 * cpus / api_total, 1000 * workers / server)
    raw_rps = min(1000 * cpus / raw_total, 1000 / client)
    return {
        "api_cpu_ms_per_request": round(api_total, 3),
        "raw_cpu_ms_per_request": round(raw_total, 3),
        "api_rps": round(api_rps, 1),
        "raw_rps": round(raw_rps, 1),
        "ratio": ratio(api_rps, raw_rps),
    }


def _config_report(config: ConfigResult) -> dict[str, Any]:
    medians = config.medians()
    per_round = [ratio(r["api"].rps, r["raw"].rps) for r in config.rounds]
    return {
        "cpu_bound_projection": cpu_bound_projection(medians, config.workers),
        "workers": config.workers,
        "rounds": [{kind: run.as_dict() for kind, run in r.items()} for r in config.rounds],
        "median": medians,
        "ratio_api_raw": ratio(medians["api"]["rps"], medians["raw"]["rps"]),
        "ratio_api_raw_per_round": per_round,
        "ratio_api_raw_feed_only": ratio(medians["api"]["rps"], medians["raw_feed_only"]["rps"]),
    }


def render_markdown(report: dict[str, Any]) -> str:
    load, goal = report["load"], report["goal_ratio"]
    lines = [
        "# Home feed: API vs the SQL it issues",
        "",
        f"Generated {report['generated_at']} on {report['machine']['cpus']} CPUs; database "
        f"{report['database']}; load tool {load['tool']} ({load['tool_note']}); "
        f"{load['concurrency']} concurrent connections, {load['rounds']} rounds of "
        f"{load['seconds_per_run']:.0f} s each, {load['accounts']} signed-in accounts, "
        f"GET {load['path']}. Medians of the rounds.",
        "",
        "| workers | api rps | api p50 ms | api p99 ms | raw rps | raw p50 ms | raw p99 ms "
        "| raw feed-only rps | api/raw | api/raw feed-only | goal |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for config in report["configs"]:
        median = config["median"]
        api, base, feed_only = median["api"], median["raw"], median["raw_feed_only"]
        verdict = "met" if config["ratio_api_raw"] >= goal else "not met"
        lines.append(
            f"| {config['workers']} | {api['rps']:.0f} | {api['p50_ms']} | {api['p99_ms']} "
            f"| {base['rps']:.0f} | {base['p50_ms']} | {base['p99_ms']} | {feed_only['rps']:.0f} "
            f"| {config['ratio_api_raw']:.2f} | {config['ratio_api_raw_feed_only']:.2f} "
            f"| >= {goal:.2f}: {verdict} |"
        )
    lines += [
        "",
        "Per-round api/raw ratios: "
        + "; ".join(
            f"{c['workers']} worker(s) {c['ratio_api_raw_per_round']}" for c in report["configs"]
        ),
        "",
        "CPU milliseconds per request (medians; from /proc, so independent of how busy the "
        "shared box was):",
        "",
        "| workers | api: server | api: postgres | api: load tool | raw: asyncpg client "
        "| raw: postgres | raw feed-only: client | raw feed-only: postgres |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for config in report["configs"]:
        api, base, feed = (config["median"][k] for k in ("api", "raw", "raw_feed_only"))
        lines.append(
            f"| {config['workers']} | {api.get('cpu_ms_server')} | {api.get('cpu_ms_postgres')} "
            f"| {api.get('cpu_ms_load_tool')} | {base.get('cpu_ms_client')} "
            f"| {base.get('cpu_ms_postgres')} | {feed.get('cpu_ms_client')} "
            f"| {feed.get('cpu_ms_postgres')} |"
        )
    lines += [
        "",
        "CPU-bound projection (a model, not a measurement): the rate each side would reach "
        f"with the {report['machine']['cpus']} CPUs to itself, from the CPU it spends per "
        "request above (API workers capped at one CPU each):",
        "",
    ]
    for config in report["configs"]:
        projection = config.get("cpu_bound_projection") or {}
        if projection:
            lines.append(
                f"- {config['workers']} worker(s): API {projection['api_rps']:.0f}/s "
                f"({projection['api_cpu_ms_per_request']} ms CPU per request), raw "
                f"{projection['raw_rps']:.0f}/s ({projection['raw_cpu_ms_per_request']} ms), "
                f"ratio {projection['ratio']:.2f}"
            )
    errors = sum(c["median"]["api"]["errors"] for c in report["configs"])
    server = report["server"]
    lines += [
        "",
        f"API errors (non-2xx or socket) over all rounds: {errors}.",
        "",
        "raw = every statement the API issued for the page (session lookup included), replayed "
        "with asyncpg inside BEGIN ... COMMIT as the request's session does; raw feed-only = the "
        "feed statements alone, outside a transaction.",
        "",
        "## Server settings",
        "",
        f"ENVIRONMENT={server['environment']}, SECRET_KEY random, Redis: {server['redis']}, "
        f"{server['access_log']}. Login and write limits raised for the load (they are "
        "settings; the limiter still runs): "
        + ", ".join(f"{k}={v}" for k, v in server["raised_limits"].items())
        + f". ACCESS_TOKEN_TTL_SECONDS={server['access_token_ttl_seconds']} so tokens outlive "
        "the run.",
        "",
        f"## SQL of one feed page ({report['sql']['statements_per_page']} statements)",
        "",
    ]
    for statement in report["sql"]["sample_page"]:
        lines += ["```sql", statement["sql"].strip(), "```", f"params: {statement['params']}", ""]
    lines += ["## EXPLAIN ANALYZE of the feed statement", "", "```"]
    lines += report["explain_feed_statement"] + ["```", ""]
    for prof in report["profiles"]:
        if "error" in prof:
            lines += [f"Profile: {prof['error']}", ""]
            continue
        lines += [
            f"## Where the server's CPU goes ({prof['workers']} worker(s), py-spy, "
            f"{prof['samples']} samples, {prof['rps_while_sampling']:.0f} rps while sampling)",
            "",
            "Self time by package (% of on-CPU samples): "
            + ", ".join(f"{name} {share}%" for name, share in prof["self_by_package"]),
            "",
            "Inclusive by package: "
            + ", ".join(f"{name} {share}%" for name, share in prof["inclusive_by_package"]),
            "",
            "Our code and the libraries' entry points, inclusive (the call chain every request "
            "shares, above 60%, left out):",
            "",
            "| function | inclusive % |",
            "| --- | --- |",
        ]
        lines += [
            f"| `{name}` | {share} |" for name, share in prof["inclusive_by_function"] if share < 60
        ][:25]
        lines += ["", "| function (self) | % |", "| --- | --- |"]
        lines += [f"| `{name}` | {share} |" for name, share in prof.get("self_by_function", [])]
        lines += [
            "",
            "py-spy counts a sample whenever the thread is runnable, so a worker preempted "
            "inside a socket write (waking PostgreSQL on a loaded 2-CPU box) is charged to the "
            "asyncpg frame that wrote; the CPU milliseconds per request above (from /proc) are "
            "the measure of cost, the profile says where the request spends its time.",
        ]
        lines += ["", f"Collapsed stacks: {prof['file']}", ""]
    seed = report["seed"]
    lines += ["## Data", "", f"Seed: {json.dumps(seed, default=str)}", ""]
    return "\n".join(lines)


def write_reports(report: dict[str, Any], directory: Path) -> tuple[Path, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    json_path, md_path = directory / "bench-feed.json", directory / "bench-feed.md"
    json_path.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n")
    md_path.write_text(render_markdown(report), encoding="utf-8")
    return json_path, md_path


def _parse(argv: list[str] | None) -> Options:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    env = os.environ.get
    parser.add_argument("--concurrency", type=int, default=int(env("BENCH_CONCURRENCY", "16")))
    parser.add_argument("--rounds", type=int, default=int(env("BENCH_ROUNDS", "3")))
    parser.add_argument("--seconds", type=float, default=float(env("BENCH_SECONDS", "10")))
    parser.add_argument("--workers", default=env("BENCH_WORKERS", "1,2"), help="e.g. 1,2")
    parser.add_argument("--accounts", type=int, default=200, help="bench users signed in")
    parser.add_argument("--reuse", action="store_true", help="keep an already seeded database")
    parser.add_argument("--no-profile", action="store_true", help="skip the py-spy profile")
    parser.add_argument("--python-load", action="store_true", help="use the Python client")
    parser.add_argument("--path", default=FEED_PATH)
    args = parser.parse_args(argv)
    return Options(
        concurrency=args.concurrency,
        rounds=args.rounds,
        seconds=args.seconds,
        workers=tuple(int(w) for w in args.workers.split(",") if w.strip()),
        accounts=args.accounts,
        reuse=args.reuse,
        profile=not args.no_profile,
        path=args.path,
        python_load=args.python_load,
    )


def main(argv: list[str] | None = None) -> None:
    opts = _parse(argv)
    try:
        report = run(opts)
    except BenchSetupError as exc:
        raise SystemExit(f"error: {exc}") from exc
    json_path, md_path = write_reports(report, REPORTS)
    print(f"\nreports: {json_path.relative_to(REPO_ROOT)}, {md_path.relative_to(REPO_ROOT)}")
    for config in report["configs"]:
        api, base = config["median"]["api"], config["median"]["raw"]
        print(
            f"{config['workers']} worker(s): API {api['rps']:.0f} req/s "
            f"(p50 {api['p50_ms']} ms, p99 {api['p99_ms']} ms) vs raw {base['rps']:.0f}/s "
            f"-> ratio API / raw = {config['ratio_api_raw']:.2f} "
            f"(feed statements only: {config['ratio_api_raw_feed_only']:.2f}; goal >= {GOAL})"
        )


if __name__ == "__main__":
    main()
