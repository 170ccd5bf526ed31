"""JX-S003 完成目标却被扣分."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...findings import Finding, Severity
from ...profile import Profile
from ...review.registry import Rule, register
from .common import CITATION_SCORING, Verdict, at_indicator, num, text_of, verdict


@register
class PointsDockedFromMetTarget(Rule):
    """完成目标却被扣分。

    检查内容：实际完成值已达到年度指标值的指标，公布得分是否低于满分。

    为什么是问题：“完成值达到指标值，记满分”。达标仍扣分说明评分随意，或指标值、实际值填写有误，应核实。

    反例：
        指标值 98%，实际 98%，分值 20，公布得分 19.6。

    正例：
        指标值 98%，实际 98%，得分 20。
    """

    code = "JX-S003"
    title = "完成目标却被扣分"
    severity = Severity.WARNING
    citation = CITATION_SCORING
    template = "“{name}”实际 {actual} 已达到指标值 {target}，应得满分 {correct}，公布 {published}{note}"
    subject = "selfeval"
    audits_published = True  # compares a published score: skipped when scoring from an actuals file

    def check(self, subject: Any, profile: Profile) -> Iterator[Finding]:
        for item in subject.indicators:
            if verdict(item, subject) == Verdict.DOCKED:
                note = "（表中未列分值，分值按所在板块推定）" if item.weight_inferred else ""
                yield self.finding(
                    at_indicator(item, "score"),
                    name=item.name,
                    actual=text_of(item.actual),
                    target=text_of(item.target),
                    correct=num(item.score),
                    published=num(item.published_score),
                    note=note,
                )
