"""Daira's default rule pack: it loads, every rule is valid, and it behaves on plain examples."""

from __future__ import annotations

import re

import pytest

from daira.moderation.matcher import ACTIONS, MATCH_KINDS, SEVERITIES, Matcher, validate_pattern
from daira.moderation.normalize import normalize_pattern
from daira.moderation.pack import PackError, load_default_pack, load_pack, parse_pack

ARABIC = re.compile("[\u0600-\u06ff]")


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_default_pack())


def test_every_rule_is_valid() -> None:
    rules = load_default_pack()
    assert len(rules) > 300
    for rule in rules:
        assert validate_pattern(rule.match, rule.pattern) is None, rule
        assert rule.match in MATCH_KINDS
        assert rule.severity in SEVERITIES
        assert rule.action in ACTIONS
    assert len({r.id for r in rules}) == len(rules)
    # Several words are a phrase; keeping the kinds honest makes the pack easier to review.
    assert all(len(normalize_pattern(r.pattern)) == 1 for r in rules if r.match == "word")
    assert not Matcher(rules).skipped


def test_pack_covers_both_scripts_and_arabizi() -> None:
    patterns = [r.pattern for r in load_default_pack()]
    arabic = [p for p in patterns if ARABIC.search(p)]
    arabizi = [p for p in patterns if re.fullmatch(r"[a-z ]*\d[a-z0-9 ]*", p)]
    assert len(arabic) > 150
    assert len(arabizi) > 10
    assert len(patterns) - len(arabic) > 150


def test_pack_is_package_data() -> None:
    assert load_pack("default") == load_default_pack()
    with pytest.raises(PackError, match="unknown pack"):
        load_pack("nope")


@pytest.mark.parametrize(
    "text",
    [
        "you stupid b1tch",
        "what a dumbass",
        "FUUUUCK this",
        "motherfucker",
        "يا ابن الكلب",
        "انت حماااار",
        "يا شرموطة",
        "ياوسخ",
        "كسمك",
        "الله يلعنك",
        "ya 3ars",
        "kosomak",
        "ya 7mar",
    ],
)
def test_pack_flags_insults(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).action is not None


@pytest.mark.parametrize(
    "text",
    [
        "I love Egypt",
        "a first-class assessment of the grass",
        "Scunthorpe and Penistone are towns",
        "cocktail hour",
        "مصر ام الدنيا",
        "شكرا جزيلا يا صديقي",
        "وجع في الكتف",
        "لزقة طبية",
        "عملاء البنك ينتظرون",
        "كلية الحقوق",
        "يا عبد الله",
        "حسين الشحات لاعب كويس",
    ],
)
def test_pack_leaves_ordinary_text_alone(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).action is None, matcher.match(text).patterns


@pytest.mark.parametrize("text", ["I will kill you", "i'll kill you tomorrow", "هقتلك"])
def test_threats_are_blocked(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).action == "block"


def test_parse_pack_accepts_comments_and_blank_lines() -> None:
    rules = parse_pack("# comment\n\nword\tlow\tflag\tidiot\nregex\thigh\tblock\tx+y\n", "t")
    assert [(r.id, r.match, r.severity, r.action) for r in rules] == [
        ("t:word:idiot", "word", "low", "flag"),
        ("t:regex:x+y", "regex", "high", "block"),
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("word\tlow\tflag", "4 tab-separated fields"),
        ("word\tlow\tdelete\tidiot", "unknown match, severity or action"),
        ("regex\tlow\tflag\t(a", "invalid regular expression"),
        ("word\tlow\tflag\tidiot\nword\thigh\thide\tidiot", "duplicate"),
    ],
)
def test_parse_pack_rejects_bad_lines(line: str, message: str) -> None:
    with pytest.raises(PackError, match=message):
        parse_pack(line, "t")
