"""JX-S005 预算执行率超过100%."""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding, Severity
from ...rules import register
from ..rule import SelfEvalRule
from ..sheet import ScoreSheet
from .common import CITATION_SCORING, at_budget, num, percent


@register
class OverExecution(SelfEvalRule):
    """预算执行率超过100%。

    检查内容：全年执行数是否超过预算数（执行率超过 100%）。

    为什么是问题：执行数不应超过批复的预算；超出通常是数据错误（填了累计数、单位不一致）或超预算支出。
    执行率按 100% 计分。

    反例：
        全年预算数 329.77，全年执行数 338.31，执行率 102.59%。

    正例：
        全年预算数 329.77，全年执行数 320.00，执行率 97.04%。
    """

    code = "JX-S005"
    title = "预算执行率超过100%"
    severity = Severity.WARNING
    citation = CITATION_SCORING
    template = "全年执行数 {executed} 超过{label} {denominator}（执行率 {rate}），计分时按 100% 计"

    def check(self, subject: ScoreSheet) -> Iterator[Finding]:
        budget = subject.budget
        if budget.over_executed:
            yield self.finding(
                at_budget(subject, "executed"),
                executed=num(budget.executed),
                label=budget.denominator_label,
                denominator=num(budget.denominator),
                rate=percent(budget.rate),
            )
