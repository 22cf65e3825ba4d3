"""The labelled development data of ../shared/data, and the statistics every report shares.

See ../shared/data/README.md and each folder's SOURCE.md for provenance and licences. The sets
hold development rows only; the rest is withheld for an independent evaluation, which is why
nothing here (training, thresholds, pack tuning) may look beyond these rows.
"""

from __future__ import annotations

import csv
import hashlib
import html
import math
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
BACKEND_DIR = REPO_ROOT / "backend"
DATA_ENV = "DAIRA_MODERATION_DATA"
DEFAULT_DATA_DIR = REPO_ROOT.parent / "shared" / "data"
DEFAULT_OUT_DIR = REPO_ROOT / "reports"
Z_95 = 1.959963984540054
SEED = 15
FOLDS = 5

# Goals of SPEC section 5 (held-out public data): precision, recall, false-positive rate.
TARGETS: dict[str, tuple[float, float, float | None]] = {
    "en": (0.97, 0.95, 0.04),
    "ar": (0.90, 0.70, None),
}

_OSACT_MARKUP = re.compile(r"@USER|\bURL\b|<LF>")
_NEWLINES = re.compile(r"[\r\n]+")


def data_dir_default() -> Path:
    return Path(os.environ.get(DATA_ENV, DEFAULT_DATA_DIR))


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    offensive: bool


@dataclass(frozen=True, slots=True)
class Part:
    """A labelled part of a data set."""

    language: str
    name: str
    role: str  # "tuning", "check" or "all"
    source: str
    examples: tuple[Example, ...]


@dataclass(frozen=True, slots=True)
class Interval:
    value: float | None
    low: float | None
    high: float | None


@dataclass(frozen=True, slots=True)
class Scores:
    tp: int
    fp: int
    fn: int
    tn: int
    precision: Interval
    recall: Interval
    f1: float | None
    false_positive_rate: Interval


def wilson(successes: int, trials: int, z: float = Z_95) -> Interval:
    """Wilson score interval of a proportion; all None when there are no trials."""
    if trials == 0:
        return Interval(None, None, None)
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return Interval(p, max(0.0, centre - half), min(1.0, centre + half))


def score(labels: Sequence[bool], flagged: Sequence[bool]) -> Scores:
    """Confusion counts and rates of ``flagged`` against ``labels`` (True = offensive)."""
    tp = sum(1 for y, f in zip(labels, flagged, strict=True) if y and f)
    fp = sum(1 for y, f in zip(labels, flagged, strict=True) if not y and f)
    fn = sum(1 for y, f in zip(labels, flagged, strict=True) if y and not f)
    tn = len(labels) - tp - fp - fn
    precision, recall = wilson(tp, tp + fp), wilson(tp, tp + fn)
    f1 = None
    if precision.value is not None and recall.value is not None:
        total = precision.value + recall.value
        f1 = 2 * precision.value * recall.value / total if total else 0.0
    return Scores(tp, fp, fn, tn, precision, recall, f1, wilson(fp, fp + tn))


def meets_target(language: str, scores: Scores) -> bool:
    precision, recall, fpr = TARGETS[language]
    p, r, f = scores.precision.value, scores.recall.value, scores.false_positive_rate.value
    if p is None or r is None or f is None:
        return False
    return p >= precision and r >= recall and (fpr is None or f <= fpr)


def _davidson_split(row_id: str) -> str:
    """Fixed 70/30 split of Davidson rows by a hash of the row id (the pack's tuning split)."""
    digest = hashlib.sha256(f"davidson:{row_id}".encode()).digest()
    return "check" if digest[0] % 10 < 3 else "tuning"


def load_davidson(data_dir: Path) -> list[Part]:
    path = data_dir / "davidson-hate-offensive" / "labeled_data.csv"
    parts: dict[str, list[Example]] = {"tuning": [], "check": []}
    with path.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            # One text per line on the CLI's stdin: embedded newlines become spaces.
            text = _NEWLINES.sub(" ", html.unescape(row["tweet"]))
            parts[_davidson_split(row[""])].append(Example(text, row["class"] in ("0", "1")))
    source = "davidson-hate-offensive/labeled_data.csv (class 0 or 1 = offensive)"
    return [
        Part("en", "Davidson tuning 70%", "tuning", source, tuple(parts["tuning"])),
        Part("en", "Davidson check 30%", "check", source, tuple(parts["check"])),
        Part("en", "Davidson all", "all", source, tuple(parts["tuning"] + parts["check"])),
    ]


def load_osact(data_dir: Path) -> list[Part]:
    parts: list[Part] = []
    for name, role in (("train", "tuning"), ("dev", "check")):
        path = data_dir / "osact2020-arabic-offensive" / f"OSACT2020-sharedTask-{name}.txt"
        examples: list[Example] = []
        for line in path.read_text("utf-8").splitlines():
            text, off, _hate = line.split("\t")
            # The organisers' placeholders are not words anyone wrote.
            examples.append(Example(_OSACT_MARKUP.sub(" ", text), off == "OFF"))
        source = f"osact2020-arabic-offensive/{path.name} (OFF = offensive)"
        parts.append(Part("ar", f"OSACT {name}", role, source, tuple(examples)))
    all_examples = parts[0].examples + parts[1].examples
    parts.append(
        Part("ar", "OSACT all", "all", "osact2020-arabic-offensive (train + dev)", all_examples)
    )
    return parts


def development_sets(data_dir: Path) -> dict[str, tuple[Example, ...]]:
    """Every development row per language, the rows training and cross-validation use."""
    english = next(p for p in load_davidson(data_dir) if p.role == "all")
    arabic = next(p for p in load_osact(data_dir) if p.role == "all")
    return {"en": english.examples, "ar": arabic.examples}
