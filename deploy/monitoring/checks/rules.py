"""Every alert is unit-tested firing and not firing, and is labelled and annotated fully:
severity page|ticket, service, summary, description, and a runbook_url whose anchor is a
section of docs/RUNBOOKS.md. (promtool checks that the tests pass; this checks they exist.)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
RULES = HERE.parent / "rules"
RUNBOOKS = HERE.parents[2] / "docs" / "RUNBOOKS.md"


def github_anchor(heading: str) -> str:
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def main() -> int:
    alerts: dict[str, dict[str, Any]] = {}
    for path in sorted(RULES.glob("*.yaml")):
        for group in yaml.safe_load(path.read_text())["groups"]:
            for rule in group["rules"]:
                if "alert" in rule:
                    alerts[rule["alert"]] = rule
    firing: set[str] = set()
    quiet: set[str] = set()
    for path in sorted((RULES / "tests").glob("*.yaml")):
        for test in yaml.safe_load(path.read_text())["tests"]:
            for case in test.get("alert_rule_test", []):
                (firing if case.get("exp_alerts") else quiet).add(case["alertname"])
    anchors = {
        github_anchor(line.lstrip("#"))
        for line in RUNBOOKS.read_text().splitlines()
        if line.startswith("#")
    }
    problems = []
    for name, rule in alerts.items():
        labels, notes = rule.get("labels", {}), rule.get("annotations", {})
        if name not in firing:
            problems.append(f"{name}: no test where it fires")
        if name not in quiet:
            problems.append(f"{name}: no test where it stays quiet")
        if labels.get("severity") not in {"page", "ticket"}:
            problems.append(f"{name}: severity must be page or ticket")
        if labels.get("service") != "daira":
            problems.append(f"{name}: service label missing")
        for key in ("summary", "description", "runbook_url"):
            if not notes.get(key):
                problems.append(f"{name}: no {key}")
        anchor = notes.get("runbook_url", "").partition("#")[2]
        if "RUNBOOKS.md#" not in notes.get("runbook_url", "") or anchor not in anchors:
            problems.append(
                f"{name}: runbook_url anchor #{anchor} is not a docs/RUNBOOKS.md section"
            )
    print(f"rules: {len(alerts)} alerts, each tested firing and quiet, annotated, with a runbook")
    for problem in problems:
        print(f"  FAIL {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
