"""Dashboards: in sync with generate.py, valid Grafana 11.6 JSON, and (with --prometheus URL)
every panel query answered with at least one series, unless the panel is marked event-only.

Usage: python dashboards.py [--prometheus http://127.0.0.1:PORT]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
from jsonschema import Draft7Validator

HERE = Path(__file__).resolve().parent
DASHBOARDS = HERE.parent / "dashboards"
REPO = HERE.parents[2]
SCHEMA = (
    Path(os.environ.get("DAIRA_SHARED_DIR", REPO.parent / "shared"))
    / "schemas"
    / "grafana-dashboard-v11.6.jsonschema.json"
)
EVENT_ONLY = "Event-only:"
# Grafana fills $__rate_interval in; at least four scrape intervals of the test's Prometheus.
RATE_INTERVAL = "1m"


def panels(dashboard: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for panel in dashboard.get("panels", []):
        found.append(panel)
        found.extend(panel.get("panels", []))
    return [p for p in found if p.get("type") != "row"]


def validate(paths: list[Path]) -> list[str]:
    schema = json.loads(SCHEMA.read_text())
    validator = Draft7Validator(schema)
    problems = []
    for path in paths:
        dashboard = json.loads(path.read_text())
        for error in validator.iter_errors(dashboard):
            where = "/".join(str(p) for p in error.absolute_path)
            problems.append(f"{path.name}: {where}: {error.message[:200]}")
        ids = [p["id"] for p in panels(dashboard)]
        if len(ids) != len(set(ids)):
            problems.append(f"{path.name}: panel ids repeat")
    return problems


def run_queries(paths: list[Path], prometheus: str) -> tuple[int, list[str]]:
    problems = []
    count = 0
    with httpx.Client(base_url=prometheus, timeout=10) as client:
        for path in paths:
            for panel in panels(json.loads(path.read_text())):
                event_only = EVENT_ONLY in panel.get("description", "")
                for target in panel.get("targets", []):
                    expr = target["expr"].replace("$__rate_interval", RATE_INTERVAL)
                    answer = client.get("/api/v1/query", params={"query": expr}).json()
                    count += 1
                    where = f"{path.name}: {panel['title']!r} {target['refId']}"
                    if answer.get("status") != "success":
                        problems.append(f"{where}: {answer.get('error')}: {expr}")
                    elif not answer["data"]["result"] and not event_only:
                        problems.append(f"{where}: no series: {expr}")
    return count, problems


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--prometheus", help="run every panel query on this Prometheus")
    args = parser.parse_args()
    paths = sorted(DASHBOARDS.glob("*.json"))
    generated = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(DASHBOARDS / "generate.py"), "--check"], check=False
    )
    problems = validate(paths)
    if generated.returncode:
        problems.append("dashboards differ from generate.py's output")
    print(f"dashboards: {len(paths)} files validated against {SCHEMA.name}")
    if args.prometheus:
        count, failed = run_queries(paths, args.prometheus)
        problems += failed
        print(f"dashboards: {count} panel queries run on {args.prometheus}")
    for problem in problems:
        print(f"  FAIL {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
