"""JX-S011 未完成目标未说明偏差原因."""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding, Severity
from ...rules import register
from ..rule import SelfEvalRule
from ..sheet import ScoreSheet
from .common import CITATION_SCORING, at_indicator, text_of


@register
class MissingDeviation(SelfEvalRule):
    """未完成目标未说明偏差原因。

    检查内容：实际完成值未达到指标值的指标，本行的“偏差原因分析及改进措施”和表末的偏差原因分析是否都空白。

    为什么是问题：自评要对未完成的目标说明原因并提出改进措施，这是结果应用的依据；只报分不说原因，问题得不到整改。

    反例：
        指标值 ≥4754，实际 4604，偏差原因分析栏空白。

    正例：
        同上，偏差原因写“受疫情影响，二季度停工两个月；已调整施工计划”。
    """

    code = "JX-S011"
    title = "未完成目标未说明偏差原因"
    severity = Severity.WARNING
    citation = CITATION_SCORING
    template = "“{name}”实际 {actual} 未达到指标值 {target}，未填写偏差原因分析及改进措施"

    def check(self, subject: ScoreSheet) -> Iterator[Finding]:
        if subject.selfeval.deviation:
            return
        for item in subject.indicators:
            if item.assessment.missed_target and not item.result.deviation:
                yield self.finding(
                    at_indicator(item, "deviation"),
                    name=item.name,
                    actual=text_of(item.actual),
                    target=text_of(item.target),
                )
