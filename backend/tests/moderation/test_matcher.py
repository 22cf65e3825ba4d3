"""The matcher: whole words in both scripts, phrases, regexes, actions."""

from __future__ import annotations

import itertools
import random
import string

import pytest

from daira.moderation.matcher import (
    Action,
    InvalidRuleError,
    Matcher,
    MatchKind,
    MatchResult,
    RuleSpec,
    Severity,
    strongest_action,
    validate_pattern,
)


def rule(
    pattern: str,
    match: MatchKind = "word",
    action: Action = "hide",
    severity: Severity = "medium",
    rule_id: int | str | None = None,
) -> RuleSpec:
    return RuleSpec(rule_id if rule_id is not None else pattern, pattern, match, severity, action)


def matches(pattern: str, text: str, match: MatchKind = "word") -> bool:
    return bool(Matcher([rule(pattern, match)]).match(text))


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        ("ass", "you ass", True),
        ("ass", "ASS!", True),
        ("ass", "class", False),
        ("ass", "assess the grass, assassin", False),
        ("ass", "as", False),
        ("ass", "a$$", True),
        ("ass", "@$$", True),
        ("ass", "asssss", True),
        ("ass", "аss", True),  # Cyrillic а
        ("ass", "a\u200bss", True),
        ("fuck", "fuuuuuck", True),
        ("fuck", "FUUUCK you", True),
        ("fuck", "f u c k", False),
        ("shit", "sh1t", True),
        ("shit", "$h!t", True),
        ("shit", "ѕһіт", True),
        ("slut", "s1ut", True),
        ("god", "good", False),
        ("good", "goooood", True),
        ("hoe", "shoe", False),
        ("hoe", "hoe_bag", True),  # underscores separate words (usernames)
        ("bitch", "@bitch", True),  # mention handles are words too
    ],
)
def test_latin_whole_words(pattern: str, text: str, expected: bool) -> None:
    assert matches(pattern, text) is expected


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        ("مص", "مصر ام الدنيا", False),
        ("مص", "يا مص", True),
        ("مصر", "مص", False),
        ("كلب", "كلب", True),
        ("كلب", "والكلب", True),
        ("كلب", "الكلب", True),
        ("كلب", "بالكلب", True),
        ("كلب", "فالكلب", True),
        ("كلب", "للكلب", True),
        ("كلب", "ياكلب", True),
        ("كلب", "وكلب", True),
        ("كلب", "كلبي", False),  # suffixes are separate rules
        ("كلب", "مكلب", False),  # not a prefix
        ("كلب", "كَلْب", True),  # tashkeel
        ("كلب", "كـــلـــب", True),  # tatweel
        ("كلب", "كلللب", True),  # elongation
        ("كلب", "ﻛﻠﺐ", True),  # presentation forms
        ("شرموطة", "شرموطه", True),  # ta marbuta
        ("شرموطه", "شرموطة", True),
        ("احمق", "أحمق", True),  # alef forms
        ("أحمق", "احمق", True),
        ("إحمق", "آحمق", True),
        ("غبي", "غبى", True),  # alef maqsura
        ("مومس", "مؤمس", True),
        ("تف", "كتف", False),  # ك is not taken as a prefix
        ("كلب", "dog كلب dog", True),
        ("كلب", "bitchكلب", True),  # a change of script is a word boundary
    ],
)
def test_arabic_whole_words(pattern: str, text: str, expected: bool) -> None:
    assert matches(pattern, text) is expected


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        ("3ars", "ya 3ars", True),
        ("3ars", "ears", False),
        ("3ars", "3ARS!", True),
        ("5awal", "5awaaaaal", True),
        ("ears", "3ars", True),  # the leet reading of the text is "ears"
        ("7mar", "ya 7mar", True),
        ("7mar", "tmar", False),
    ],
)
def test_arabizi(pattern: str, text: str, expected: bool) -> None:
    assert matches(pattern, text) is expected


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        ("son of a bitch", "you son of a bitch!", True),
        ("son of a bitch", "SON   OF A B1TCH", True),
        ("son of a bitch", "son, of a... bitch", True),
        ("son of a bitch", "son of a bitches", False),
        ("son of a bitch", "mason of a bitch", False),
        ("son of a bitch", "son of bitch", False),
        ("ابن الكلب", "يا ابن الكلب", True),
        ("ابن الكلب", "وابن الكلب", True),
        ("ابن الكلب", "ابن الكلبه", False),
        ("ابن الكلب", "ابن كلب", False),
    ],
)
def test_phrases(pattern: str, text: str, expected: bool) -> None:
    assert matches(pattern, text, "phrase") is expected


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        (r"fr[e3]e\s+money", "FREE   money!!", True),
        (r"fr[e3]e\s+money", "fr3e money", True),
        ("🖕", "well 🖕", True),  # emoji are kept for regexes
        (r"bit\.ly/\w+", "see bit.ly/abc", True),
        (r"(?:^|\PL)زق(?:\PL|$)", "يا زق", True),
        (r"(?:^|\PL)زق(?:\PL|$)", "لزق", False),
        ("أحمق", "احمق", True),  # non-ASCII letters of the regex are folded too
        (r"\d{3}-\d{4}", "call 555-1234", True),
    ],
)
def test_regex(pattern: str, text: str, expected: bool) -> None:
    assert matches(pattern, text, "regex") is expected


def test_catastrophic_regex_returns() -> None:
    matcher = Matcher([rule("(a+)+$", "regex"), rule("(x+x+)+y", "regex")])
    result = matcher.match("a" * 50_000 + "!")
    # "(a+)+$" needs the run of a's to reach the end, which "!" prevents.
    assert not result
    assert matcher.match("x" * 50_000 + "y").patterns == ["(x+x+)+y"]


def test_strongest_action_and_highest_severity_win() -> None:
    matcher = Matcher(
        [
            rule("idiot", action="flag", severity="high"),
            rule("scum", action="block", severity="low"),
            rule("jerk", action="hide", severity="medium"),
        ]
    )
    assert matcher.match("idiot").action == "flag"
    both = matcher.match("jerk and idiot")
    assert (both.action, both.severity) == ("hide", "high")
    all_three = matcher.match("scum jerk idiot")
    assert (all_three.action, all_three.severity) == ("block", "high")
    assert [r.pattern for r in all_three.matched] == ["idiot", "scum", "jerk"]


def test_strongest_action_helper() -> None:
    assert strongest_action([]) is None
    assert strongest_action(["flag", "block", "hide"]) == "block"
    assert strongest_action(["flag", "hide"]) == "hide"


def test_no_match_result() -> None:
    result = Matcher([rule("idiot")]).match("hello there")
    assert result == MatchResult()
    assert (result.action, result.severity, result.patterns, bool(result)) == (
        None,
        None,
        [],
        False,
    )


def test_rules_sharing_a_pattern_all_match_once_each() -> None:
    matcher = Matcher([rule("idiot", rule_id=1), rule("IDIOT", rule_id=2, action="block")])
    result = matcher.match("idiot idiot")
    assert [r.id for r in result.matched] == [1, 2]
    assert result.patterns == ["idiot", "IDIOT"]
    assert result.action == "block"


def test_empty_matcher() -> None:
    matcher = Matcher.empty()
    assert len(matcher) == 0
    assert matcher.match("anything at all") == MatchResult()


@pytest.mark.parametrize(
    ("match", "pattern", "valid"),
    [
        ("word", "idiot", True),
        ("phrase", "son of a bitch", True),
        ("regex", r"fr[e3]e\s+money", True),
        ("word", "", False),
        ("word", "   ", False),
        ("word", "!!!", False),
        ("word", "x" * 501, False),
        ("regex", "(a", False),
        ("regex", r"(a)\1", False),  # backreferences are not linear-time
        ("regex", "(?<=a)b", False),  # nor is look-behind
        ("regex", "a*", False),  # matches empty text, i.e. everything
        ("regex", "a{1001}", False),
        ("substring", "idiot", False),
    ],
)
def test_validate_pattern(match: str, pattern: str, valid: bool) -> None:
    error = validate_pattern(match, pattern)
    assert (error is None) is valid
    if not valid:
        assert isinstance(error, str)
        assert error


def test_invalid_rule_raises_or_is_skipped() -> None:
    bad = rule("(a", "regex", rule_id=7)
    with pytest.raises(InvalidRuleError, match="rule 7"):
        Matcher([bad])
    matcher = Matcher([bad, rule("idiot")], skip_invalid=True)
    assert [e.rule for e in matcher.skipped] == [bad]
    assert len(matcher) == 1
    assert matcher.match("idiot").patterns == ["idiot"]


def test_invalid_action_or_severity_is_refused() -> None:
    with pytest.raises(InvalidRuleError, match="action"):
        Matcher([RuleSpec(1, "idiot", "word", "medium", "delete")])  # type: ignore[arg-type]
    with pytest.raises(InvalidRuleError, match="severity"):
        Matcher([RuleSpec(1, "idiot", "word", "urgent", "flag")])  # type: ignore[arg-type]


def test_thousands_of_rules() -> None:
    rng = random.Random(20240501)
    vocabulary = sorted(
        {"".join(rng.choices(string.ascii_lowercase, k=rng.randint(5, 9))) for _ in range(5000)}
    )
    letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    arabic = sorted(
        {
            w
            for w in ("".join(rng.choices(letters, k=rng.randint(4, 6))) for _ in range(600))
            # Runs of one letter would be read as elongation; keep the words distinct.
            if all(a != b for a, b in itertools.pairwise(w))
        }
    )
    rules = [rule(w, rule_id=i) for i, w in enumerate(vocabulary + arabic)]
    pairs = list(itertools.pairwise(vocabulary))[:1000:2]
    rules += [rule(f"{a} {b}", "phrase") for a, b in pairs]
    matcher = Matcher(rules)
    assert len(matcher) == len(rules)
    picked = rng.sample(vocabulary, 50)
    text = " filler ".join(picked)
    assert set(picked) <= set(matcher.match(text).patterns)
    assert arabic[123] in matcher.match(f"و{arabic[123]}").patterns
    phrase = " ".join(pairs[10])
    assert phrase in matcher.match(f"so {phrase}!").patterns
    assert not matcher.match("filler " * 1000)
