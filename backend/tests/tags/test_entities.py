"""The mention and hashtag parser: the cases shared with the web app, and properties."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daira.tags.entities import MAX_MENTIONS, parse_entities, tag_key

# The web app's copy of the rules is tested against the same file (web/src/lib/richtext.ts).
CASES = json.loads(
    (Path(__file__).resolve().parents[3] / "web/src/lib/richtext-cases.json").read_text()
)["cases"]

LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"
ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةى"
names = st.text(alphabet=LATIN + ARABIC, min_size=3, max_size=30)
PUNCTUATION = [*" ,.!?؟،()\n", "😀", "🇪🇬", "—", "«", "»"]
noise = st.lists(st.sampled_from(PUNCTUATION), max_size=5).map("".join)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["text"][:30])
def test_the_cases_shared_with_the_web_app(case: dict[str, object]) -> None:
    found = parse_entities(str(case["text"]))
    assert list(found.mentions) == case["mentions"]
    assert [shown for _, shown in found.tags] == case["tags"]


@given(names, noise, noise)
def test_a_mention_between_spaces_or_punctuation_is_found(
    name: str, before: str, after: str
) -> None:
    text = f"{before} @{name}{after}" if before else f"@{name}{after}"
    assert parse_entities(text).mentions == (name,)


@given(names, st.sampled_from(["example.com", "mail.eg", "x.org"]))
def test_emails_are_never_mentions(name: str, domain: str) -> None:
    assert parse_entities(f"write to {name}@{domain} now").mentions == ()


@given(names, st.sampled_from(["https://", "http://", "www."]))
def test_urls_carry_neither_mentions_nor_tags(name: str, scheme: str) -> None:
    found = parse_entities(f"see {scheme}example.com/@{name}/#{name} ok")
    assert (found.mentions, found.tags) == ((), ())


@given(st.lists(names, min_size=11, max_size=20, unique_by=str.casefold))
def test_at_most_ten_mentions_per_text(people: list[str]) -> None:
    found = parse_entities(" ".join(f"@{p}" for p in people))
    assert found.mentions == tuple(people[:MAX_MENTIONS])


@given(names, noise)
def test_a_tag_is_found_and_normalised_like_the_moderation_engine(name: str, after: str) -> None:
    [(key, shown)] = parse_entities(f"#{name}{after}").tags
    assert (shown, key) == (name, tag_key(name))


def test_arabic_spellings_of_one_tag_are_one_tag() -> None:
    assert tag_key("#القاهرة") == tag_key("القاهره") == tag_key("#القاهرةُ") == "القاهره"
    assert tag_key("#Cairo") == tag_key("CAIRO") == "cairo"
    assert len(parse_entities("#القاهره و #القاهرة و #القاهرةُ").tags) == 1
