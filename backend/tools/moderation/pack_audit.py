"""Which English rules of the default pack flag harmless text, checked by cross-validation.

``python -m tools.moderation.pack_audit [--pack FILE]`` (``make moderation-pack-audit``). For
every rule it counts the Davidson development texts that *only* this rule flags, harmless
(unique false positives) and offensive (unique true positives): removing a rule changes
exactly those texts. The pruning criterion, "drop a rule when fewer than ``MIN_UNIQUE_PRECISION``
of the texts only it flags are offensive", is then checked honestly: chosen on four folds,
measured on the fifth. The rules it names on all rows were moved out of the pack (see the
comment block at the end of ``packs/default.tsv``); the classifier now judges those words in
context.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.model_selection import StratifiedKFold

from daira.moderation.matcher import Matcher, RuleSpec
from daira.moderation.normalize import is_arabic
from daira.moderation.pack import load_default_pack, parse_pack
from tools.moderation.data import FOLDS, SEED, Example, data_dir_default, development_sets

MIN_UNIQUE_PRECISION = 0.8


def rule_hits(matcher: Matcher, examples: Sequence[Example]) -> list[tuple[str, ...]]:
    return [tuple(matcher.match(e.text).patterns) for e in examples]


def unique_counts(
    hits: Sequence[tuple[str, ...]], labels: Sequence[bool]
) -> tuple[Counter[str], Counter[str]]:
    """(unique true positives, unique false positives) per pattern."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    for patterns, offensive in zip(hits, labels, strict=True):
        if len(patterns) == 1:
            (tp if offensive else fp)[patterns[0]] += 1
    return tp, fp


def to_drop(tp: Counter[str], fp: Counter[str], floor: float = MIN_UNIQUE_PRECISION) -> set[str]:
    return {p for p in fp if tp[p] / (tp[p] + fp[p]) < floor}


def flagged_without(hits: Sequence[tuple[str, ...]], dropped: set[str]) -> np.ndarray:
    return np.array([any(p not in dropped for p in patterns) for patterns in hits], dtype=bool)


def rates(labels: np.ndarray, flagged: np.ndarray) -> tuple[float, float, float]:
    tp = int((flagged & labels).sum())
    fp = int((flagged & ~labels).sum())
    return tp / max(1, tp + fp), tp / max(1, int(labels.sum())), fp / max(1, int((~labels).sum()))


def audit(rules: Sequence[RuleSpec], examples: Sequence[Example]) -> None:
    english = [r for r in rules if not is_arabic(r.pattern.strip()[:1])]
    hits = rule_hits(Matcher(english, skip_invalid=True), examples)
    labels = np.array([e.offensive for e in examples], dtype=bool)
    tp, fp = unique_counts(hits, labels.tolist())
    print("unique FP  unique TP  pattern (English rules with unique false positives)")
    for pattern in sorted(fp, key=lambda p: (-fp[p], p))[:40]:
        print(f"{fp[pattern]:9d}  {tp[pattern]:9d}  {pattern[:60]}")

    print(f"\ncriterion: drop when unique precision < {MIN_UNIQUE_PRECISION}; {FOLDS}-fold check")
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED)
    before, after = [], []
    for train, test in folds.split(np.zeros(len(labels)), labels):
        dropped = to_drop(*unique_counts([hits[i] for i in train], labels[train].tolist()))
        test_hits = [hits[i] for i in test]
        before.append(rates(labels[test], flagged_without(test_hits, set())))
        after.append(rates(labels[test], flagged_without(test_hits, dropped)))
    for name, runs in (("pack as given", before), ("pruned on the other folds", after)):
        p, r, f = np.mean(runs, axis=0)
        print(f"  {name:<26} precision {p:.3f}  recall {r:.3f}  FPR {f:.3f}")
    print("\nthe criterion on all rows drops:", ", ".join(sorted(to_drop(tp, fp))) or "nothing")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data-dir", type=Path, default=data_dir_default())
    parser.add_argument("--pack", type=Path, help="a pack file (default: the shipped pack)")
    args = parser.parse_args(argv)
    rules = (
        parse_pack(args.pack.read_text("utf-8"), args.pack.stem)
        if args.pack
        else load_default_pack()
    )
    audit(rules, development_sets(args.data_dir)["en"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
