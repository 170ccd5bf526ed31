"""JX-S012 未填写实际完成值."""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding, Severity
from ...rules import register
from ..rule import SelfEvalRule
from ..sheet import ScoreSheet
from .common import CITATION_SCORING, at_indicator, text_of


@register
class MissingActual(SelfEvalRule):
    """未填写实际完成值。

    检查内容：三级指标的实际完成值是否空白。

    为什么是问题：没有实际完成值，得分无从核实，自评表就只剩一张目标表。

    反例：
        指标“发放(缴纳)覆盖率”指标值 =100%，完成值空白。

    正例：
        指标“发放(缴纳)覆盖率”指标值 =100%，完成值 100%。
    """

    code = "JX-S012"
    title = "未填写实际完成值"
    severity = Severity.WARNING
    citation = CITATION_SCORING
    template = "“{name}”（指标值 {target}）未填写实际完成值，无法复核得分"

    def check(self, subject: ScoreSheet) -> Iterator[Finding]:
        for item in subject.indicators:
            if item.assessment.problem == "missing_actual":
                yield self.finding(at_indicator(item, "actual"), name=item.name, target=text_of(item.target))
