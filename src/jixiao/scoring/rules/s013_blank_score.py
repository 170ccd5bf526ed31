"""JX-S013 指标得分空白."""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding, Severity
from ...rules import register
from ..rule import SelfEvalRule
from ..sheet import ScoreSheet
from .common import CITATION_SCORING, at_indicator, num


@register
class BlankScore(SelfEvalRule):
    """指标得分空白。

    检查内容：三级指标的公布得分是否空白。

    为什么是问题：得分空白的自评表无法汇总总分和定级，也无法与复核得分比较。

    反例：
        指标“足额保障率(参保率)”权重 30，得分栏空白。

    正例：
        指标“足额保障率(参保率)”权重 30，完成值 100%，得分 30。
    """

    code = "JX-S013"
    title = "指标得分空白"
    severity = Severity.INFO
    citation = CITATION_SCORING
    template = "“{name}”得分栏空白（按规则{correct}）"
    audits_published = True

    def check(self, subject: ScoreSheet) -> Iterator[Finding]:
        for item in subject.indicators:
            part = item.result.indicator.parent is not None and item.weight is None  # scored with the one above
            if item.published_score is None and item.status != "not_applicable" and not part:
                correct = f"应得 {num(item.score)}" if item.score is not None else "也无法计算"
                yield self.finding(at_indicator(item, "score"), name=item.name, correct=correct)
