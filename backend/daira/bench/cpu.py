"""CPU seconds spent by processes during a run, from /proc (Linux): the server and its
workers, PostgreSQL backends, this process and the load tool. Per request, these say where
the machine's two cores went, which throughput alone cannot on a shared box."""

from __future__ import annotations

import os
import resource
from collections.abc import Iterable, Mapping
from pathlib import Path

_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def process_seconds(pid: int) -> float:
    """User + system CPU of one process (0 when it is gone or unreadable)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICKS


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found += [int(child) for child in task.read_text().split()]
        except OSError:
            continue
    return found


def tree_seconds(pid: int) -> float:
    """A process and its descendants (uvicorn's supervisor and its workers)."""
    return process_seconds(pid) + sum(tree_seconds(child) for child in children(pid))


def pids_seconds(pids: Iterable[int]) -> dict[int, float]:
    return {pid: process_seconds(pid) for pid in pids}


def delta(before: Mapping[int, float], after: Mapping[int, float]) -> float:
    """CPU used between two snapshots; processes that appeared count from zero."""
    return sum(value - before.get(pid, 0.0) for pid, value in after.items())


def self_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def reaped_children_seconds() -> float:
    """Finished child processes (e.g. wrk once it has exited)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
