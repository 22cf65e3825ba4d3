"""Latency statistics for load runs: percentiles, one summary per run, medians over rounds."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation between closest ranks."""
    if not values:
        return 0.0
    if not 0 <= q <= 100:
        raise ValueError("percentile must be between 0 and 100")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True)
class RunSummary:
    """One timed run of a closed-loop load generator at a fixed concurrency."""

    requests: int
    errors: int
    seconds: float
    rps: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    mean_ms: float
    # CPU milliseconds per request by who spent them (server, postgres, client, load_tool).
    cpu_ms: dict[str, float] = field(default_factory=dict)

    @classmethod
    def from_latencies(
        cls, latencies_s: Sequence[float], seconds: float, errors: int = 0
    ) -> RunSummary:
        ms = sorted(value * 1000 for value in latencies_s)
        return cls(
            requests=len(ms),
            errors=errors,
            seconds=round(seconds, 3),
            rps=round(len(ms) / seconds, 1) if seconds > 0 else 0.0,
            p50_ms=round(percentile(ms, 50), 2),
            p90_ms=round(percentile(ms, 90), 2),
            p99_ms=round(percentile(ms, 99), 2),
            mean_ms=round(statistics.fmean(ms), 2) if ms else 0.0,
        )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def median_summary(runs: Iterable[RunSummary]) -> dict[str, float]:
    """Per-field medians over rounds (each field on its own: runs on this box vary ~20%)."""
    rows = list(runs)
    if not rows:
        return {}
    values: dict[str, list[float]] = {}
    for run in rows:
        for name in ("rps", "p50_ms", "p90_ms", "p99_ms", "mean_ms"):
            values.setdefault(name, []).append(getattr(run, name))
        for who, ms in run.cpu_ms.items():
            values.setdefault(f"cpu_ms_{who}", []).append(ms)
    result = {name: round(statistics.median(series), 3) for name, series in values.items()}
    result["errors"] = sum(run.errors for run in rows)
    result["requests"] = sum(run.requests for run in rows)
    return result


def cpu_per_request(seconds_by_who: dict[str, float], requests: int) -> dict[str, float]:
    if not requests:
        return {}
    return {who: round(1000 * used / requests, 3) for who, used in seconds_by_who.items()}


def ratio(numerator: float, denominator: float) -> float:
    return round(numerator / denominator, 3) if denominator else 0.0
