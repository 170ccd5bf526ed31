"""JX-S001 得分超过分值."""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding, Severity
from ...rules import register
from ..rule import SelfEvalRule
from ..sheet import ScoreSheet
from .common import CITATION_SCORING, VERDICT_KEYWORDS, Verdict, at_budget, at_indicator, num, verdict


@register
class ScoreAboveWeight(SelfEvalRule):
    """得分超过分值。

    检查内容：每个三级指标和预算执行率的公布得分是否超过其分值。

    为什么是问题：“得分最高不能超过该指标分值上限”：超额完成不加分，得分超过分值会抬高总分和等级。

    反例：
        分值 10 的指标“服务外包合同金额”公布得分 12。

    正例：
        实际 23333.56 超过指标值 20000，得分为满分 10。
    """

    code = "JX-S001"
    title = "得分超过分值"
    severity = Severity.ERROR
    citation = CITATION_SCORING
    template = "{what}公布得分 {published} 超过其分值 {weight}"
    config_keywords = VERDICT_KEYWORDS
    audits_published = True

    def check(self, subject: ScoreSheet) -> Iterator[Finding]:
        budget = subject.budget
        if budget.published_score is not None and budget.published_score > budget.weight + self.settings.tolerance:
            yield self.finding(
                at_budget(subject, "score"),
                what="预算执行率",
                published=num(budget.published_score),
                weight=num(budget.weight),
            )
        for item in subject.indicators:
            if verdict(item, self.settings) == Verdict.ABOVE_WEIGHT:
                yield self.finding(
                    at_indicator(item, "score"),
                    what=f"“{item.name}”",
                    published=num(item.published_score),
                    weight=num(item.effective_weight),
                )
