"""Reading a qualitative judgement (达成 / 部分达成 / 未达成 / 不适用) from an actual value's text.

An actual written as its target (及时 for 及时) is 达成. Otherwise the profile's word lists decide,
negative words first, so that 未完成 is not read as 完成 and 基本完成 not as 完成. A one-character
word (是, 否, 差) must be the whole text.
"""

from __future__ import annotations

from ..model_selfeval import Judgement
from ..values import normalize
from .settings import ScoringSettings

_ORDER = (Judgement.NOT_APPLICABLE, Judgement.MISSED, Judgement.PARTIAL, Judgement.MET)


def judgement_of(text: str) -> Judgement | None:
    """A judgement written as such (达成, 部分达成, 未达成, 不适用), else None."""
    word = normalize(text)
    for judgement in Judgement:
        if word == judgement.value:
            return judgement
    return None


def judge_text(actual: str, target: str | None, settings: ScoringSettings) -> Judgement | None:
    """The judgement ``actual`` expresses against ``target``, or None when the text does not say."""
    text = normalize(actual).lower()
    if not text:
        return None
    if target is not None and text == normalize(target).lower():
        return Judgement.MET
    if text in settings.words.get(Judgement.NOT_APPLICABLE, ()):
        return Judgement.NOT_APPLICABLE
    for judgement in _ORDER[1:]:
        for word in settings.words.get(judgement, ()):
            if text == word or (len(word) > 1 and word in text):
                return judgement
    return None


def is_not_applicable(actual: str, settings: ScoringSettings) -> bool:
    """不适用, N/A … written as the actual value."""
    return normalize(actual).lower() in settings.words.get(Judgement.NOT_APPLICABLE, ())
