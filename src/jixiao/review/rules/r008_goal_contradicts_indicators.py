from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ... import units
from ...findings import Finding, Severity
from ...model import Indicator, Operator, TargetTable
from ...rules import register
from ..helpers import at, at_table, normalize
from ..rule import TargetRule

# A count in the goal: 10户企业, 45名外部董事. 名 and 人 are the same count.
_COUNT = re.compile(r"(?<![\d.年月])(\d+(?:\.\d+)?)(个|户|家|人次|人|名|项|所|座|笔|场|次|万人)([\u4e00-\u9fff]{0,2})")
_SAME_COUNT = {"名": "人"}


def _unit(unit: str | None) -> str | None:
    return _SAME_COUNT.get(unit, unit) if unit else unit


def _satisfies(value: Decimal, indicator: Indicator) -> bool:
    target = indicator.target
    assert target is not None and target.value is not None
    bound, upper = target.value, target.upper
    if target.operator is Operator.RANGE and upper is not None:
        return bound <= value <= upper
    checks = {
        Operator.GE: value >= bound,
        Operator.GT: value > bound,
        Operator.EQ: value == bound,
        Operator.LE: value <= bound,
        Operator.LT: value < bound,
    }
    return checks.get(target.operator, True) if target.operator else True


def candidates(indicators: tuple[Indicator, ...], unit: str, noun: str) -> list[Indicator]:
    """Indicators a goal figure speaks of: same count unit, and the noun in the name when that narrows it."""
    same_unit = [
        ind
        for ind in indicators
        if ind.target is not None and ind.target.value is not None and _unit(ind.target.unit) == unit
    ]
    named = [ind for ind in same_unit if noun and noun in ind.name]
    return named or (same_unit if len(same_unit) == 1 else [])


@register
class GoalContradictsIndicators(TargetRule):
    """总体目标中的数字与指标值矛盾。

    检查内容：年度总体目标里写的数量（“支持10户企业”“保障45名外部董事”）与同一计量单位、名称相符的三级指标的
    指标值是否一致：等于目标要相等，≥目标不能低于下限，≤目标不能高于上限。

    为什么是问题：总体目标和指标是同一件事的两种说法；两处数字不一致，审核人不知道以哪个为准，
    年终自评也会出现“目标完成、指标未完成”的矛盾。

    反例：
        总体目标“支持12户企业”，指标“支持国有企业户数 10户”。

    正例：
        总体目标“支持10户企业的10个项目”，指标“支持国有企业户数 10户”“支持项目数量 10个”。
    """

    code = "JX-R008"
    title = "总体目标中的数字与指标值矛盾"
    severity = Severity.WARNING
    citation = "财预〔2015〕88号：绩效指标应与绩效目标密切相关，反映目标的实现程度"
    template = "总体目标写“{phrase}”，与指标“{name}”的指标值“{text}”不一致。"

    def check(self, subject: TargetTable) -> Iterator[Finding]:
        goal = normalize(subject.overall_goal or "")
        for match in _COUNT.finditer(goal):
            number, unit_text, noun = match.groups()
            value, unit = Decimal(number), _unit(unit_text)
            if unit == "万人":
                value, unit = value * units.MULTIPLIERS["万"], "人"
            assert unit is not None
            matched = candidates(subject.indicators, unit, noun)
            if not matched or any(_satisfies(value, ind) for ind in matched):
                continue
            indicator = matched[0]
            text = indicator.target.text if indicator.target else ""
            location = at(indicator, "target") if indicator.source.row else at_table(subject, "overall_goal")
            phrase = match.group(0) if noun and noun in indicator.name else number + unit_text
            yield self.finding(location, phrase=phrase, name=indicator.name, text=text)
