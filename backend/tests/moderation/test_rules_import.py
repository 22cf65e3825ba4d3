"""``daira rules import``: word lists and the default pack, idempotent."""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select

from daira.models import ModerationRule
from daira.moderation.pack import load_default_pack
from tests.conftest import MakeUser
from tests.support.moderation import ADMIN_API, run_daira, staff


def _daira(*args: str) -> subprocess.CompletedProcess[str]:
    return run_daira("rules", "import", *args)


async def test_a_word_list_becomes_one_rule_per_line_once(
    tmp_path: Path, db: Any, client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    words = tmp_path / "words.txt"
    words.write_text("spam\n\n# a comment\nscam artist\n!!!\nspam\n", "utf-8")
    args = (str(words), "--action", "hide", "--severity", "high", "--match", "phrase")
    first = await asyncio.to_thread(_daira, *args)
    assert first.returncode == 0, first.stderr
    assert "2 rules added" in first.stdout
    assert "words.txt:5" in first.stderr
    again = await asyncio.to_thread(_daira, *args)
    assert "0 rules added, 3 already present" in again.stdout
    rules = (await db.scalars(select(ModerationRule).order_by(ModerationRule.pattern))).all()
    assert [(r.pattern, r.match, r.severity, r.action) for r in rules] == [
        ("scam artist", "phrase", "high", "hide"),
        ("spam", "phrase", "high", "hide"),
    ]
    # The running server sees imported rules like any other change.
    admin = await staff(make_user)
    tested = await client.post(
        f"{ADMIN_API}/moderation-rules/test", json={"text": "a scam artist"}, headers=admin.headers
    )
    assert tested.json()["action"] == "hide"


async def test_the_default_pack_imports_once(db: Any) -> None:
    first = await asyncio.to_thread(_daira, "--pack", "default")
    assert first.returncode == 0, first.stderr
    again = await asyncio.to_thread(_daira, "--pack", "default")
    assert again.returncode == 0
    assert again.stdout.startswith("0 rules added")
    count = await db.scalar(select(func.count()).select_from(ModerationRule))
    assert count == len(load_default_pack())


async def test_bad_invocations_fail_with_a_reason(tmp_path: Path) -> None:
    words = tmp_path / "words.txt"
    words.write_text("spam\n", "utf-8")
    for args, hint in (
        ((str(words),), "--action"),
        ((str(words), "--action", "ban"), "--action"),
        ((str(words), "--action", "hide", "--match", "glob"), "--match"),
        ((), "--pack"),
        (("--pack", "nope"), "--pack"),
    ):
        result = await asyncio.to_thread(_daira, *args)
        assert result.returncode == 2, args
        assert hint in result.stderr, (args, result.stderr)
