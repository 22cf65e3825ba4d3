"""The one parser of `@mentions` and `#hashtags` in posts and comments.

The web app renders the same entities as links; `tests/tags/entity_cases.json` holds the
cases both sides are tested against.

A sigil starts an entity only at the start of a word: `mona@example.com` is an email and
`https://x.com/@mona` or `/page#top` belong to a URL (URLs are blanked out before scanning).
A mention names a username (3-30 Latin or Arabic letters, digits, `_`) and must end there:
`@mona@mastodon.social` and `@mona.example` are not mentions of `mona`. A hashtag is a run
of letters, digits and `_` in Latin or Arabic script; Arabic diacritics and tatweel inside
it are part of it, so that the normaliser can fold them away (`#القاهرةُ` is `#القاهره`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from daira.moderation.normalize import fold

MAX_MENTIONS = 10
MAX_TAGS = 30
MAX_TAG_LENGTH = 64

_LETTERS = r"A-Za-z0-9_\u0621-\u063A\u0641-\u064A\u0660-\u0669\u06F0-\u06F9"
# Tashkeel, superscript alef and tatweel: written inside Arabic words, folded away later.
_MARKS = r"\u064B-\u065F\u0670\u0640"
_URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_BEFORE = r"(?<![\w@#&/\\])"
_MENTION_RE = re.compile(_BEFORE + rf"@([{_LETTERS}]{{3,30}})(?![\w@]|\.\w)")
_TAG_RE = re.compile(_BEFORE + rf"#([{_LETTERS}{_MARKS}]+)")


@dataclass(frozen=True, slots=True)
class Entities:
    """Mentioned usernames as written (first 10 distinct, ignoring case) and tags as
    `(normalised name, as written)` (distinct by normalised name)."""

    mentions: tuple[str, ...]
    tags: tuple[tuple[str, str], ...]


def tag_key(tag: str) -> str:
    """A tag as it is stored and looked up: without `#`, folded by the moderation normaliser."""
    return "".join(ch for ch in fold(tag.removeprefix("#")) if ch.isalnum() or ch == "_")


def parse_entities(text: str) -> Entities:
    scannable = _URL_RE.sub(lambda m: " " * len(m.group()), text)
    mentions: dict[str, str] = {}
    for match in _MENTION_RE.finditer(scannable):
        name = match.group(1)
        mentions.setdefault(name.casefold(), name)
        if len(mentions) == MAX_MENTIONS:
            break
    tags: dict[str, str] = {}
    for match in _TAG_RE.finditer(scannable):
        written = match.group(1)
        key = tag_key(written)
        if key and len(key) <= MAX_TAG_LENGTH and len(tags) < MAX_TAGS:
            tags.setdefault(key, written[:MAX_TAG_LENGTH])
    return Entities(tuple(mentions.values()), tuple(tags.items()))
