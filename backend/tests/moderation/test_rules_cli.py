"""``daira rules test``: one JSON line per input line, in order."""

from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from daira.moderation.cli import rules_app
from daira.moderation.matcher import RuleSpec

BACKEND_DIR = Path(__file__).resolve().parents[2]


def run(args: list[str], stdin: str | bytes) -> tuple[int, list[dict[str, Any]], str]:
    result = CliRunner().invoke(rules_app, ["test", *args], input=stdin)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    return result.exit_code, lines, result.stderr


def test_one_line_per_text_in_order_blank_lines_included() -> None:
    code, lines, _ = run(["--pack", "default"], "hello\nyou b1tch\n\nيا ابن الكلب\nclass act\n")
    assert code == 0
    assert len(lines) == 5
    for line in lines:
        assert set(line) == {"matched", "action", "classifier"}
        assert isinstance(line["matched"], list)
    assert [line["action"] is not None for line in lines] == [False, True, False, True, False]
    assert (lines[0]["matched"], lines[0]["action"]) == ([], None)
    assert (lines[2]["matched"], lines[2]["action"]) == ([], None)
    assert "bitch" in lines[1]["matched"]
    assert "كلب" in lines[3]["matched"]


def test_last_line_without_newline_and_crlf() -> None:
    code, lines, _ = run(["--pack", "default"], "fine\r\nfuck\r\nstill fine")
    assert code == 0
    assert [line["action"] for line in lines] == [None, "flag", None]


def test_only_newlines_split_texts() -> None:
    # U+2028, U+0085 and a lone CR are characters of a text, not line ends.
    text = "fuck\u2028fine\x85fine\rfine\n"
    code, lines, _ = run(["--pack", "default"], text.encode("utf-8"))
    assert code == 0
    assert len(lines) == 1
    assert lines[0]["action"] == "flag"


def test_word_list_files_become_hide_word_rules(tmp_path: Path) -> None:
    first = tmp_path / "en.txt"
    first.write_text("ass\nblow job\n\n", "utf-8")
    second = tmp_path / "ar.txt"
    second.write_text("مص", "utf-8")  # no trailing newline, like the LDNOOBW Arabic list
    code, lines, _ = run(
        ["--rules", str(first), "--rules", str(second), "--no-classifier"],
        "class\nyou ass\nblow   job\nمصر\nيا مص\n",
    )
    assert code == 0
    assert lines == [
        {"matched": [], "action": None, "classifier": None},
        {"matched": ["ass"], "action": "hide", "classifier": None},
        {"matched": ["blow job"], "action": "hide", "classifier": None},
        {"matched": [], "action": None, "classifier": None},
        {"matched": ["مص"], "action": "hide", "classifier": None},
    ]


def test_unusable_word_list_entries_are_reported(tmp_path: Path) -> None:
    words = tmp_path / "words.txt"
    words.write_text("🖕\nidiot\n", "utf-8")
    code, lines, stderr = run(["--rules", str(words), "--no-classifier"], "idiot\n")
    assert code == 0
    assert lines == [{"matched": ["idiot"], "action": "hide", "classifier": None}]
    assert "words.txt:1" in stderr


def test_unknown_pack_is_a_usage_error() -> None:
    code, lines, stderr = run(["--pack", "nope"], "x\n")
    assert code == 2
    assert lines == []
    assert "unknown pack" in stderr


def test_without_flags_the_database_rules_are_used(monkeypatch: pytest.MonkeyPatch) -> None:
    service = types.ModuleType("daira.moderation.service")

    async def load_rules_from_db() -> list[RuleSpec]:
        return [RuleSpec(1, "scum", "word", "high", "block")]

    service.load_rules_from_db = load_rules_from_db  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "daira.moderation.service", service)
    code, lines, _ = run(["--no-classifier"], "scum\nidiot\n")
    assert code == 0
    assert lines == [
        {"matched": ["scum"], "action": "block", "classifier": None},
        {"matched": [], "action": None, "classifier": None},
    ]


def test_without_flags_and_without_database_it_exits_2(monkeypatch: pytest.MonkeyPatch) -> None:
    # None in sys.modules makes the import fail, whether or not the module exists.
    monkeypatch.setitem(sys.modules, "daira.moderation.service", None)
    code, lines, stderr = run([], "x\n")
    assert code == 2
    assert lines == []
    assert "--pack default" in stderr


def test_twenty_thousand_lines() -> None:
    texts = [f"line {i} {'fuck' if i % 3 == 0 else 'fine'}" for i in range(20_000)]
    code, lines, _ = run(["--pack", "default"], "\n".join(texts) + "\n")
    assert code == 0
    assert len(lines) == 20_000
    assert [line["action"] is not None for line in lines] == [i % 3 == 0 for i in range(20_000)]


def test_module_entry_point_is_the_same_command() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "daira.moderation.cli", "test", "--pack", "default"],
        input="fine\nكس امك\n".encode(),
        capture_output=True,
        check=True,
        cwd=BACKEND_DIR,
    )
    lines = [json.loads(line) for line in completed.stdout.decode().splitlines()]
    assert [line["action"] for line in lines] == [None, "hide"]
