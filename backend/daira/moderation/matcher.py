"""The moderation matcher: a set of rules compiled once, then matched against many texts.

``word`` and ``phrase`` rules are normalised by :mod:`daira.moderation.normalize` and put into
two Aho-Corasick automata (plain and squeezed, see ``TokenView``), so matching costs the same
for ten rules or ten thousand. Texts are scanned as words joined by single spaces, and a hit
counts only at word boundaries; an Arabic pattern may also follow one of the clitics that
Arabic writes attached to the word (و ف ب ل ال وال بال فال لل يا ...), so "والكلب" is the
word "كلب" while "مصر" is never the word "مص".

``regex`` rules run on google-re2, whose matching time is linear in the text whatever the
pattern, so an admin's regex cannot stall the server; they see the folded text (lower-case,
letters unified, punctuation and emoji kept) in each of its readings.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal, cast, get_args

import ahocorasick
import re2

from daira.moderation.normalize import (
    PreparedText,
    TokenView,
    fold,
    is_arabic,
    normalize_pattern,
    prepare,
    squeeze,
)

MatchKind = Literal["word", "phrase", "regex"]
Severity = Literal["low", "medium", "high"]
Action = Literal["flag", "hide", "block"]

MATCH_KINDS: Final[tuple[MatchKind, ...]] = get_args(MatchKind)
SEVERITIES: Final[tuple[Severity, ...]] = get_args(Severity)
ACTIONS: Final[tuple[Action, ...]] = get_args(Action)
MAX_PATTERN_LENGTH: Final = 500

_SEVERITY_RANK: Final[dict[Severity, int]] = {s: i for i, s in enumerate(SEVERITIES)}
_ACTION_RANK: Final[dict[Action, int]] = {a: i for i, a in enumerate(ACTIONS)}

# Clitics written attached to an Arabic word: conjunctions و ف, prepositions ب ل, the article
# and their combinations, and the vocative يا that tweets often glue to the insult it introduces.
# The preposition ك ("like") is left out: it is rare before an insult and would turn short
# patterns into other words (تف -> كتف "shoulder").
ARABIC_PREFIXES: Final = frozenset(
    {
        "و", "ف", "ب", "ل", "ال", "وال", "فال", "بال", "لل", "ولل", "فلل",
        "وب", "فب", "ول", "فل", "يا", "ويا", "ياال",
    }
)  # fmt: skip
_SQUEEZED_PREFIXES: Final = frozenset(squeeze(p) for p in ARABIC_PREFIXES)

# re2 compiles into a bounded amount of memory; a pattern that needs more is refused.
_RE2_MAX_MEM: Final = 8 << 20


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """A moderation rule as the matcher sees it (the database row is mapped onto this)."""

    id: int | str
    pattern: str
    match: MatchKind
    severity: Severity
    action: Action


@dataclass(frozen=True, slots=True)
class MatchResult:
    """What a text matched: the rules (in rule order), the action to apply and the severity.

    ``action`` is the strongest action of the matched rules (block > hide > flag) and
    ``severity`` the highest severity; both are None when nothing matched.
    """

    matched: tuple[RuleSpec, ...] = ()
    action: Action | None = None
    severity: Severity | None = None

    @property
    def patterns(self) -> list[str]:
        """The distinct patterns of the matched rules, in rule order."""
        return list(dict.fromkeys(r.pattern for r in self.matched))

    def __bool__(self) -> bool:
        return bool(self.matched)


class InvalidRuleError(ValueError):
    """A rule that ``validate_pattern`` refuses."""

    def __init__(self, rule: RuleSpec, message: str) -> None:
        super().__init__(f"rule {rule.id!r}: {message}")
        self.rule = rule
        self.message = message


def _re2_options() -> Any:
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    options.max_mem = _RE2_MAX_MEM
    return options


def _fold_regex(pattern: str) -> str:
    """Fold the non-ASCII letters of a regex the way text is folded, leaving syntax alone.

    Regex syntax is all ASCII, so folding only non-ASCII characters lets an admin write
    "أحمق" or "حمقى" and still meet text folded to "احمق"/"حمقي"; a full fold would turn
    escapes like ``\\W`` into ``\\w``.
    """
    out: list[str] = []
    for c in pattern:
        if c.isascii():
            out.append(c)
            continue
        category = unicodedata.category(c)
        if category in ("Mn", "Cf") or c == "\u0640":
            continue
        folded = fold(c) if category.startswith("L") or category == "Nd" else c
        out.append(folded if folded.isalnum() else c)
    return "".join(out)


def _compile_regex(pattern: str) -> Any:
    """Compile with re2; raises ``re2.error`` for syntax re2 does not have or for huge patterns."""
    return re2.compile(_fold_regex(pattern), _re2_options())


def validate_pattern(match: str, pattern: str) -> str | None:
    """Why ``pattern`` cannot be a rule of kind ``match``, or None when it is valid.

    The API calls this before saving a rule, so the message is written for an admin.
    """
    if match not in MATCH_KINDS:
        return f"match must be one of {', '.join(MATCH_KINDS)}"
    if not pattern.strip():
        return "pattern is empty"
    if len(pattern) > MAX_PATTERN_LENGTH:
        return f"pattern is longer than {MAX_PATTERN_LENGTH} characters"
    if match != "regex":
        if not normalize_pattern(pattern):
            return (
                "pattern has no letters or digits once normalised; "
                "use a regex rule to match symbols or emoji"
            )
        return None
    try:
        compiled = _compile_regex(pattern)
    except re2.error as exc:
        detail = exc.args[0] if exc.args else exc
        if isinstance(detail, bytes):
            detail = detail.decode("utf-8", "replace")
        return f"invalid regular expression: {detail}"
    if compiled.search("") is not None:
        return "regular expression matches empty text, so it would match every post"
    return None


@dataclass(slots=True)
class _Key:
    """An automaton entry: a normalised pattern and the rules that share it."""

    length: int
    arabic_start: bool
    rules: list[int] = field(default_factory=list)


def _add(automaton: Any, key: str, rule_index: int) -> None:
    entry = automaton.get(key, None)
    if entry is None:
        entry = _Key(len(key), is_arabic(key))
        automaton.add_word(key, entry)
    entry.rules.append(rule_index)


class Matcher:
    """Rules compiled for matching. Build it once per rule set; ``match`` is thread-safe."""

    def __init__(self, rules: Iterable[RuleSpec], *, skip_invalid: bool = False) -> None:
        """Compile ``rules``.

        An invalid rule raises ``InvalidRuleError`` unless ``skip_invalid`` is set, in which
        case it is left out and listed in ``skipped`` (useful when loading stored rules, so one
        bad row cannot switch moderation off).
        """
        self.rules: tuple[RuleSpec, ...] = tuple(rules)
        self.skipped: list[InvalidRuleError] = []
        self._plain: Any = ahocorasick.Automaton()
        self._squeezed: Any = ahocorasick.Automaton()
        self._regexes: list[tuple[int, Any]] = []
        for index, rule in enumerate(self.rules):
            error = validate_pattern(rule.match, rule.pattern)
            if error is None and rule.severity not in SEVERITIES:
                error = f"severity must be one of {', '.join(SEVERITIES)}"
            if error is None and rule.action not in ACTIONS:
                error = f"action must be one of {', '.join(ACTIONS)}"
            if error is not None:
                if not skip_invalid:
                    raise InvalidRuleError(rule, error)
                self.skipped.append(InvalidRuleError(rule, error))
                continue
            if rule.match == "regex":
                self._regexes.append((index, _compile_regex(rule.pattern)))
                continue
            words = normalize_pattern(rule.pattern)
            _add(self._plain, " ".join(words), index)
            _add(self._squeezed, " ".join(squeeze(w) for w in words), index)
        self._has_words = len(self._plain) > 0
        if self._has_words:
            self._plain.make_automaton()
            self._squeezed.make_automaton()

    @classmethod
    def empty(cls) -> Matcher:
        """A matcher without rules: it matches nothing."""
        return cls(())

    def __len__(self) -> int:
        return len(self.rules) - len(self.skipped)

    def match(self, text: str) -> MatchResult:
        """Match ``text`` against every rule."""
        if not self._has_words and not self._regexes:
            return MatchResult()
        prepared = prepare(text)
        hits: set[int] = set()
        if self._has_words:
            for view in prepared.token_views():
                self._match_view(view, hits)
        if self._regexes:
            self._match_regexes(prepared, hits)
        return self._result(hits)

    def _match_view(self, view: TokenView, hits: set[int]) -> None:
        text = " ".join(view.tokens)
        squeezed = view.elongated is not None
        automaton = self._squeezed if squeezed else self._plain
        prefixes = _SQUEEZED_PREFIXES if squeezed else ARABIC_PREFIXES
        starts: list[int] = []
        if squeezed:
            pos = 0
            for token in view.tokens:
                starts.append(pos)
                pos += len(token) + 1
        for end, entry in automaton.iter(text):
            key = cast(_Key, entry)
            if end + 1 < len(text) and text[end + 1] != " ":
                continue
            start = end - key.length + 1
            if start > 0 and text[start - 1] != " ":
                token_start = text.rfind(" ", 0, start) + 1
                if not key.arabic_start or text[token_start:start] not in prefixes:
                    continue
            if view.elongated is not None:
                first = bisect.bisect_right(starts, start) - 1
                last = bisect.bisect_right(starts, end) - 1
                if not any(view.elongated[first : last + 1]):
                    continue
            hits.update(key.rules)

    def _match_regexes(self, prepared: PreparedText, hits: set[int]) -> None:
        views = prepared.regex_views()
        for index, regex in self._regexes:
            if any(regex.search(v) is not None for v in views):
                hits.add(index)

    def _result(self, hits: set[int]) -> MatchResult:
        if not hits:
            return MatchResult()
        matched = tuple(self.rules[i] for i in sorted(hits))
        severity: Severity = max((r.severity for r in matched), key=_SEVERITY_RANK.__getitem__)
        return MatchResult(matched, strongest_action([r.action for r in matched]), severity)


def strongest_action(actions: Sequence[Action]) -> Action | None:
    """The strongest of ``actions`` (block > hide > flag), None for none."""
    if not actions:
        return None
    strongest: Action = max(actions, key=_ACTION_RANK.__getitem__)
    return strongest
