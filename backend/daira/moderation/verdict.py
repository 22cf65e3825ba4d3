"""What moderation decides about a text: the rules first, then the classifier's second opinion.

One function, ``judge``, makes the decision for the API (posts, comments, profiles,
POST /admin/moderation-rules/test) and for ``daira rules test``, so they cannot disagree.
Rules decide whenever one matches; only text that no rule matched can be flagged or hidden by
the classifier, and the classifier never blocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from daira.config import Settings
from daira.moderation.classifier import LANGUAGES, Classifier, Language, Score, Thresholds, load
from daira.moderation.matcher import Action, Matcher, MatchResult, RuleSpec, Severity

# Where a classifier-only item sits in the queue: after the rules' slurs and threats.
CLASSIFIER_SEVERITY: Final[dict[str, Severity]] = {"flag": "low", "hide": "medium"}


@dataclass(frozen=True, slots=True)
class Verdict:
    rules: MatchResult
    classifier: Score | None = None

    @property
    def action(self) -> Action | None:
        if self.rules.action is not None:
            return self.rules.action
        return self.classifier.action if self.classifier is not None else None

    @property
    def severity(self) -> Severity | None:
        if self.rules.severity is not None:
            return self.rules.severity
        if self.classifier is not None and self.classifier.action is not None:
            return CLASSIFIER_SEVERITY[self.classifier.action]
        return None

    @property
    def matched(self) -> tuple[RuleSpec, ...]:
        return self.rules.matched

    @property
    def patterns(self) -> list[str]:
        return self.rules.patterns

    @property
    def opinion(self) -> Score | None:
        """The classifier's score when it would flag or hide the text, whatever the rules said
        (what queue entries keep and moderators' decisions are counted against)."""
        if self.classifier is not None and self.classifier.action is not None:
            return self.classifier
        return None

    @property
    def by_classifier(self) -> bool:
        """Whether the classifier alone decided (no rule matched)."""
        return not self.rules and self.opinion is not None

    def __bool__(self) -> bool:
        return self.action is not None


def judge(matcher: Matcher, classifier: Classifier | None, text: str) -> Verdict:
    return Verdict(matcher.match(text), classifier.score(text) if classifier else None)


def classifier_for(settings: Settings) -> Classifier | None:
    """The shipped classifier with the thresholds of ``settings`` (None when switched off)."""
    if not settings.moderation_classifier_enabled:
        return None
    base = load()
    overrides: dict[Language, Thresholds] = {}
    for language in LANGUAGES:
        flag: float | None = getattr(settings, f"moderation_classifier_flag_threshold_{language}")
        hide: float | None = getattr(settings, f"moderation_classifier_hide_threshold_{language}")
        if flag is None and hide is None:
            continue
        default = base.default_thresholds[language]
        overrides[language] = Thresholds(
            flag=default.flag if flag is None else flag,
            hide=default.hide if hide is None else hide,
        )
    return base.with_thresholds(overrides) if overrides else base
