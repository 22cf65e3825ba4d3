"""What the classifier costs per post: scoring latency (p50/p99) and the memory of the model.

``python -m tools.moderation.cost`` (``make moderation-cost``) loads the shipped model the way a
server process does, then times ``Classifier.score`` on development texts of both languages
(each timed alone, after a warm-up pass). The machine's load average is recorded next to the
figures: on a shared machine a busy neighbour shows up in p99, so measure when it is quiet.
Writes ``reports/moderation-cost.json``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import time
import tracemalloc
from collections.abc import Sequence
from pathlib import Path

from daira.moderation import classifier as runtime
from tools.moderation.data import DEFAULT_OUT_DIR, data_dir_default, development_sets

SAMPLE = 3000


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data-dir", type=Path, default=data_dir_default())
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT_DIR)
    args = parser.parse_args(argv)

    tracemalloc.start()
    started = time.perf_counter()
    model = runtime.load()
    load_seconds = time.perf_counter() - started
    memory_bytes = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()

    sets = development_sets(args.data_dir)
    texts = [e.text for lang in ("en", "ar") for e in sets[lang][: SAMPLE // 2]]
    for text in texts:
        model.score(text)
    gc.disable()
    timings: list[float] = []
    for text in texts:
        started = time.perf_counter()
        model.score(text)
        timings.append((time.perf_counter() - started) * 1000)
    gc.enable()
    report = {
        "load_average": os.getloadavg(),
        "load_seconds": round(load_seconds, 3),
        "model_memory_mb": round(memory_bytes / 2**20, 1),
        "artifact_sha256": model.sha256,
        "texts": len(texts),
        "score_ms": {
            "p50": round(statistics.median(timings), 4),
            "p99": round(percentile(timings, 0.99), 4),
            "max": round(max(timings), 4),
            "mean": round(statistics.fmean(timings), 4),
        },
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "moderation-cost.json").write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
