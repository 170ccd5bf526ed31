"""Helpers for the score-audit rules: locations and numbers as a reviewer writes them."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import ClassVar

from ...cells import decimal_text
from ...findings import Finding, Location
from ...model import Target
from ..rounding import coarser_rounding, same_score
from ..rule import SelfEvalRule
from ..settings import ScoringSettings
from ..sheet import IndicatorScore, ScoreSheet

CITATION_SCORING = "《项目支出绩效评价管理办法》（财预〔2020〕10号）及所选配置的评分规则"
CITATION_MONITORING = "《中央部门预算绩效运行监控管理暂行办法》（财预〔2019〕136号）"


def num(value: Decimal | None) -> str:
    """8.6200 → 8.62, 20.00 → 20, None → 空白."""
    return "空白" if value is None else decimal_text(value)


def percent(value: Decimal | None) -> str:
    return "空白" if value is None else f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}%"


def text_of(target: Target | None) -> str:
    return "空白" if target is None else target.text


def at_indicator(item: IndicatorScore, field: str) -> Location:
    indicator = item.result.indicator
    return Location(indicator.name, field, indicator.source.row, item.result.column(field))


def at_budget(sheet: ScoreSheet, field: str) -> Location:
    budget = sheet.selfeval.budget
    return Location(None, f"budget.{field}", budget.row, budget.column(field))


def within_band(item: IndicatorScore, published: Decimal) -> bool:
    """A qualitative score inside the tier its judgement allows (any share in the band is acceptable)."""
    band = item.assessment.band
    weight = item.effective_weight
    if band is None or weight is None:
        return False
    low, high = band[0] * weight, band[1] * weight
    return low <= published < high or (band[1] == 1 and published == high)


class Verdict(StrEnum):
    """How a published score compares with the rule-correct one."""

    MATCH = "match"
    COARSER = "coarser"  # the rule-correct score rounded to fewer places
    ABOVE_WEIGHT = "above_weight"
    FULL_ON_SHORTFALL = "full_on_shortfall"
    DOCKED = "docked"  # points taken from a met target
    MISMATCH = "mismatch"


#: The settings :func:`verdict` reads: a rule that calls it declares them.
VERDICT_KEYWORDS = ("places", "rounding", "tolerance")


def verdict(item: IndicatorScore, settings: ScoringSettings) -> Verdict | None:
    """How an indicator's published score compares with the rule-correct one; None when either is missing."""
    published, correct, weight = item.published_score, item.score, item.effective_weight
    if published is None or weight is None:
        return None
    tolerance = settings.tolerance
    if published > weight + tolerance:
        return Verdict.ABOVE_WEIGHT
    if correct is None:
        return None
    if same_score(published, correct, tolerance):
        return Verdict.MATCH
    if item.assessment.missed_target and published >= weight - tolerance:
        return Verdict.FULL_ON_SHORTFALL
    if within_band(item, published):
        return Verdict.MATCH  # a qualitative score anywhere inside its tier
    if coarser_rounding(published, correct, settings, item.exact):
        return Verdict.COARSER
    if item.status == "met" and published < correct:
        return Verdict.DOCKED
    return Verdict.MISMATCH


class PublishedScoreRule(SelfEvalRule):
    """A rule reporting each indicator whose published score gets the verdict ``finds``.

    Messages may use {name}, {actual}, {target}, {rule}, {correct}, {published} and {note}.
    """

    audits_published = True
    config_keywords = VERDICT_KEYWORDS
    finds: ClassVar[Verdict]

    def check(self, subject: ScoreSheet) -> Iterator[Finding]:
        for item in subject.indicators:
            if verdict(item, self.settings) == self.finds:
                yield self.finding_from(at_indicator(item, "score"), self.values(item))

    def values(self, item: IndicatorScore) -> dict[str, object]:
        note = "（表中未列分值，分值按所在板块推定）" if item.weight_inferred else ""
        return {
            "name": item.name,
            "actual": text_of(item.actual),
            "target": text_of(item.target),
            "rule": item.rule,
            "correct": num(item.score),
            "published": num(item.published_score),
            "note": note,
        }
