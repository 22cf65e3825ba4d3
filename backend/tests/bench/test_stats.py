"""The benchmark's arithmetic: percentiles, per-run summaries, medians over rounds."""

from __future__ import annotations

import pytest

from daira.bench.stats import RunSummary, cpu_per_request, median_summary, percentile, ratio


def test_percentile_interpolates_between_closest_ranks() -> None:
    values = [4.0, 1.0, 3.0, 2.0]
    assert percentile(values, 0) == 1.0
    assert percentile(values, 50) == 2.5
    assert percentile(values, 100) == 4.0
    assert percentile([7.0], 99) == 7.0
    assert percentile([], 50) == 0.0


def test_percentile_outside_0_to_100_is_refused() -> None:
    with pytest.raises(ValueError, match="between 0 and 100"):
        percentile([1.0], 101)


def test_a_run_summary_reports_rate_and_latencies_in_milliseconds() -> None:
    summary = RunSummary.from_latencies([0.001] * 99 + [0.1], seconds=2.0, errors=3)
    assert summary.requests == 100
    assert summary.rps == 50.0
    assert summary.p50_ms == 1.0
    assert summary.p99_ms == pytest.approx(1.99, abs=0.01)
    assert summary.errors == 3


def test_medians_are_taken_field_by_field_and_errors_add_up() -> None:
    runs = [
        RunSummary(10, 1, 1.0, 100.0, 5.0, 8.0, 9.0, 6.0, {"server": 2.0}),
        RunSummary(10, 0, 1.0, 300.0, 1.0, 2.0, 3.0, 2.0, {"server": 4.0}),
        RunSummary(10, 2, 1.0, 200.0, 9.0, 9.0, 9.0, 9.0, {"server": 3.0}),
    ]
    medians = median_summary(runs)
    assert medians["rps"] == 200.0
    assert medians["p50_ms"] == 5.0
    assert medians["cpu_ms_server"] == 3.0
    assert medians["errors"] == 3
    assert medians["requests"] == 30


def test_cpu_per_request_and_ratio_guard_against_zero() -> None:
    assert cpu_per_request({"server": 0.5}, 250) == {"server": 2.0}
    assert cpu_per_request({"server": 0.5}, 0) == {}
    assert ratio(70, 100) == 0.7
    assert ratio(70, 0) == 0.0
