"""Moderation-quality report: precision, recall, F1 and false-positive rate on public labelled data.

Run ``python -m tools.moderation.report [--data-dir DIR] [--out DIR]`` from ``backend/`` (``make
moderation-report``). The data directory defaults to ``$DAIRA_MODERATION_DATA`` or
``../shared/data`` next to the repository; see its README for the sets and their licences.

Systems measured per language, on the development rows only (the held-out rows are not here):

* the rules alone: Daira's default pack through the real CLI (``daira rules test --pack default
  --no-classifier``, here as ``python -m daira.moderation.cli``, the same code path);
* the classifier alone and rules + classifier, by 5-fold cross-validation: each row is scored by
  a model trained on the other folds, with the shipped calibration and thresholds (the ones
  ``make train-moderation`` chose on the same folds);
* the shipped system through the CLI (``daira rules test --pack default``): the classifier has
  seen every row here, so these figures only prove the CLI path, they are not estimates;
* the LDNOOBW word list with naive substring matching (the off-the-shelf baseline) and
  flag-nothing (the floor: high accuracy, zero recall).

Each part of the data is reported separately, tagged with its role: the pack was written while
looking at the "tuning" parts (Davidson rows whose hashed id falls in the 70% tuning split, OSACT
train); the "check" parts (the other 30% of Davidson, OSACT dev) measure how the rules
generalise. Accuracy is never reported: the sets are far from balanced.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from daira.moderation import classifier as runtime
from tools.moderation.data import (
    BACKEND_DIR,
    DEFAULT_OUT_DIR,
    TARGETS,
    Part,
    data_dir_default,
    load_davidson,
    load_osact,
    meets_target,
    score,
)
from tools.moderation.train import HYPER, calibrated, featurise, out_of_fold_margins

RULES = "rules (CLI, --no-classifier)"
CLASSIFIER = "classifier, cross-validated"
BOTH = "rules + classifier, cross-validated"
SHIPPED = "shipped rules + classifier (CLI; in-sample)"


def run_cli(texts: Sequence[str], *, classifier: bool) -> list[bool]:
    """Flag ``texts`` with ``daira rules test --pack default`` in a subprocess."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(BACKEND_DIR), env.get("PYTHONPATH")]))
    command = [sys.executable, "-m", "daira.moderation.cli", "test", "--pack", "default"]
    if not classifier:
        command.append("--no-classifier")
    completed = subprocess.run(  # noqa: S603 - fixed argv, our own interpreter and module
        command,
        input="".join(t + "\n" for t in texts).encode("utf-8"),
        capture_output=True,
        check=True,
        env=env,
        cwd=BACKEND_DIR if BACKEND_DIR.is_dir() else None,
    )
    lines = completed.stdout.decode("utf-8").splitlines()
    if len(lines) != len(texts):
        raise RuntimeError(f"CLI answered {len(lines)} lines for {len(texts)} texts")
    return [json.loads(line)["action"] is not None for line in lines]


def load_word_list(path: Path) -> list[str]:
    return [w.strip().lower() for w in path.read_text("utf-8").split("\n") if w.strip()]


def substring_flagger(words: Sequence[str]) -> Callable[[str], bool]:
    """Naive baseline: flag a text when any list entry occurs anywhere in it, ignoring case."""
    return lambda text: any(w in text.lower() for w in words)


def cross_validated(parts: Sequence[Part]) -> dict[str, np.ndarray]:
    """Per language, the out-of-fold classifier decision for each row of its "all" part."""
    shipped = runtime.load()
    flags: dict[str, np.ndarray] = {}
    for part in parts:
        if part.role != "all":
            continue
        language: runtime.Language = "ar" if part.language == "ar" else "en"
        grams, labels = featurise(part.examples)
        margins = out_of_fold_margins(grams, labels, HYPER[language])
        a, b = shipped.platt(language)
        flags[part.language] = calibrated(margins, a, b) >= shipped.thresholds[language].flag
    return flags


def _slices(parts: Sequence[Part]) -> dict[str, slice]:
    """Where each part sits in its language's "all" part (the others, concatenated in order)."""
    where: dict[str, slice] = {}
    offsets: dict[str, int] = {}
    for part in parts:
        if part.role == "all":
            where[part.name] = slice(0, len(part.examples))
            continue
        start = offsets.get(part.language, 0)
        where[part.name] = slice(start, start + len(part.examples))
        offsets[part.language] = start + len(part.examples)
    return where


def evaluate(data_dir: Path) -> dict[str, Any]:
    """Score every system on every part; returns the JSON-ready report."""
    parts = load_davidson(data_dir) + load_osact(data_dir)
    word_lists = {
        lang: load_word_list(data_dir / "ldnoobw-wordlists" / lang) for lang in ("en", "ar")
    }
    # Each distinct text goes through the CLI once; the "all" parts repeat the others.
    texts = list(dict.fromkeys(e.text for p in parts for e in p.examples))
    started = time.perf_counter()
    rules_by_text = dict(zip(texts, run_cli(texts, classifier=False), strict=True))
    cli_seconds = time.perf_counter() - started
    shipped_by_text = dict(zip(texts, run_cli(texts, classifier=True), strict=True))
    started = time.perf_counter()
    oof = cross_validated(parts)
    cv_seconds = time.perf_counter() - started
    where = _slices(parts)

    results: list[dict[str, Any]] = []
    for part in parts:
        labels = [e.offensive for e in part.examples]
        rules = [rules_by_text[e.text] for e in part.examples]
        model = oof[part.language][where[part.name]].tolist()
        baseline = substring_flagger(word_lists[part.language])
        systems = {
            RULES: rules,
            CLASSIFIER: model,
            BOTH: [r or c for r, c in zip(rules, model, strict=True)],
            SHIPPED: [shipped_by_text[e.text] for e in part.examples],
            "ldnoobw substring": [baseline(e.text) for e in part.examples],
            "flag nothing": [False] * len(labels),
        }
        for system, flagged in systems.items():
            scores = score(labels, flagged)
            results.append(
                {
                    "language": part.language,
                    "part": part.name,
                    "role": part.role,
                    "source": part.source,
                    "examples": len(labels),
                    "offensive": sum(labels),
                    "system": system,
                    "meets_target": meets_target(part.language, scores),
                    **asdict(scores),
                }
            )
    shipped = runtime.load()
    return {
        "data_dir": str(data_dir),
        "targets": {
            lang: {"precision": p, "recall": r, "false_positive_rate": f}
            for lang, (p, r, f) in TARGETS.items()
        },
        "interval": "Wilson score, 95%",
        "cli": {
            "command": "python -m daira.moderation.cli test --pack default [--no-classifier]",
            "texts": len(texts),
            "seconds": round(cli_seconds, 2),
        },
        "classifier": {
            "sha256": shipped.sha256,
            "thresholds": {lang: asdict(t) for lang, t in shipped.thresholds.items()},
            "cross_validation_seconds": round(cv_seconds, 1),
        },
        "notes": [
            "The pack was written looking at the tuning parts only; check parts measure how the "
            "rules generalise. The 'all' rows of each language are what cross-validation uses.",
            "Classifier rows: 5 stratified folds (seed 15), shipped calibration and thresholds.",
            "The shipped-system rows are in-sample for the classifier: a check of the CLI path, "
            "not an estimate.",
            "Davidson split: sha256('davidson:' + row id), first byte mod 10 < 3 -> check.",
            "OSACT texts: @USER, URL and <LF> placeholders replaced by spaces.",
            "Accuracy is not reported: 'flag nothing' scores 80% on OSACT and 17% on Davidson.",
        ],
        "results": results,
    }


def _fmt(interval: dict[str, Any]) -> str:
    if interval["value"] is None:
        return "n/a"
    return f"{interval['value']:.3f} [{interval['low']:.3f}-{interval['high']:.3f}]"


def to_markdown(report: dict[str, Any]) -> str:
    targets = ", ".join(
        f"{lang.upper()} precision >= {t['precision']}, recall >= {t['recall']}"
        + (f", FPR <= {t['false_positive_rate']}" if t["false_positive_rate"] else "")
        for lang, t in report["targets"].items()
    )
    lines = [
        "# Moderation quality report",
        "",
        f"Data: `{report['data_dir']}` (development rows). Intervals: {report['interval']}. "
        f"Rules measured through `{report['cli']['command']}` "
        f"({report['cli']['texts']} texts in {report['cli']['seconds']} s). Classifier "
        f"`{report['classifier']['sha256'][:12]}`, "
        f"thresholds {report['classifier']['thresholds']}.",
        "",
        f"Goals (SPEC section 5, on held-out data): {targets}.",
        "",
        "| lang | part | role | n (off) | system | precision | recall | F1 | FPR | TP/FP/FN/TN"
        " | goal |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in report["results"]:
        f1 = "n/a" if r["f1"] is None else f"{r['f1']:.3f}"
        lines.append(
            f"| {r['language']} | {r['part']} | {r['role']} | {r['examples']} ({r['offensive']})"
            f" | {r['system']} | {_fmt(r['precision'])} | {_fmt(r['recall'])} | {f1}"
            f" | {_fmt(r['false_positive_rate'])} | {r['tp']}/{r['fp']}/{r['fn']}/{r['tn']}"
            f" | {'yes' if r['meets_target'] else 'no'} |"
        )
    lines += ["", "Notes:", ""] + [f"- {n}" for n in report["notes"]]
    return "\n".join(lines) + "\n"


def to_table(report: dict[str, Any]) -> str:
    header = f"{'part':<20} {'system':<44} {'P':>6} {'R':>6} {'FPR':>6}  goal"
    rows = [header, "-" * len(header)]
    for r in report["results"]:

        def num(value: float | None) -> str:
            return "   n/a" if value is None else f"{value:6.3f}"

        rows.append(
            f"{r['part']:<20} {r['system']:<44} {num(r['precision']['value'])}"
            f" {num(r['recall']['value'])} {num(r['false_positive_rate']['value'])}"
            f"  {'yes' if r['meets_target'] else 'no'}"
        )
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data-dir", type=Path, default=data_dir_default())
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT_DIR, help="report directory")
    args = parser.parse_args(argv)
    data_dir: Path = args.data_dir
    if not data_dir.is_dir():
        print(f"error: data directory {data_dir} not found", file=sys.stderr)
        return 2
    report = evaluate(data_dir)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    (out / "moderation-report.json").write_text(
        json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8"
    )
    (out / "moderation-report.md").write_text(to_markdown(report), "utf-8")
    print(to_table(report))
    print(f"\nwritten: {out / 'moderation-report.json'}, {out / 'moderation-report.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
