"""JX-S012 未填写实际完成值."""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding, Location, Severity
from ...rules import register
from ..rule import SelfEvalRule
from ..sheet import ScoreSheet
from .common import CITATION_SCORING, at_indicator, text_of


@register
class MissingActual(SelfEvalRule):
    """未填写实际完成值。

    检查内容：三级指标的实际完成值是否空白。表头里根本没有实际完成值列时只报一次（不逐个指标报）。

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
        missing = [item for item in subject.indicators if item.assessment.problem == "missing_actual"]
        if missing and all(item.result.column("actual") is None for item in subject.indicators):
            # no column is the 实际完成值 column: said once (the reading note names the columns left unread)
            yield Finding(
                self.code,
                self.severity,
                self.title,
                "表头里找不到“实际完成值”列，各指标的实际完成值都未读，无法复核得分",
                Location(None, "actual", None, None),
                self.citation,
                self.group,
            )
            return
        for item in missing:
            yield self.finding(at_indicator(item, "actual"), name=item.name, target=text_of(item.target))
