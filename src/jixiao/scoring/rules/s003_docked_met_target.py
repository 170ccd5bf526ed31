"""JX-S003 完成目标却被扣分."""

from __future__ import annotations

from ...findings import Severity
from ...rules import register
from .common import CITATION_SCORING, PublishedScoreRule, Verdict


@register
class PointsDockedFromMetTarget(PublishedScoreRule):
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
    finds = Verdict.DOCKED
