"""``daira rules ...``: moderation-rule commands (mounted by ``daira.cli`` under ``rules``)."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated, BinaryIO

import typer

from daira.config import get_settings
from daira.moderation.importer import import_rules
from daira.moderation.matcher import Matcher, RuleSpec, validate_pattern
from daira.moderation.pack import PACKS, PackError, load_pack
from daira.moderation.verdict import classifier_for, judge

rules_app = typer.Typer(help="Moderation rules.", no_args_is_help=True)
rules_app.command("import")(import_rules)


@rules_app.callback()
def rules_callback() -> None:
    """Moderation rules: test texts against them."""
    # A callback keeps "test" a sub-command even while it is the only command here.


def load_word_list(path: Path) -> list[RuleSpec]:
    """One ``word`` rule (action hide, severity medium) per non-blank line of ``path``."""
    rules: list[RuleSpec] = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        word = line.strip()
        if not word:
            continue
        error = validate_pattern("word", word)
        if error is not None:
            typer.echo(f"{path}:{number}: skipped: {error}", err=True)
            continue
        rules.append(RuleSpec(f"{path.name}:{number}", word, "word", "medium", "hide"))
    return rules


def _rules_from_db() -> Sequence[RuleSpec]:
    try:
        from daira.moderation.service import load_rules_from_db
    except ImportError as exc:
        typer.echo(
            f"error: the database's rules are not available ({exc}); "
            "use --rules FILE or --pack default",
            err=True,
        )
        raise typer.Exit(2) from exc
    rules: Sequence[RuleSpec] = asyncio.run(load_rules_from_db())
    return rules


def _lines(stream: BinaryIO) -> Iterator[str]:
    """Texts on ``stream``, split on newlines only.

    Reading bytes keeps U+2028, U+0085 and lone carriage returns inside a text, where text-mode
    iteration would split it and break the one-output-line-per-input-line contract.
    """
    for raw in stream:
        yield raw.decode("utf-8", "replace").removesuffix("\n").removesuffix("\r")


@rules_app.command("test")
def run_test(
    rules: Annotated[
        list[Path] | None,
        typer.Option(
            "--rules",
            help="Word-list file, one word per line (word match, action hide); repeatable.",
            exists=True,
            dir_okay=False,
            readable=True,
        ),
    ] = None,
    pack: Annotated[
        str | None, typer.Option("--pack", help=f"Built-in rule pack: {', '.join(PACKS)}.")
    ] = None,
    classifier: Annotated[
        bool,
        typer.Option(
            "--classifier/--no-classifier",
            help="Add the classifier's second opinion, as the server does (its settings apply).",
        ),
    ] = True,
) -> None:
    """Read texts on stdin (one a line); print one JSON line per text: matched patterns, action
    and the classifier's score with the n-grams behind it.

    --rules and --pack replace the database's rules; without them the database's rules are used.
    The action is what the server would decide: the rules first, then the classifier.
    """
    specs: list[RuleSpec] = []
    for path in rules or []:
        specs.extend(load_word_list(path))
    if pack is not None:
        try:
            specs.extend(load_pack(pack))
        except PackError as exc:
            raise typer.BadParameter(str(exc), param_hint="--pack") from exc
    if not rules and pack is None:
        specs.extend(_rules_from_db())
    matcher = Matcher(specs, skip_invalid=True)
    for skipped in matcher.skipped:
        typer.echo(f"skipped {skipped}", err=True)
    second_opinion = classifier_for(get_settings()) if classifier else None

    out = sys.stdout
    interactive = sys.stdin.isatty()
    for text in _lines(sys.stdin.buffer):
        verdict = judge(matcher, second_opinion, text)
        line = {
            "matched": verdict.patterns,
            "action": verdict.action,
            "classifier": verdict.classifier.snapshot() if verdict.classifier else None,
        }
        out.write(json.dumps(line) + "\n")
        if interactive:
            out.flush()
    out.flush()


if __name__ == "__main__":
    rules_app()
