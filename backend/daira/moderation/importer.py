"""``daira rules import``: word lists and Daira's own packs into the database, idempotently.

A rule already stored with the same pattern and match is left as it is (an admin may have
tuned its action or disabled it), so importing twice adds nothing.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import typer

from daira.moderation.matcher import (
    ACTIONS,
    MATCH_KINDS,
    SEVERITIES,
    Action,
    MatchKind,
    RuleSpec,
    Severity,
)
from daira.moderation.pack import PACKS, PackError, load_pack
from daira.moderation.service import pattern_problem


def read_word_list(
    path: Path, *, action: Action, severity: Severity, match: MatchKind
) -> tuple[list[RuleSpec], list[str]]:
    """One rule per non-blank line (``#`` starts a comment line); (rules, problems)."""
    rules: list[RuleSpec] = []
    problems: list[str] = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        pattern = line.strip()
        if not pattern or pattern.startswith("#"):
            continue
        if error := pattern_problem(match, pattern):
            problems.append(f"{path}:{number}: skipped: {error}")
            continue
        rules.append(RuleSpec(f"{path.name}:{number}", pattern, match, severity, action))
    return rules, problems


async def store_rules(specs: list[RuleSpec], source: str) -> tuple[int, int]:
    """Add `specs` to the configured database; (added, already there)."""
    from daira.config import get_settings
    from daira.core.db import make_engine, make_sessionmaker
    from daira.core.jobs import commit
    from daira.moderation.service import RuleService

    engine = make_engine(get_settings())
    try:
        async with make_sessionmaker(engine)() as session:
            counts = await RuleService(session).import_rules(specs, source=source)
            await commit(session)
            return counts
    finally:
        await engine.dispose()


def _choice(value: str, allowed: tuple[str, ...], option: str) -> str:
    if value not in allowed:
        raise typer.BadParameter(f"must be one of {', '.join(allowed)}", param_hint=option)
    return value


def import_rules(
    file: Annotated[
        Path | None,
        typer.Argument(
            help="Word list, one pattern per line.", exists=True, dir_okay=False, readable=True
        ),
    ] = None,
    action: Annotated[
        str | None, typer.Option(help=f"Action of the list's rules: {', '.join(ACTIONS)}.")
    ] = None,
    severity: Annotated[str, typer.Option(help=f"Severity: {', '.join(SEVERITIES)}.")] = "medium",
    match: Annotated[str, typer.Option(help=f"Match: {', '.join(MATCH_KINDS)}.")] = "word",
    pack: Annotated[
        str | None, typer.Option(help=f"Import a built-in pack instead: {', '.join(PACKS)}.")
    ] = None,
) -> None:
    """Add one rule per line of FILE, or a built-in pack's rules; idempotent."""
    if (file is None) == (pack is None):
        raise typer.BadParameter("give either FILE or --pack", param_hint="FILE / --pack")
    if pack is not None:
        try:
            specs = load_pack(pack)
        except PackError as exc:
            raise typer.BadParameter(str(exc), param_hint="--pack") from exc
        source = f"pack:{pack}"
    else:
        assert file is not None
        if action is None:
            raise typer.BadParameter("a word list needs --action", param_hint="--action")
        specs, problems = read_word_list(
            file,
            action=_choice(action, ACTIONS, "--action"),  # type: ignore[arg-type]
            severity=_choice(severity, SEVERITIES, "--severity"),  # type: ignore[arg-type]
            match=_choice(match, MATCH_KINDS, "--match"),  # type: ignore[arg-type]
        )
        for problem in problems:
            typer.echo(problem, err=True)
        source = f"file:{file.name}"
    added, present = asyncio.run(store_rules(specs, source))
    typer.echo(f"{added} rules added, {present} already present")
