"""JX-S007 预算执行得分与执行率不符."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ...findings import Finding, Severity
from ...rules import register
from ..rounding import coarser_rounding, same_score
from ..rule import SelfEvalRule
from ..sheet import ScoreSheet
from .common import CITATION_SCORING, at_budget, num, percent


@register
class ExecutionScoreMismatch(SelfEvalRule):
    """预算执行得分与执行率不符。

    检查内容：预算执行率的公布得分是否等于 min(执行率, 100%) × 分值。

    为什么是问题：执行率得分是算出来的，不是估出来的；与执行率不符说明计算错误或套用了别的分值。

    反例：
        执行率 76%，分值 10，公布得分 9。

    正例：
        执行率 76%，分值 10，得分 7.6。
    """

    code = "JX-S007"
    title = "预算执行得分与执行率不符"
    severity = Severity.WARNING
    citation = CITATION_SCORING
    template = "执行率 {rate} × 分值 {weight} = {correct}，公布 {published}"
    config_keywords = ("places", "rounding", "tolerance")
    audits_published = True

    def check(self, subject: ScoreSheet) -> Iterator[Finding]:
        budget, settings = subject.budget, self.settings
        published, correct = budget.published_score, budget.score
        if published is None or correct is None or published > budget.weight + settings.tolerance:
            return
        coarser = coarser_rounding(published, correct, settings, budget.exact)
        if same_score(published, correct, settings.tolerance) or coarser:
            return
        rate = min(budget.rate, Decimal(100)) if budget.rate is not None else None
        yield self.finding(
            at_budget(subject, "score"),
            rate=percent(rate),
            weight=num(budget.weight),
            correct=num(correct),
            published=num(published),
        )
