"""JX-S009 总分不等于各项得分之和."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ...findings import Finding, Location, Severity
from ...rules import register
from ..formulas import Status
from ..rule import SelfEvalRule
from ..sheet import ScoreSheet
from .common import CITATION_SCORING, num


@register
class TotalNotSum(SelfEvalRule):
    """总分不等于各项得分之和。

    检查内容：公布的总分是否等于预算执行率得分与各三级指标公布得分之和（不适用的指标不计）。

    为什么是问题：总分 = 执行率得分 + Σ 指标得分；对不上说明漏加、重加或改过分而未改总分，等级也可能随之出错。

    反例：
        执行率得分 8.62，指标得分 10、20、20、30、10，总分写 99。

    正例：
        同上，总分 98.62。
    """

    code = "JX-S009"
    title = "总分不等于各项得分之和"
    severity = Severity.ERROR
    citation = CITATION_SCORING
    template = "预算执行得分与各指标公布得分合计 {sum}，公布总分 {total}"
    config_keywords = ("tolerance",)
    audits_published = True

    def check(self, subject: ScoreSheet) -> Iterator[Finding]:
        total = subject.published_total
        scored = (
            item
            for item in subject.indicators
            if item.status != Status.NOT_APPLICABLE and item.result.indicator.parent is None
        )
        parts = [subject.budget.published_score, *(item.published_score for item in scored)]
        if total is None or any(part is None for part in parts):
            return
        added = sum((part for part in parts if part is not None), Decimal(0))
        if abs(added - total) > self.settings.tolerance:
            row = subject.selfeval.total_row
            yield self.finding(Location(None, "total", row, None), sum=num(added), total=num(total))
