"""JX-S016 分值合计不是100."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ...findings import Finding, Location, Severity
from ...rules import register
from ..rule import SelfEvalRule
from ..sheet import ScoreSheet
from .common import CITATION_SCORING, num


@register
class WeightsNot100(SelfEvalRule):
    """分值合计不是100。

    检查内容：预算执行率分值与全部三级指标分值之和是否为 100（“其中”分项不另计）。有指标未印分值时，已印的合计超过
    100 也报告。

    为什么是问题：自评按百分制计分（全国 10 + 90，湖北 20 + 80）；分值合计不是 100，总分和等级就失去意义。

    反例：
        预算执行率 10 分，三级指标分值合计 100，总计 110。

    正例：
        预算执行率 10 分，三级指标分值合计 90，总计 100。
    """

    code = "JX-S016"
    title = "分值合计不是100"
    severity = Severity.WARNING
    citation = CITATION_SCORING
    template = "预算执行率分值 {budget} + 指标分值合计 {indicators} = {sum}，不是 100"
    config_keywords = ("tolerance",)

    def check(self, subject: ScoreSheet) -> Iterator[Finding]:
        weights = [item.weight for item in subject.indicators if item.result.indicator.parent is None]
        if not weights:
            return
        indicators = sum((w for w in weights if w is not None), Decimal(0))
        added = subject.budget.weight + indicators
        complete = all(weight is not None for weight in weights)
        # with some weights unprinted only a sum already over 100 is certain to be wrong
        if (complete and abs(added - 100) > self.settings.tolerance) or added - 100 > self.settings.tolerance:
            yield self.finding(
                Location(None, "weight", None, None),
                budget=num(subject.budget.weight),
                indicators=num(indicators),
                sum=num(added),
            )
