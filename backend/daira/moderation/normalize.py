"""One normalisation pipeline for moderation, applied to posted text and to rule patterns alike.

Text and patterns meet only if they are folded the same way, so everything that decides what
"the same word" means lives here:

1. ``fold`` works character by character: format characters (zero-width, bidi controls, soft
   hyphen) are dropped, NFKC folds compatibility forms (fullwidth, mathematical letters,
   Arabic presentation forms), ``casefold`` removes case, combining marks are stripped (Latin
   accents, Arabic tashkeel, and the hamza/madda carried by أ إ آ ؤ ئ), tatweel goes, the
   remaining Arabic letter forms are unified (ٱ->ا, ى->ي, ة->ه, Persian forms), Arabic-Indic
   digits become ASCII digits and Cyrillic/Greek look-alikes become the Latin letter they
   imitate.
2. ``scan`` splits the folded text into tokens. Arabic letters and Latin letters/digits are both
   word characters, but a change of script starts a new token. ``@ $ ! |`` count as letters
   inside a Latin token (leetspeak: ``a$$``, ``b!tch``); a leading ``@`` before a letter is a
   mention sigil and is dropped so that the handle's words are matched like other words.
3. A Latin token that contains digits is ambiguous: ``sh1t`` is leetspeak, ``3ars`` is Arabizi
   (Latin-script Arabic, where 2 3 5 7 stand for ء ع خ ح). Text is therefore read several
   ways (``Reading``): the Arabizi reading keeps digits as letters, the leet readings decode
   them (1 as i, and 1 as l). Patterns are read the Arabizi way only: a pattern author writes
   the plain word ("shit"), which every leet spelling of the text reaches, and a digit in a
   pattern means Arabizi, so the pattern "3ars" never matches the English word "ears".
4. Elongation (``fuuuuck``, ``حماااار``) is handled by ``squeeze``: runs of a repeated
   character collapse to one. Squeezing every word would make "ass" equal "as" and "good"
   equal "god", so the matcher only accepts a squeezed match when it covers a token that was
   really elongated (a run of 3 or more), see ``TokenView``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

Reading = Literal["arabizi", "leet", "leet_l"]

# Look-alike letters that survive NFKC + casefold, mapped to the Latin letter they imitate.
_HOMOGLYPHS = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "і": "i", "ї": "i", "ј": "j", "к": "k",
    "м": "m", "н": "h", "о": "o", "п": "n", "р": "p", "с": "c", "т": "t", "у": "y",
    "х": "x", "ѕ": "s", "ԁ": "d", "ӏ": "l", "ԛ": "q", "ԝ": "w", "ь": "b", "һ": "h",
    "ԍ": "g", "ѵ": "v",
    # Greek
    "α": "a", "β": "b", "γ": "y", "ε": "e", "η": "n", "ι": "i", "κ": "k", "μ": "u",
    "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w",
    # Latin letters without a decomposition
    "ı": "i", "ɩ": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ɑ": "a", "ɡ": "g",
}  # fmt: skip

# Arabic letter forms that carry no decomposition; hamza/madda forms are handled by stripping
# their combining mark after NFD (أ -> ا + hamza above).
_ARABIC_FORMS = {
    "ٱ": "ا", "ى": "ي", "ة": "ه", "ی": "ي", "ې": "ي", "ک": "ك", "ڪ": "ك", "گ": "ك",
    "ە": "ه", "ھ": "ه", "ۃ": "ه", "پ": "ب", "چ": "ج", "ڤ": "ف", "ژ": "ز",
}  # fmt: skip

_TATWEEL = "\u0640"

_CHAR_MAP: dict[int, str | None] = {ord(k): v for k, v in (_HOMOGLYPHS | _ARABIC_FORMS).items()}
_CHAR_MAP[ord(_TATWEEL)] = None
for _i in range(10):
    _CHAR_MAP[0x0660 + _i] = str(_i)  # Arabic-Indic digits
    _CHAR_MAP[0x06F0 + _i] = str(_i)  # Extended Arabic-Indic (Persian/Urdu) digits

_ARABIC_LETTERS = (
    "\u0621-\u063f\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef"
    "\u06fa-\u06fc\u06ff\u0750-\u077f\u08a0-\u08c9"
)
_ARABIC_RE = re.compile(f"[{_ARABIC_LETTERS}]")
_TOKEN_RE = re.compile(f"[{_ARABIC_LETTERS}]+|(?:(?![{_ARABIC_LETTERS}])[^\\W_]|[@$!|])+")
_EDGE_SYMBOLS = "!|"

_ARABIZI_MAP = str.maketrans({"@": "a", "$": "s", "!": "i", "|": "l"})
_LEET_MAP = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "9": "g"}
    | {"@": "a", "$": "s", "!": "i", "|": "l"}
)
_LEET_L_MAP = str.maketrans(
    {"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "9": "g"}
    | {"@": "a", "$": "s", "!": "i", "|": "l"}
)
_READING_MAPS: dict[Reading, dict[int, str]] = {
    "arabizi": _ARABIZI_MAP,
    "leet": _LEET_MAP,
    "leet_l": _LEET_L_MAP,
}
_LEET_DIGITS = frozenset("0134579")

_RUN_RE = re.compile(r"(.)\1+")
_ELONGATION_RE = re.compile(r"(.)\1\1")


def fold(text: str) -> str:
    """Fold ``text`` character by character; punctuation, spaces and emoji are kept."""
    if text.isascii():
        return text.lower()
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", text.translate(_CHAR_MAP))


def is_arabic(token: str) -> bool:
    """Whether ``token`` is written in Arabic script (tokens never mix scripts)."""
    return bool(token) and _ARABIC_RE.match(token) is not None


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the folded text, before any reading; ``start:end`` is its span."""

    text: str
    start: int
    end: int


def scan(folded: str) -> list[Token]:
    """Split folded text into word tokens (see module docstring for the symbol rules)."""
    tokens: list[Token] = []
    for m in _TOKEN_RE.finditer(folded):
        word, start, end = m.group(), m.start(), m.end()
        if not _ARABIC_RE.match(word):
            stripped = word.strip(_EDGE_SYMBOLS)
            start += word.index(stripped[0]) if stripped else 0
            word = stripped
            if len(word) > 1 and word[0] == "@" and word[1].isalnum():
                word, start = word[1:], start + 1
            end = start + len(word)
            if not word or (len(word) == 1 and not word.isalnum()):
                continue
        tokens.append(Token(word, start, end))
    return tokens


def read_token(token: str, reading: Reading) -> str:
    """The token under one reading; numbers stay numbers in every reading."""
    if token.isdigit():
        return token
    return token.translate(_READING_MAPS[reading])


def readings_for(tokens: list[Token]) -> list[Reading]:
    """The readings that give this text a distinct form: leet readings only when digits occur."""
    readings: list[Reading] = ["arabizi"]
    words = [t.text for t in tokens if not t.text.isdigit()]
    if any(_LEET_DIGITS.intersection(w) for w in words):
        readings.append("leet")
        if any("1" in w for w in words):
            readings.append("leet_l")
    return readings


def squeeze(token: str) -> str:
    """Collapse every run of a repeated character to one character."""
    return _RUN_RE.sub(r"\1", token)


def is_elongated(token: str) -> bool:
    """Whether the token repeats a character 3+ times in a row (e.g. "fuuuck", "حماااار")."""
    return not token.isdigit() and _ELONGATION_RE.search(token) is not None


@dataclass(frozen=True, slots=True)
class TokenView:
    """One reading of a text as a sequence of words.

    ``elongated`` is None for a plain view. For a squeezed view it tells, per token, whether
    the token was elongated in the text; a match in a squeezed view only counts if it covers
    at least one such token.
    """

    tokens: tuple[str, ...]
    elongated: tuple[bool, ...] | None = None


@dataclass(frozen=True, slots=True)
class PreparedText:
    """A text folded and tokenised once, from which matchers take the views they need."""

    folded: str
    tokens: tuple[Token, ...]
    readings: tuple[Reading, ...]

    def token_views(self) -> list[TokenView]:
        """Every distinct reading as words, plus squeezed variants when a word is elongated."""
        views: list[TokenView] = []
        seen: set[tuple[str, ...]] = set()
        for reading in self.readings:
            words = tuple(read_token(t.text, reading) for t in self.tokens)
            if words in seen:
                continue
            seen.add(words)
            views.append(TokenView(words))
            elongated = tuple(is_elongated(w) for w in words)
            if any(elongated):
                views.append(TokenView(tuple(squeeze(w) for w in words), elongated))
        return views

    def regex_views(self) -> list[str]:
        """Every distinct reading of the folded text with punctuation and emoji kept."""
        views: list[str] = []
        for reading in self.readings:
            parts: list[str] = []
            pos = 0
            for t in self.tokens:
                parts.append(self.folded[pos : t.start])
                parts.append(read_token(t.text, reading))
                pos = t.end
            parts.append(self.folded[pos:])
            view = "".join(parts)
            if view not in views:
                views.append(view)
        return views


def prepare(text: str) -> PreparedText:
    """Fold and tokenise ``text`` once."""
    folded = fold(text)
    tokens = scan(folded)
    return PreparedText(folded, tuple(tokens), tuple(readings_for(tokens)))


def normalize_pattern(pattern: str) -> tuple[str, ...]:
    """The words of a ``word``/``phrase`` pattern, folded and read the Arabizi way."""
    return tuple(read_token(t.text, "arabizi") for t in scan(fold(pattern)))


def normalize(text: str) -> str:
    """The canonical normalised form of a text: its Arabizi-reading words joined by spaces."""
    return " ".join(normalize_pattern(text))
