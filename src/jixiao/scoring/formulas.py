"""How much of an indicator's weight its actual value earns: the share in [0, 1] and the rule applied.

* positive (≥ >) and "=": full when met, else actual/target; a "= 0" target is met only by 0 or less;
* reverse (≤ <): full when met, else the profile's formula — ratio target/actual, or linear
  1 − (actual − target)/target, which reaches 0 at twice the target;
* ranges: below the range as positive, above it as reverse; tolerances (±3%) as reverse on |actual|;
* 直接赋分: met → full, else the profile's share (0 by default);
* qualitative targets: the judgement (given, or read from the actual text) picks a tier and its default share.
Units convert before comparing: 实际 3.2亿元 meets ≥30000万元.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

from .. import taxonomy, units
from ..cells import decimal_text
from ..errors import UnitMismatchError
from ..model import Kind, Operator, Target
from ..model_selfeval import IndicatorResult, Judgement
from .judgement import is_not_applicable, judge_text
from .rounding import round_exact
from .settings import ScoringSettings

_REVERSE = {"ratio": "超出按 指标值/实际值 ", "linear": "超出按 1−(实际−指标值)/指标值 "}
ONE = Fraction(1)
ZERO = Fraction(0)


class Status(StrEnum):
    MET = "met"  # reached its target
    SHORT = "short"  # a number short of its target
    PARTIAL = "partial"  # qualitative 部分达成
    MISSED = "missed"  # qualitative 未达成
    NOT_APPLICABLE = "not_applicable"
    UNSCORABLE = "unscorable"  # no actual value, units that do not compare, a judgement that cannot be read


@dataclass(frozen=True)
class Assessment:
    status: Status
    share: Fraction | None  # of the weight, in [0, 1], exact; None when unscorable
    rule: str  # the rule applied, in words
    judgement: Judgement | None = None
    band: tuple[Decimal, Decimal] | None = None  # qualitative: the shares the tier allows
    problem: str | None = None  # why an indicator is unscorable: missing_actual, unit_mismatch, judgement

    @property
    def missed_target(self) -> bool:
        return self.status in (Status.SHORT, Status.PARTIAL, Status.MISSED)


def _clamp(value: Fraction) -> Fraction:
    return max(ZERO, min(ONE, value))


def positive_share(actual: Decimal, target: Decimal) -> Fraction:
    """Share for a ≥ target: 1 when met, else actual/target (0 for a non-positive actual), exact."""
    if actual >= target:
        return ONE
    if target <= 0:
        return ZERO
    return _clamp(Fraction(actual) / Fraction(target))


def reverse_share(actual: Decimal, target: Decimal, formula: str) -> Fraction:
    """Share for a ≤ target: 1 when met, else target/actual (ratio) or 1 − (actual − target)/target (linear)."""
    if actual <= target:
        return ONE
    if target <= 0:
        return ZERO
    if formula == "linear":
        return _clamp(ONE - (Fraction(actual) - Fraction(target)) / Fraction(target))
    return _clamp(Fraction(target) / Fraction(actual))


def assess(result: IndicatorResult, settings: ScoringSettings) -> Assessment:
    """The share of its weight ``result`` earns under ``settings``."""
    target, actual = result.indicator.target, result.actual
    if result.judgement is Judgement.NOT_APPLICABLE or (
        actual is not None and actual.value is None and is_not_applicable(actual.text, settings)
    ):
        return Assessment(Status.NOT_APPLICABLE, None, "不适用：不计分，其余指标按比例折算", Judgement.NOT_APPLICABLE)
    if actual is None and result.judgement is None:
        return Assessment(Status.UNSCORABLE, None, "未填写实际完成值", problem="missing_actual")
    rule = taxonomy.canonical_scoring_rule(result.indicator.scoring_rule)
    direct = rule == "直接赋分" or (rule == "满意度赋分" and settings.satisfaction == "direct")
    numeric = _numeric(target, actual, settings.reverse_formula) if result.judgement is None else None
    if numeric is not None:
        if isinstance(numeric, Assessment):
            return numeric
        share, words = numeric
        if direct and share < ONE:
            missed = Fraction(settings.direct_missed)
            return Assessment(Status.SHORT, missed, f"{words}；直接赋分，未达标得 {_percent(missed)}")
        return Assessment(Status.MET if share == ONE else Status.SHORT, share, words)
    return _qualitative(result, settings, direct)


def _numeric(target: Target | None, actual: Target | None, formula: str) -> tuple[Fraction, str] | Assessment | None:
    """(share, rule in words) when both values are numbers, an Assessment when they cannot compare."""
    if target is None or actual is None or target.value is None or actual.value is None:
        return None
    if target.kind not in (Kind.NUMBER, Kind.TOLERANCE, Kind.DEADLINE):
        return None
    try:
        value = units.convert(actual.value, actual.unit, target.unit)
    except UnitMismatchError:
        return Assessment(
            Status.UNSCORABLE, None, f"单位不同类：实际 {actual.text}，指标值 {target.text}", problem="unit_mismatch"
        )
    bound = target.value
    note = (
        f"（{actual.text} 折合 {decimal_text(value)}{target.unit}）"
        if actual.unit and actual.unit != target.unit
        else ""
    )
    if _fraction_for_percent(target, actual):
        value = actual.value * 100  # 0.95 written for 95% under a ≥90% target
        note = f"（{actual.text} 按 {decimal_text(value)}% 计）"
    if target.kind is Kind.TOLERANCE:
        share = reverse_share(abs(value), bound, formula)
        return share, f"偏差指标，{_reverse_words(share, formula)}{note}"
    operator = target.operator or Operator.EQ
    if operator is Operator.RANGE and target.upper is not None:
        if value < bound:
            share = positive_share(value, bound)
            return share, f"区间指标，低于下限按完成比例 {_percent(share)}{note}"
        share = reverse_share(value, target.upper, formula)
        return share, f"区间指标，{'在区间内，满分' if share == ONE else _reverse_words(share, formula)}{note}"
    if operator.is_reverse:
        share = reverse_share(value, bound, formula)
        return share, f"反向指标，{_reverse_words(share, formula)}{note}"
    if operator is Operator.EQ and bound == 0:
        share = ONE if value <= 0 else ZERO
        return share, f"“=0”指标，{'达标满分' if share == ONE else '不为 0 得 0'}{note}"
    share = positive_share(value, bound)
    return share, f"正向指标，{'达标满分' if share == ONE else '按完成比例 ' + _percent(share)}{note}"


def _fraction_for_percent(target: Target, actual: Target) -> bool:
    """An actual written as a fraction (0.95, 1) under a high percentage target (≥90%, =100%).

    Low or reverse percentage targets (≤5% 代偿率) are left alone: there 0.5 means 0.5 %.
    """
    return (
        target.unit == "%"
        and actual.unit is None
        and actual.value is not None
        and target.value is not None
        and not (target.operator and target.operator.is_reverse)
        and 0 < actual.value <= 1
        and target.value >= 50
    )


def _reverse_words(share: Fraction, formula: str) -> str:
    return "达标满分" if share == ONE else f"{_REVERSE[formula]}{_percent(share)}"


def _share(share: Decimal) -> str:
    return f"{decimal_text(share * 100)}%"


def _percent(share: Fraction) -> str:
    return f"{round_exact(share * 100, 2, ROUND_HALF_UP)}%"


def _qualitative(result: IndicatorResult, settings: ScoringSettings, direct: bool) -> Assessment:
    target, actual = result.indicator.target, result.actual
    judgement = result.judgement
    source = "单位判定"
    if judgement is None and target is not None and actual is not None and target.kind is Kind.DATE:
        judgement = _judge_date(target, actual)
        source = "据日期"
    if judgement is None and actual is not None:
        judgement = judge_text(actual.text, target.text if target else None, settings)
        source = "据实际完成值文字"
    if judgement is None or judgement is Judgement.NOT_APPLICABLE:
        text = actual.text if actual else ""
        return Assessment(Status.UNSCORABLE, None, f"无法从“{text}”判断是否达成，请给出达成情况", problem="judgement")
    status = {Judgement.MET: Status.MET, Judgement.PARTIAL: Status.PARTIAL}.get(judgement, Status.MISSED)
    if direct and not settings.direct_uses_tiers:
        share = ONE if judgement is Judgement.MET else Fraction(settings.direct_missed)
        return Assessment(status, share, f"直接赋分，{judgement.value}（{source}）", judgement)
    tier = settings.tier(judgement)
    if tier is None:
        return Assessment(Status.UNSCORABLE, None, f"配置中没有“{judgement.value}”档", judgement, problem="judgement")
    return Assessment(
        status,
        Fraction(tier.default),
        f"定性指标，{judgement.value}（{source}），取 {_share(tier.default)}（{_share(tier.low)}–{_share(tier.high)}）",
        judgement,
        (tier.low, tier.high),
    )


def _judge_date(target: Target, actual: Target) -> Judgement | None:
    if target.date is None or actual.date is None:
        return None
    wanted, done = target.date.lstrip("-"), actual.date.lstrip("-")
    if len(wanted) != len(done):
        wanted, done = wanted[-5:], done[-5:]  # compare month and day when one has no year
    return Judgement.MET if done <= wanted else Judgement.MISSED
