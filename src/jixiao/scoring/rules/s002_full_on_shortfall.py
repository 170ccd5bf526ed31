"""JX-S002 未完成目标却得满分."""

from __future__ import annotations

from ...findings import Severity
from ...rules import register
from .common import CITATION_SCORING, PublishedScoreRule, Verdict


@register
class FullPointsOnShortfall(PublishedScoreRule):
    """未完成目标却得满分。

    检查内容：实际完成值未达到年度指标值（或定性指标未达成、部分达成）的指标，公布得分是否仍为满分。

    为什么是问题：未完成的指标应“按照完成值与指标值的比例记分”，定性指标按档次赋分；给满分会掩盖未完成的目标。

    反例：
        指标值 ≥4754，实际 4604，分值 10，公布得分 10。

    正例：
        指标值 ≥4754，实际 4604，得分 10 × 4604/4754 = 9.68。
    """

    code = "JX-S002"
    title = "未完成目标却得满分"
    severity = Severity.ERROR
    citation = CITATION_SCORING
    template = "“{name}”实际 {actual} 未达到指标值 {target}，按规则应得 {correct}，公布为满分 {published}"
    finds = Verdict.FULL_ON_SHORTFALL
