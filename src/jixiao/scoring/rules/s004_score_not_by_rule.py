"""JX-S004 得分与评分规则不符."""

from __future__ import annotations

from ...findings import Severity
from ...rules import register
from .common import CITATION_SCORING, PublishedScoreRule, Verdict


@register
class ScoreNotByRule(PublishedScoreRule):
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
    finds = Verdict.MISMATCH
