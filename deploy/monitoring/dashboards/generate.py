"""Daira's Grafana dashboards as code: `python generate.py` writes one JSON file per dashboard.

The JSON files are committed (Grafana provisions them as they are); `make obs-check` fails
when they differ from what this script writes, validates them against Grafana 11.6's
dashboard schema and runs every panel's query on a Prometheus that scraped a running Daira.
A panel whose series only exist after a rare event (a 5xx, a Redis error) says so in its
description with the marker EVENT_ONLY, and the query check lets it come back empty.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
EVENT_ONLY = "Event-only:"
DATASOURCE = {"type": "prometheus", "uid": "${datasource}"}
# The notification stream is one request that lives as long as the page: its "duration" is
# a session length, not a latency.
EXCLUDED_ROUTES = 'route!~"/health|/ready|/metrics|/api/v1/notifications/stream"'
API = 'route=~"/api/v1/.+"'
FEED = 'route="/api/v1/feed", method="GET"'
FAILED_LOGIN = 'outcome!="succeeded"'
FEED_FAST = FEED + ', le="0.3"'
API_5XX = API + ', status=~"5.."'


@dataclass
class Panel:
    title: str
    queries: list[tuple[str, str]]  # (PromQL, legend)
    unit: str = "short"
    kind: str = "timeseries"
    description: str = ""
    width: int = 12
    height: int = 8
    extra_defaults: dict[str, Any] = field(default_factory=dict)

    def render(self, panel_id: int, x: int, y: int) -> dict[str, Any]:
        return {
            "id": panel_id,
            "type": self.kind,
            "title": self.title,
            "description": self.description,
            "datasource": DATASOURCE,
            "gridPos": {"h": self.height, "w": self.width, "x": x, "y": y},
            "targets": [
                {
                    "refId": chr(ord("A") + i),
                    "datasource": DATASOURCE,
                    "expr": expr,
                    "legendFormat": legend,
                    "range": self.kind == "timeseries",
                    "instant": self.kind != "timeseries",
                }
                for i, (expr, legend) in enumerate(self.queries)
            ],
            "fieldConfig": {
                "defaults": {"unit": self.unit, **self.extra_defaults},
                "overrides": [],
            },
            "options": {"legend": {"displayMode": "table", "placement": "bottom"}}
            if self.kind == "timeseries"
            else {"reduceOptions": {"calcs": ["lastNotNull"]}},
        }


@dataclass
class Row:
    title: str
    panels: list[Panel]


def dashboard(uid: str, title: str, description: str, rows: list[Row]) -> dict[str, Any]:
    panels: list[dict[str, Any]] = []
    panel_id = 1
    y = 0
    for row in rows:
        panels.append(
            {
                "type": "row",
                "id": panel_id,
                "title": row.title,
                "collapsed": False,
                "gridPos": {"h": 1, "w": 24, "x": 0, "y": y},
                "panels": [],
            }
        )
        panel_id += 1
        y += 1
        x = 0
        row_height = 0
        for panel in row.panels:
            if x + panel.width > 24:
                x, y = 0, y + row_height
                row_height = 0
            panels.append(panel.render(panel_id, x, y))
            panel_id += 1
            x += panel.width
            row_height = max(row_height, panel.height)
        y += row_height
    return {
        "uid": uid,
        "title": title,
        "description": description,
        "tags": ["daira"],
        "timezone": "utc",
        "editable": False,
        "graphTooltip": 1,
        "time": {"from": "now-6h", "to": "now"},
        "refresh": "30s",
        "schemaVersion": 39,
        "version": 1,
        "links": [
            {
                "title": "Daira dashboards",
                "type": "dashboards",
                "tags": ["daira"],
                "asDropdown": True,
                "icon": "external link",
                "includeVars": True,
                "keepTime": True,
                "targetBlank": False,
                "tooltip": "",
                "url": "",
            }
        ],
        "annotations": {"list": []},
        "templating": {
            "list": [
                {
                    "type": "datasource",
                    "name": "datasource",
                    "label": "Prometheus",
                    "query": "prometheus",
                    "hide": 0,
                    "refresh": 1,
                }
            ]
        },
        "panels": panels,
    }


def rate(metric: str, selector: str = "") -> str:
    return f"rate({metric}{{{selector}}}[$__rate_interval])"


def quantile(q: float, metric: str, by: str, selector: str) -> str:
    return f"histogram_quantile({q}, sum by (le{by}) ({rate(metric + '_bucket', selector)}))"


OVERVIEW = dashboard(
    "daira-overview",
    "Daira / Overview",
    "Traffic, errors, latency by route and saturation of the API and its dependencies.",
    [
        Row(
            "Traffic and errors",
            [
                Panel(
                    "Requests per second by route",
                    [
                        (
                            f"sum by (route) ({rate('http_requests_total', EXCLUDED_ROUTES)})",
                            "{{route}}",
                        )
                    ],
                    unit="reqps",
                ),
                Panel(
                    "Responses per second by status",
                    [
                        (
                            f"sum by (status) ({rate('http_requests_total', EXCLUDED_ROUTES)})",
                            "{{status}}",
                        )
                    ],
                    unit="reqps",
                ),
                Panel(
                    "API 5xx ratio",
                    [
                        (
                            f"(sum({rate('http_requests_total', API_5XX)}) or vector(0))"
                            f" / sum({rate('http_requests_total', API)})",
                            "5xx ratio",
                        )
                    ],
                    unit="percentunit",
                    description="Alert DairaHigh5xxRatio fires above 1% for 5 minutes.",
                ),
                Panel(
                    "Unhandled errors per second",
                    [("sum by (kind) (" + rate("errors_total") + ")", "{{kind}}")],
                    unit="ops",
                    description=f"{EVENT_ONLY} series appear with the first 5xx or crash.",
                ),
            ],
        ),
        Row(
            "Latency",
            [
                Panel(
                    f"p{int(q * 100)} latency by route",
                    [
                        (
                            quantile(
                                q, "http_request_duration_seconds", ", route", EXCLUDED_ROUTES
                            ),
                            "{{route}}",
                        )
                    ],
                    unit="s",
                    width=8,
                )
                for q in (0.5, 0.95, 0.99)
            ]
            + [
                Panel(
                    "Database statement time p95 by operation",
                    [
                        (
                            quantile(0.95, "db_query_duration_seconds", ", operation", ""),
                            "{{operation}}",
                        )
                    ],
                    unit="s",
                ),
                Panel(
                    "p95 latency, all routes (the DairaHighLatencyP95 signal)",
                    [("daira:http_request_duration_seconds:p95_5m", "p95")],
                    unit="s",
                ),
            ],
        ),
        Row(
            "Saturation",
            [
                Panel(
                    "CPU per process",
                    [
                        (
                            rate("process_cpu_seconds_total", 'job=~"daira-.*"'),
                            "{{job}} {{instance}}",
                        )
                    ],
                    unit="percentunit",
                    width=8,
                ),
                Panel(
                    "Resident memory per process",
                    [('process_resident_memory_bytes{job=~"daira-.*"}', "{{job}} {{instance}}")],
                    unit="bytes",
                    width=8,
                ),
                Panel(
                    "Database pool",
                    [
                        ("sum(daira_db_pool_connections_in_use)", "in use"),
                        ("sum(daira_db_pool_capacity)", "capacity"),
                        ("sum(daira_db_pool_waiting)", "waiting"),
                    ],
                    width=8,
                ),
                Panel(
                    "Job queue",
                    [
                        ("max(daira_job_queue_depth)", "waiting jobs"),
                        ("max(daira_job_oldest_age_seconds)", "oldest job age (s)"),
                    ],
                    width=8,
                ),
                Panel(
                    "Dependencies up (readiness)",
                    [("min by (dependency) (daira_dependency_up)", "{{dependency}}")],
                    kind="stat",
                    width=8,
                ),
                Panel(
                    "Scrape targets up",
                    [('up{job=~"daira-.*"}', "{{job}} {{instance}}")],
                    kind="stat",
                    width=8,
                ),
                Panel(
                    "Running builds",
                    [("count by (version, git_sha) (daira_build_info)", "{{version}} {{git_sha}}")],
                    kind="stat",
                    width=12,
                ),
                Panel(
                    "Pool timeouts (503 busy) per second",
                    [(f"sum({rate('daira_db_pool_timeouts_total')})", "timeouts")],
                    unit="ops",
                    width=12,
                ),
            ],
        ),
    ],
)

JOBS = dashboard(
    "daira-jobs",
    "Daira / Jobs and email",
    "Background jobs (queue, latency, failures by kind), the worker and the emails it sends.",
    [
        Row(
            "Queue and worker",
            [
                Panel("Waiting jobs", [("max(daira_job_queue_depth)", "waiting")], width=8),
                Panel(
                    "Oldest job age",
                    [("max(daira_job_oldest_age_seconds)", "oldest")],
                    unit="s",
                    width=8,
                    description="Alert DairaOldestJobTooOld fires above 5 minutes.",
                ),
                Panel(
                    "Seconds since a worker heartbeat",
                    [("time() - max(daira_worker_last_heartbeat_timestamp_seconds)", "age")],
                    unit="s",
                    kind="stat",
                    width=8,
                ),
            ],
        ),
        Row(
            "Jobs by kind",
            [
                Panel(
                    "Job attempts per second by kind",
                    [(f"sum by (kind) ({rate('daira_job_duration_seconds_count')})", "{{kind}}")],
                    unit="ops",
                    width=8,
                ),
                Panel(
                    "Job p95 duration by kind",
                    [(quantile(0.95, "daira_job_duration_seconds", ", kind", ""), "{{kind}}")],
                    unit="s",
                    width=8,
                ),
                Panel(
                    "Failed job attempts per second by kind",
                    [(f"sum by (kind) ({rate('daira_job_failures_total')})", "{{kind}}")],
                    unit="ops",
                    width=8,
                    description=f"{EVENT_ONLY} series appear with a job's first failure.",
                ),
            ],
        ),
        Row(
            "Email",
            [
                Panel(
                    "Emails sent per second by template",
                    [(f"sum by (template) ({rate('daira_emails_sent_total')})", "{{template}}")],
                    unit="ops",
                ),
                Panel(
                    "Redis errors per second by operation",
                    [(f"sum by (operation) ({rate('daira_redis_errors_total')})", "{{operation}}")],
                    unit="ops",
                    description=f"{EVENT_ONLY} series appear when a Redis call first fails.",
                ),
            ],
        ),
    ],
)

MODERATION = dashboard(
    "daira-moderation",
    "Daira / Moderation and abuse",
    "Moderation decisions (automatic and human), rate-limit rejections and sign-in outcomes.",
    [
        Row(
            "Moderation",
            [
                Panel(
                    "Decisions per second by action and source",
                    [
                        (
                            f"sum by (action, source) ({rate('daira_moderation_decisions_total')})",
                            "{{source}} {{action}}",
                        )
                    ],
                    unit="ops",
                ),
                Panel(
                    "Decisions in the last 24 hours",
                    [
                        (
                            "sum by (action, source) "
                            "(increase(daira_moderation_decisions_total[24h]))",
                            "{{source}} {{action}}",
                        )
                    ],
                    kind="bargauge",
                ),
            ],
        ),
        Row(
            "Abuse",
            [
                Panel(
                    "Rate-limit rejections per second by limit",
                    [
                        (
                            f"sum by (limit) ({rate('daira_rate_limit_rejections_total')})",
                            "{{limit}}",
                        )
                    ],
                    unit="ops",
                ),
                Panel(
                    "Sign-ins per second by outcome",
                    [(f"sum by (outcome) ({rate('daira_logins_total')})", "{{outcome}}")],
                    unit="ops",
                ),
                Panel(
                    "Failed sign-in share",
                    [
                        (
                            f"(sum({rate('daira_logins_total', FAILED_LOGIN)}) or vector(0))"
                            f" / sum({rate('daira_logins_total')})",
                            "failed",
                        )
                    ],
                    unit="percentunit",
                    width=24,
                ),
            ],
        ),
    ],
)


def _budget_left(bad: str, total: str, budget: float) -> str:
    return (
        f"1 - ((sum(increase({bad}[30d])) or vector(0)) / sum(increase({total}[30d]))) / {budget}"
    )


SLO = dashboard(
    "daira-slo",
    "Daira / SLOs and error budgets",
    "Availability (99.5% of API requests not 5xx) and feed latency (95% of feed reads under "
    "300 ms) over 30 days, and how fast each budget burns (alerts: 14.4x over 1 h and 6x "
    "over 6 h).",
    [
        Row(
            "Availability: 99.5% of API requests succeed",
            [
                Panel(
                    "Error ratio by window",
                    [
                        ("daira:api_error_ratio:rate5m", "5m"),
                        ("daira:api_error_ratio:rate30m", "30m"),
                        ("daira:api_error_ratio:rate1h", "1h"),
                        ("daira:api_error_ratio:rate6h", "6h"),
                    ],
                    unit="percentunit",
                    width=8,
                ),
                Panel(
                    "Burn rate (1 = spending the budget exactly over 30 days)",
                    [
                        ("daira:api_error_ratio:rate1h / 0.005", "1h"),
                        ("daira:api_error_ratio:rate6h / 0.005", "6h"),
                    ],
                    width=8,
                ),
                Panel(
                    "Error budget left (30 days)",
                    [
                        (
                            _budget_left(
                                f"http_requests_total{{{API_5XX}}}",
                                f"http_requests_total{{{API}}}",
                                0.005,
                            ),
                            "left",
                        )
                    ],
                    unit="percentunit",
                    kind="stat",
                    width=8,
                ),
            ],
        ),
        Row(
            "Feed latency: 95% of feed reads under 300 ms",
            [
                Panel(
                    "Share of feed reads over 300 ms by window",
                    [
                        ("daira:feed_slow_ratio:rate5m", "5m"),
                        ("daira:feed_slow_ratio:rate30m", "30m"),
                        ("daira:feed_slow_ratio:rate1h", "1h"),
                        ("daira:feed_slow_ratio:rate6h", "6h"),
                    ],
                    unit="percentunit",
                    width=8,
                ),
                Panel(
                    "Burn rate",
                    [
                        ("daira:feed_slow_ratio:rate1h / 0.05", "1h"),
                        ("daira:feed_slow_ratio:rate6h / 0.05", "6h"),
                    ],
                    width=8,
                ),
                Panel(
                    "Latency budget left (30 days)",
                    [
                        (
                            "1 - (1 - sum(increase(http_request_duration_seconds_bucket"
                            f"{{{FEED_FAST}}}[30d])) / sum(increase("
                            f"http_request_duration_seconds_count{{{FEED}}}[30d]))) / 0.05",
                            "left",
                        )
                    ],
                    unit="percentunit",
                    kind="stat",
                    width=8,
                ),
            ],
        ),
    ],
)

DASHBOARDS = {
    "daira-overview.json": OVERVIEW,
    "daira-jobs.json": JOBS,
    "daira-moderation.json": MODERATION,
    "daira-slo.json": SLO,
}


def rendered() -> dict[str, str]:
    return {name: json.dumps(body, indent=2) + "\n" for name, body in DASHBOARDS.items()}


def main() -> int:
    """Write the JSON files; with --check, fail instead when a committed file differs."""
    check = "--check" in sys.argv[1:]
    stale = []
    for name, text in rendered().items():
        path = HERE / name
        if check:
            if not path.exists() or path.read_text() != text:
                stale.append(name)
        else:
            path.write_text(text)
    if stale:
        print(f"dashboards out of date (run python {Path(__file__).name}): {', '.join(stale)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
