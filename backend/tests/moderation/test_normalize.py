"""The normalisation pipeline, shared by posted text and rule patterns."""

from __future__ import annotations

import pytest

from daira.moderation.normalize import (
    fold,
    is_elongated,
    normalize,
    normalize_pattern,
    prepare,
    scan,
    squeeze,
)


def words(text: str) -> list[set[str]]:
    """For each token position, the forms it takes across all views of ``text``."""
    views = prepare(text).token_views()
    return [set(forms) for forms in zip(*(v.tokens for v in views), strict=True)]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HeLLo", "hello"),
        ("Ｆｕｌｌｗｉｄｔｈ", "fullwidth"),  # NFKC
        ("𝐛𝐨𝐥𝐝", "bold"),  # mathematical alphanumerics
        ("Straße", "strasse"),  # casefold
        ("café naïve", "cafe naive"),  # combining marks
        ("s\u200bh\u200ci\u200dt\u2060", "shit"),  # zero-width characters
        ("\u202ebidi\u202c \u2066iso\u2069 \u200fmark", "bidi iso mark"),  # bidi controls
        ("soft\u00adhyphen", "softhyphen"),
        ("раураl", "paypal"),  # Cyrillic look-alikes
        ("ѕһіt", "shit"),
        ("αβγ", "aby"),  # Greek look-alikes
    ],
)
def test_fold_latin(raw: str, expected: str) -> None:
    assert fold(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("مُحَمَّدٌ", "محمد"),  # tashkeel
        ("كـــلـب", "كلب"),  # tatweel
        ("أحمد إسلام آمال ٱلله", "احمد اسلام امال الله"),  # alef forms
        ("مستشفى", "مستشفي"),  # alef maqsura -> ya
        ("مدرسة", "مدرسه"),  # ta marbuta -> ha
        ("مؤمن", "مومن"),  # hamza on waw
        ("سائل", "سايل"),  # hamza on ya
        ("٢٠٢٤ ۱۲", "2024 12"),  # Arabic-Indic digits
        ("ﻛﻠﺐ", "كلب"),  # presentation forms
        ("کلب", "كلب"),  # Persian kaf
        ("ع\u200cر\u200fص", "عرص"),  # ZWNJ and RLM inside a word
    ],
)
def test_fold_arabic(raw: str, expected: str) -> None:
    assert fold(raw) == expected


def test_scan_splits_scripts_and_keeps_both_as_words() -> None:
    assert [t.text for t in scan(fold("hello مرحبا_world,كلبbitch!"))] == [
        "hello",
        "مرحبا",
        "world",
        "كلب",
        "bitch",
    ]


def test_scan_spans_point_at_the_folded_text() -> None:
    folded = fold("  !!b!tch!! @user x")
    for token in scan(folded):
        assert folded[token.start : token.end] == token.text


def test_scan_leet_symbols_only_inside_words_and_mentions() -> None:
    assert [t.text for t in scan("b!tch!!! a$$ @$$ @user $")] == ["b!tch", "a$$", "@$$", "user"]


@pytest.mark.parametrize(
    ("raw", "form"),
    [
        ("sh1t", "shit"),
        ("b1tch", "bitch"),
        ("s1ut", "slut"),  # 1 read as l
        ("h0e", "hoe"),
        ("n199a", "nigga"),
        ("@$$", "ass"),
        ("a$$hole", "asshole"),
        ("b!tch", "bitch"),
        ("f4g", "fag"),
        ("7w47", "twat"),
    ],
)
def test_leetspeak_reading(raw: str, form: str) -> None:
    assert form in words(raw)[0]


def test_arabizi_reading_keeps_digits() -> None:
    assert words("3ars")[0] == {"3ars", "ears"}
    assert normalize_pattern("3ars") == ("3ars",)


def test_patterns_are_read_as_arabizi_only() -> None:
    # A digit in a pattern is Arabizi, so "3ars" never turns into the English "ears".
    assert normalize_pattern("7mar 5awal") == ("7mar", "5awal")


def test_numbers_stay_numbers() -> None:
    assert words("2024")[0] == {"2024"}
    assert len(prepare("call 911 now").token_views()) == 1


def test_plain_text_has_one_view() -> None:
    assert len(prepare("nothing special here").token_views()) == 1


@pytest.mark.parametrize(
    ("raw", "squeezed", "elongated"),
    [
        ("fuuuuck", "fuck", True),
        ("asssss", "as", True),
        ("حماااار", "حمار", True),
        ("ass", "as", False),
        ("good", "god", False),
        ("class", "clas", False),
        ("10000", "10", False),
    ],
)
def test_squeeze_and_elongation(raw: str, squeezed: str, elongated: bool) -> None:
    assert squeeze(raw) == squeezed
    assert is_elongated(raw) is elongated


def test_squeezed_view_only_when_elongated() -> None:
    plain = prepare("good class").token_views()
    assert [v.elongated for v in plain] == [None]
    views = prepare("so baaaad").token_views()
    squeezed = [v for v in views if v.elongated is not None]
    assert squeezed == [type(squeezed[0])(("so", "bad"), (False, True))]


def test_regex_views_keep_punctuation_and_emoji() -> None:
    views = prepare("Sh1t!! 🖕 ok").regex_views()
    assert views == ["sh1t!! 🖕 ok", "shit!! 🖕 ok", "shlt!! 🖕 ok"]


def test_normalize_is_idempotent() -> None:
    text = "Ｙｏｕ ١٢ ﻛﻠﺐ  كـــلـب   b!tch أحمد"
    assert normalize(normalize(text)) == normalize(text)
