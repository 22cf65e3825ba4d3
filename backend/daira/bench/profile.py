"""Where a server spends its CPU: py-spy (run by `uvx`, never a project dependency) sampling
the server while a load runs, summarised by package and by function."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

_FRAME = re.compile(r"^(?P<func>.*) \((?P<file>[^()]*?)(?::\d+)?\)$")


@dataclass
class Profile:
    samples: int = 0
    self_by_package: Counter[str] = field(default_factory=Counter)
    inclusive_by_package: Counter[str] = field(default_factory=Counter)
    inclusive_by_function: Counter[str] = field(default_factory=Counter)
    self_by_function: Counter[str] = field(default_factory=Counter)

    def share(self, counter: Counter[str], top: int) -> list[tuple[str, float]]:
        total = self.samples or 1
        return [(name, round(100 * count / total, 1)) for name, count in counter.most_common(top)]


def package_of(path: str) -> str:
    """A frame's file as a bucket: its top package (daira.<domain> for ours), or `native`."""
    path = path.split("site-packages/", 1)[-1]
    parts = path.split("/")
    if len(parts) == 1:
        return (
            "native" if ".so" in path or path.endswith((".c", ".h")) else path.removesuffix(".py")
        )
    if parts[0] == "daira" and len(parts) > 2:
        return f"daira.{parts[1]}"
    return parts[0].removesuffix(".py")


def parse_collapsed(text: str) -> Profile:
    """Aggregate py-spy's `--format raw` output (collapsed stacks, one `a;b;c count` a line)."""
    profile = Profile()
    for line in text.splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = [frame for frame in stack.split(";") if frame]
        parsed = [_FRAME.match(frame.strip()) for frame in frames]
        labelled = [
            (match["func"], package_of(match["file"])) for match in parsed if match is not None
        ]
        if not labelled:
            continue
        profile.samples += count
        profile.self_by_package[labelled[-1][1]] += count
        profile.self_by_function[f"{labelled[-1][1]}:{labelled[-1][0]}"] += count
        for package in {package for _, package in labelled}:
            profile.inclusive_by_package[package] += count
        for name in {f"{package}:{func}" for func, package in labelled}:
            profile.inclusive_by_function[name] += count
    return profile


def py_spy_command() -> list[str] | None:
    if shutil.which("py-spy"):
        return ["py-spy"]
    if shutil.which("uvx"):
        return ["uvx", "py-spy"]
    return None


def record(pid: int, seconds: float, output: Path, subprocesses: bool) -> subprocess.Popen[bytes]:
    """Start sampling `pid` (and its workers) in the background; wait() on the result."""
    command = py_spy_command()
    if command is None:
        raise RuntimeError("py-spy is not available (install uv, or py-spy in a scratch venv)")
    args = [*command, "record", "--pid", str(pid), "--duration", str(round(seconds))]
    args += ["--format", "raw", "--rate", "200", "--nonblocking", "--output", str(output)]
    if subprocesses:
        args.append("--subprocesses")
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # noqa: S603
