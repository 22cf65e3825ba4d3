"""Daira's own default rule pack, shipped as package data (``packs/default.tsv``)."""

from __future__ import annotations

from importlib import resources

from daira.moderation.matcher import (
    ACTIONS,
    MATCH_KINDS,
    SEVERITIES,
    RuleSpec,
    validate_pattern,
)

PACKS = ("default",)


class PackError(ValueError):
    """A pack file line that is not a valid rule."""


def parse_pack(text: str, name: str) -> list[RuleSpec]:
    """Parse a pack: ``match<TAB>severity<TAB>action<TAB>pattern`` per line, ``#`` comments.

    Rule ids are ``"<pack>:<match>:<pattern>"``, stable across edits of the file, so rules
    imported into the database can be recognised when the pack is imported again.
    """
    rules: list[RuleSpec] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 4:
            raise PackError(f"{name}:{number}: expected 4 tab-separated fields")
        match, severity, action, pattern = (f.strip() for f in fields)
        if match not in MATCH_KINDS or severity not in SEVERITIES or action not in ACTIONS:
            raise PackError(f"{name}:{number}: unknown match, severity or action")
        error = validate_pattern(match, pattern)
        if error is not None:
            raise PackError(f"{name}:{number}: {error}")
        rule_id = f"{name}:{match}:{pattern}"
        if rule_id in seen:
            raise PackError(f"{name}:{number}: duplicate rule {pattern!r}")
        seen.add(rule_id)
        rules.append(
            RuleSpec(
                id=rule_id,
                pattern=pattern,
                match=match,
                severity=severity,
                action=action,
            )
        )
    return rules


def load_pack(name: str) -> list[RuleSpec]:
    """Load a pack shipped with Daira by name (see ``PACKS``)."""
    if name not in PACKS:
        raise PackError(f"unknown pack {name!r}; available: {', '.join(PACKS)}")
    text = resources.files("daira.moderation").joinpath(f"packs/{name}.tsv").read_text("utf-8")
    return parse_pack(text, name)


def load_default_pack() -> list[RuleSpec]:
    """Daira's default English and Egyptian Arabic rule pack."""
    return load_pack("default")
