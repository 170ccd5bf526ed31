"""JX-S015 实际完成值与指标值单位不同类."""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding, Severity
from ...rules import register
from ..rule import SelfEvalRule
from ..sheet import ScoreSheet
from .common import CITATION_SCORING, at_indicator, text_of


@register
class UnitMismatch(SelfEvalRule):
    """实际完成值与指标值单位不同类。

    检查内容：实际完成值的单位能否换算成指标值的单位（万元与亿元可以，万元与人不行）。

    为什么是问题：单位不同类的两个数不能比较，得分无从计算；通常是填错了栏目或单位。

    反例：
        指标值 ≥30000万元，实际完成值 320人。

    正例：
        指标值 ≥30000万元，实际完成值 3.2亿元（换算为 32000万元，已达标）。
    """

    code = "JX-S015"
    title = "实际完成值与指标值单位不同类"
    severity = Severity.ERROR
    citation = CITATION_SCORING
    template = "“{name}”实际 {actual} 与指标值 {target} 的单位不同类，无法比较"

    def check(self, subject: ScoreSheet) -> Iterator[Finding]:
        for item in subject.indicators:
            if item.assessment.problem == "unit_mismatch":
                yield self.finding(
                    at_indicator(item, "actual"),
                    name=item.name,
                    actual=text_of(item.actual),
                    target=text_of(item.target),
                )
