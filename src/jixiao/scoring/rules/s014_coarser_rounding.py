"""JX-S014 得分取舍位数与规则不同."""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding, Severity
from ...rules import register
from ..rounding import coarser_rounding, same_score
from ..rule import SelfEvalRule
from ..sheet import ScoreSheet
from .common import CITATION_SCORING, VERDICT_KEYWORDS, Verdict, at_budget, at_indicator, num, verdict


@register
class CoarserRounding(SelfEvalRule):
    """得分取舍位数与规则不同。

    检查内容：公布得分是否是规则得分按更少的小数位取舍的结果（如 8.62 写成 9 或 8.6）。

    为什么是问题：配置规定的取舍（默认保留两位小数、四舍五入）只做一次；各表取舍不同，总分和等级就不可比。
    这是提示，不算错误。

    反例：
        执行率 86.2%，分值 10，得分写 9。

    正例：
        执行率 86.2%，分值 10，得分 8.62。
    """

    code = "JX-S014"
    title = "得分取舍位数与规则不同"
    severity = Severity.INFO
    citation = CITATION_SCORING
    template = "{what}应得 {correct}，公布 {published}（保留 {places} 位小数）"
    config_keywords = VERDICT_KEYWORDS
    audits_published = True

    def check(self, subject: ScoreSheet) -> Iterator[Finding]:
        settings, budget = self.settings, subject.budget
        published, correct = budget.published_score, budget.score
        if (
            published is not None
            and correct is not None
            and not same_score(published, correct, settings.tolerance)
            and coarser_rounding(published, correct, settings, budget.exact)
        ):
            yield self.finding(
                at_budget(subject, "score"),
                what="预算执行率",
                correct=num(correct),
                published=num(published),
                places=settings.places,
            )
        for item in subject.indicators:
            if verdict(item, self.settings) == Verdict.COARSER:
                yield self.finding(
                    at_indicator(item, "score"),
                    what=f"“{item.name}”",
                    correct=num(item.score),
                    published=num(item.published_score),
                    places=settings.places,
                )
