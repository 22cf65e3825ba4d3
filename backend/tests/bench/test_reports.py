"""Report building from recorded figures: profiles, Locust summaries, the feed report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from daira.bench.feed import cpu_bound_projection, render_markdown, write_reports
from daira.bench.loadtest import summarise
from daira.bench.profile import package_of, parse_collapsed


def test_collapsed_stacks_are_attributed_to_packages_and_functions() -> None:
    text = (
        "run (uvicorn/server.py:1);home_feed (daira/feed/router.py:30);"
        "execute (sqlalchemy/orm/session.py:5) 3\n"
        "run (uvicorn/server.py:1);send (libc.so.6) 1\n"
        "garbage line\n"
    )
    profile = parse_collapsed(text)
    assert profile.samples == 4
    assert profile.self_by_package == {"sqlalchemy": 3, "native": 1}
    assert profile.inclusive_by_package["uvicorn"] == 4
    assert profile.inclusive_by_function["daira.feed:home_feed"] == 3
    assert profile.share(profile.self_by_package, 1) == [("sqlalchemy", 75.0)]


def test_package_of_names_our_domains_and_third_parties() -> None:
    assert package_of("daira/auth/deps.py") == "daira.auth"
    assert package_of("/x/site-packages/asyncpg/connection.py") == "asyncpg"
    assert package_of("asyncio/runners.py") == "asyncio"


def entry(name: str, times: dict[str, int], failures: int = 0) -> dict[str, Any]:
    return {
        "name": name,
        "response_times": times,
        "num_requests": sum(times.values()),
        "num_failures": failures,
        "start_time": 100.0,
        "last_request_timestamp": 110.0,
    }


def test_locust_summary_merges_histograms_and_judges_the_mix_without_sign_in() -> None:
    stats = [
        entry("POST /api/v1/auth/login", {"900": 10}),
        entry("GET /api/v1/feed", {"20": 90, "40": 5}, failures=1),
        entry("POST /api/v1/posts", {"30": 4, "600": 1}),
    ]
    summary = summarise(stats)
    assert summary["mix"]["requests"] == 100
    assert summary["mix"]["p95_ms"] == 40.0
    assert summary["mix"]["rps"] == 10.0
    assert summary["mix"]["error_rate"] == 0.01
    assert summary["overall"]["p95_ms"] == 900.0
    assert summary["verdicts"]["goal"] == {"p95": True, "errors": False}
    assert summary["verdicts"]["roadmap"] == {"p95": True, "errors": False}


def feed_report() -> dict[str, Any]:
    medians = {"rps": 100.0, "p50_ms": 5.0, "p99_ms": 9.0, "errors": 0}
    return {
        "generated_at": "2026-11-25T00:00:00+00:00",
        "goal_ratio": 0.7,
        "machine": {"cpus": 2},
        "database": "127.0.0.1:5432/daira_bench",
        "seed": {"plan": {}, "reused": True},
        "server": {
            "environment": "production",
            "redis": "none",
            "raised_limits": {"RATE_LIMIT_POSTS_USER": "1/hour"},
            "access_token_ttl_seconds": 3600,
            "access_log": "to a file",
        },
        "load": {
            "tool": "wrk",
            "tool_note": "found",
            "path": "/api/v1/feed",
            "concurrency": 4,
            "seconds_per_run": 1.0,
            "rounds": 1,
            "accounts": 2,
        },
        "sql": {"statements_per_page": 1, "sample_page": [{"sql": "SELECT 1", "params": []}]},
        "explain_feed_statement": ["Result"],
        "configs": [
            {
                "workers": 1,
                "median": {
                    "api": {**medians, "rps": 75.0, "cpu_ms_server": 2.0},
                    "raw": medians,
                    "raw_feed_only": medians,
                },
                "ratio_api_raw": 0.75,
                "ratio_api_raw_per_round": [0.75],
                "ratio_api_raw_feed_only": 0.75,
            }
        ],
        "profiles": [{"error": "py-spy is not available"}],
    }


def test_the_feed_report_is_written_as_json_and_markdown(tmp_path: Path) -> None:
    json_path, md_path = write_reports(feed_report(), tmp_path)
    assert json_path.exists()
    markdown = md_path.read_text()
    assert "| 1 | 75 |" in markdown
    assert ">= 0.70: met" in markdown
    assert "RATE_LIMIT_POSTS_USER=1/hour" in markdown
    assert render_markdown(feed_report()) == markdown


def test_the_cpu_bound_projection_shares_the_cpus_and_caps_each_worker_at_one(
    monkeypatch: Any,
) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    medians = {
        "api": {"cpu_ms_server": 2.0, "cpu_ms_postgres": 1.0, "cpu_ms_load_tool": 1.0},
        "raw": {"cpu_ms_client": 0.5, "cpu_ms_postgres": 1.5},
    }
    one_worker = cpu_bound_projection(medians, workers=1)
    assert one_worker["api_rps"] == 500.0  # one CPU / 2 ms, below two CPUs / 4 ms
    assert one_worker["raw_rps"] == 1000.0
    assert one_worker["ratio"] == 0.5
    assert cpu_bound_projection(medians, workers=2)["api_rps"] == 500.0
    assert cpu_bound_projection({"api": {}, "raw": {}}, workers=1) == {}
