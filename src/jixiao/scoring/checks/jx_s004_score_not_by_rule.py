"""JX-S004 得分与评分规则不符."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...findings import Finding, Severity
from ...profile import Profile
from ...review.registry import Rule, register
from .common import CITATION_SCORING, Verdict, at_indicator, num, text_of, verdict


@register
class ScoreNotByRule(Rule):
    """得分与评分规则不符。

    检查内容：未满分的指标，公布得分是否等于按所选配置的评分规则算出的得分（定性指标是否落在其档次区间内）。

    为什么是问题：部分完成的指标应按完成比例（或反向指标公式、定性档次）计分；随意给分使各项目的得分无法比较。

    反例：
        指标值 3807，实际 3224，分值 2，公布得分 1.9（按比例应为 1.69）。

    正例：
        指标值 3807，实际 3224，分值 2，得分 2 × 3224/3807 = 1.69。
    """

    code = "JX-S004"
    title = "得分与评分规则不符"
    severity = Severity.WARNING
    citation = CITATION_SCORING
    template = "“{name}”实际 {actual}，指标值 {target}，{rule}，应得 {correct}，公布 {published}"
    subject = "selfeval"
    audits_published = True  # compares a published score: skipped when scoring from an actuals file

    def check(self, subject: Any, profile: Profile) -> Iterator[Finding]:
        for item in subject.indicators:
            if verdict(item, subject) == Verdict.MISMATCH:
                yield self.finding(
                    at_indicator(item, "score"),
                    name=item.name,
                    actual=text_of(item.actual),
                    target=text_of(item.target),
                    rule=item.rule,
                    correct=num(item.score),
                    published=num(item.published_score),
                )
