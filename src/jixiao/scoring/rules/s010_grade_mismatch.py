"""JX-S010 等级与总分不符."""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding, Location, Severity
from ...rules import register
from ..rule import SelfEvalRule
from ..sheet import ScoreSheet
from .common import CITATION_SCORING, num


@register
class GradeMismatch(SelfEvalRule):
    """等级与总分不符。

    检查内容：公布的评价等级是否与公布的总分所在的等级区间一致
    （优 ≥ 90，良 [80, 90)，中 [60, 80)，差 < 60，或配置所定）。

    为什么是问题：等级由总分决定；等级高于总分对应的档次，会让评价结果失真并影响结果应用。

    反例：
        总分 88.64，等级写“优”。

    正例：
        总分 88.64，等级“良”。
    """

    code = "JX-S010"
    title = "等级与总分不符"
    severity = Severity.ERROR
    citation = CITATION_SCORING
    template = "公布总分 {total} 对应“{expected}”，表中写“{grade}”"
    config_keywords = ("grades",)
    audits_published = True

    def check(self, subject: ScoreSheet) -> Iterator[Finding]:
        written, total = subject.published_grade, subject.published_total
        if not written or total is None:
            return
        expected = self.settings.grade_of(total)
        if self.settings.canonical_grade(written) != expected:
            row = subject.selfeval.grade_row or subject.selfeval.total_row
            yield self.finding(Location(None, "grade", row, None), total=num(total), expected=expected, grade=written)
