"""The moderation classifier: a second opinion on text that no rule matched.

A linear model per language (English, Arabic) over character n-grams and words of the text as
the moderation engine normalises it (:func:`daira.moderation.normalize.normalize`), trained by
``make train-moderation`` (``backend/tools/moderation/train.py``) on public labelled tweets.
The weights ship as JSON next to this module, with a SHA-256 checksum checked at load, so no
pickle is ever loaded and inference needs nothing beyond the standard library.

Scoring is TF-IDF (sublinear term frequency, L2 norm) dotted with the logistic-regression
weights, then Platt-calibrated into a probability. The same ``features`` function feeds the
training, so what is scored here is exactly what was trained.

The classifier never blocks: above its flag threshold a text is queued for review, above its
hide threshold it is also hidden until reviewed. Rules decide first; see ``Verdict``.
"""

from __future__ import annotations

import copy
import hashlib
import heapq
import html
import json
import math
import re
from array import array
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from itertools import pairwise
from typing import Any, Final, Literal

from daira.moderation.normalize import is_arabic, normalize

Language = Literal["en", "ar"]
LANGUAGES: Final[tuple[Language, ...]] = ("en", "ar")
ClassifierAction = Literal["flag", "hide"]

ARTIFACT: Final = "classifier.json"
CHECKSUM: Final = "classifier.json.sha256"
FORMAT: Final = 1
TOP_FEATURES: Final = 5
CHAR_NGRAMS: Final = (2, 5)

# Links, @handles, HTML entities left in by some sources and the OSACT organisers'
# placeholders (@USER, URL, <LF>) are not words anybody wrote about someone.
_NOISE = re.compile(r"https?://\S+|www\.\S+|@\w+|<LF>|\bURL\b|^\s*RT\b|\bRT\s+(?=@)")
_LONG_RUN = re.compile(r"(.)\1{2,}")


class ArtifactError(RuntimeError):
    """The shipped model is missing, corrupt or does not match its checksum."""


def words(text: str) -> list[str]:
    """The words the classifier reads: noise removed, normalised, elongations cut to two."""
    cleaned = _NOISE.sub(" ", html.unescape(text))
    return [_LONG_RUN.sub(r"\1\1", w) for w in normalize(cleaned).split()]


def language_of(tokens: list[str]) -> Language:
    """Arabic when most letters are Arabic script, English otherwise (Arabizi included)."""
    arabic = sum(len(t) for t in tokens if is_arabic(t))
    latin = sum(len(t) for t in tokens) - arabic
    return "ar" if arabic > latin else "en"


def features(tokens: list[str]) -> list[str]:
    """Words ("w:"), word pairs ("b:") and character n-grams of each space-padded word."""
    out = [f"w:{t}" for t in tokens]
    out += [f"b:{a} {b}" for a, b in pairwise(tokens)]
    low, high = CHAR_NGRAMS
    for t in tokens:
        padded = f" {t} "
        for n in range(low, high + 1):
            out += [padded[i : i + n] for i in range(len(padded) - n + 1)]
    return out


@dataclass(frozen=True, slots=True)
class Feature:
    """An n-gram and how much it pushed the score up (its share of the linear margin)."""

    ngram: str
    weight: float


@dataclass(frozen=True, slots=True)
class Score:
    """The classifier's opinion of one text; ``action`` is None below the flag threshold."""

    language: Language
    score: float
    action: ClassifierAction | None
    features: tuple[Feature, ...]

    def snapshot(self) -> dict[str, Any]:
        """What a queue entry or an API answer keeps of the score."""
        return {
            "language": self.language,
            "score": round(self.score, 4),
            "action": self.action,
            "features": [{"ngram": f.ngram, "weight": round(f.weight, 4)} for f in self.features],
        }


@dataclass(frozen=True, slots=True)
class Thresholds:
    flag: float
    hide: float


class _LanguageModel:
    def __init__(self, data: dict[str, Any]) -> None:
        ngrams: list[str] = data["features"]
        idf, coef = data["idf"], data["coef"]
        if not len(ngrams) == len(idf) == len(coef):
            raise ArtifactError("features, idf and coef differ in length")
        self.index: dict[str, int] = {g: i for i, g in enumerate(ngrams)}
        self.idf = array("d", idf)
        self.coef = array("d", coef)
        self.intercept = float(data["intercept"])
        self.platt_a, self.platt_b = (float(v) for v in data["platt"])
        limits = data["thresholds"]
        self.thresholds = Thresholds(float(limits["flag"]), float(limits["hide"]))

    def score(self, tokens: list[str]) -> tuple[float, list[Feature]]:
        counts = Counter(features(tokens))
        values: list[tuple[str, float, float]] = []
        for gram, count in counts.items():
            i = self.index.get(gram)
            if i is not None:
                values.append((gram, (1.0 + math.log(count)) * self.idf[i], self.coef[i]))
        norm = math.sqrt(sum(v * v for _, v, _ in values)) or 1.0
        contributions = [(gram, v * c / norm) for gram, v, c in values]
        margin = self.intercept + math.fsum(w for _, w in contributions)
        probability = 1.0 / (1.0 + math.exp(-(self.platt_a * margin + self.platt_b)))
        strongest = heapq.nsmallest(TOP_FEATURES, contributions, key=lambda gw: (-gw[1], gw[0]))
        top = [Feature(g, w) for g, w in strongest if w > 0]
        return probability, top


class Classifier:
    """The loaded model with its thresholds; ``score`` is thread-safe.

    The weights are read once per process (``load``); ``with_thresholds`` shares them.
    """

    def __init__(self, data: dict[str, Any], sha256: str) -> None:
        if data.get("format") != FORMAT:
            raise ArtifactError(f"unknown classifier format {data.get('format')!r}")
        self.sha256 = sha256
        self.trained: dict[str, Any] = data.get("trained", {})
        self._models = {lang: _LanguageModel(data["languages"][lang]) for lang in LANGUAGES}
        self.thresholds: dict[Language, Thresholds] = self.default_thresholds

    @property
    def default_thresholds(self) -> dict[Language, Thresholds]:
        """The thresholds training chose (settings may override them)."""
        return {lang: model.thresholds for lang, model in self._models.items()}

    def platt(self, language: Language) -> tuple[float, float]:
        """The calibration (a, b) of ``language``: probability = sigmoid(a * margin + b)."""
        model = self._models[language]
        return model.platt_a, model.platt_b

    def with_thresholds(self, overrides: dict[Language, Thresholds]) -> Classifier:
        """The same weights deciding with other thresholds (unnamed languages keep theirs)."""
        other = copy.copy(self)
        other.thresholds = self.thresholds | overrides
        return other

    def score(self, text: str) -> Score:
        tokens = words(text)
        language = language_of(tokens)
        probability, top = self._models[language].score(tokens)
        limits = self.thresholds[language]
        action: ClassifierAction | None = None
        if probability >= limits.hide:
            action = "hide"
        elif probability >= limits.flag:
            action = "flag"
        return Score(language, probability, action, tuple(top))


def read_artifact(folder: Traversable | None = None) -> tuple[bytes, str]:
    """The model's bytes, checked against its SHA-256 file; (bytes, digest).

    ``folder`` defaults to the model shipped in the package.
    """
    folder = folder or resources.files("daira.moderation").joinpath("model")
    try:
        raw = folder.joinpath(ARTIFACT).read_bytes()
        expected = folder.joinpath(CHECKSUM).read_text("ascii").split()[0]
    except (OSError, IndexError) as exc:
        raise ArtifactError(f"moderation classifier not found: {exc}") from exc
    digest = hashlib.sha256(raw).hexdigest()
    if digest != expected:
        raise ArtifactError(
            f"moderation classifier checksum mismatch: {digest} != {expected} (retrain with "
            "`make train-moderation`)"
        )
    return raw, digest


@cache
def load() -> Classifier:
    """The shipped model, verified and parsed once per process."""
    raw, digest = read_artifact()
    return Classifier(json.loads(raw), digest)
