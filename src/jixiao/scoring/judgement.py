"""Reading a qualitative judgement (达成 / 部分达成 / 未达成 / 不适用) from an actual value's text.

An actual written as its target (及时 for 及时) is 达成. Otherwise the profile's word lists decide,
negative words first, so that 未完成 is not read as 完成 and 基本完成 not as 完成. A one-character
word (是, 否, 差) must be the whole text. A 达成 or 部分达成 word right after a negation (不满意,
未能按时完成, 无明显提升, 没有完成, 未达标) is 未达成.
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
                if judgement is Judgement.MISSED:
                    return judgement
                # 未全部完成 is itself a 部分达成 word: look for a negation outside it
                rest = text.replace(word, " ") if judgement is Judgement.PARTIAL else text
                return Judgement.MISSED if _negated(rest, settings) else judgement
    return None


_NEGATIONS = ("不", "未", "没", "无", "非", "未能", "没有", "尚未", "并未", "未曾")


def _negated(text: str, settings: ScoringSettings) -> bool:
    """True when a 达成 or 部分达成 word in ``text`` follows a negation: 不满意, 未能按时完成."""
    for judgement in (Judgement.MET, Judgement.PARTIAL):
        for word in settings.words.get(judgement, ()):
            start = text.find(word)
            while start > 0:
                if text[max(0, start - 2) : start].endswith(_NEGATIONS):
                    return True
                start = text.find(word, start + 1)
    return False


def is_not_applicable(actual: str, settings: ScoringSettings) -> bool:
    """不适用, N/A … written as the actual value."""
    return normalize(actual).lower() in settings.words.get(Judgement.NOT_APPLICABLE, ())
