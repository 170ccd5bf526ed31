"""JX-S008 执行率与执行数不符."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from ...findings import Finding, Severity
from ...rules import register
from ..rounding import places_of
from ..rule import SelfEvalRule
from ..sheet import ScoreSheet
from .common import CITATION_SCORING, at_budget, num, percent


@register
class RateMisprinted(SelfEvalRule):
    """执行率与执行数不符。

    检查内容：表中写的执行率是否等于 执行数 ÷ 预算数（按表中写的小数位取舍）。

    为什么是问题：执行率是执行数与预算数之比；写错的执行率会误导读者，也常是得分算错的源头。

    反例：
        全年预算数 250000，全年执行数 215457.6，执行率写 86.19%（应为 86.18%）。

    正例：
        全年预算数 250000，全年执行数 215457.6，执行率 86.18%。
    """

    code = "JX-S008"
    title = "执行率与执行数不符"
    severity = Severity.INFO
    citation = CITATION_SCORING
    template = "执行数/{label} = {executed}/{denominator} = {rate}，表中写 {printed}%"

    def check(self, subject: ScoreSheet) -> Iterator[Finding]:
        budget = subject.budget
        printed, rate = budget.published_rate, budget.rate
        if printed is None or rate is None:
            return
        places = min(max(places_of(printed), 0), 4)
        rounded = rate.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        if printed == rounded or abs(printed - rate) < Decimal("0.005"):
            return
        yield self.finding(
            at_budget(subject, "rate"),
            label=budget.denominator_label,
            executed=num(budget.executed),
            denominator=num(budget.denominator),
            rate=percent(rate),
            printed=num(printed),
        )
