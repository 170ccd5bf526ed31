"""JX-S006 预算执行得分空白."""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding, Severity
from ...rules import register
from ..rule import SelfEvalRule
from ..sheet import ScoreSheet
from .common import CITATION_SCORING, at_budget, num, percent


@register
class BlankExecutionScore(SelfEvalRule):
    """预算执行得分空白。

    检查内容：预算执行数和预算数都已填写时，预算执行率的得分栏是否空白。

    为什么是问题：预算执行率是自评的必评项（全国 10 分，湖北 20 分）；得分空白则总分不完整，无法定级。

    反例：
        调整后预算数 251.89，预算执行数 251.89，得分栏空白。

    正例：
        调整后预算数 251.89，预算执行数 251.89，执行率 100%，得分 10。
    """

    code = "JX-S006"
    title = "预算执行得分空白"
    severity = Severity.WARNING
    citation = CITATION_SCORING
    template = "执行率 {rate}（{executed}/{denominator}）应得 {correct}，得分栏空白"
    audits_published = True

    def check(self, subject: ScoreSheet) -> Iterator[Finding]:
        budget = subject.budget
        if budget.published_score is None and budget.score is not None:
            yield self.finding(
                at_budget(subject, "score"),
                rate=percent(budget.rate),
                executed=num(budget.executed),
                denominator=num(budget.denominator),
                correct=num(budget.score),
            )
