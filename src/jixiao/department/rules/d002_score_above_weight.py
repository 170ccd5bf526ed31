"""JX-D002 部门整体自评得分超过指标分值."""

from __future__ import annotations

from collections.abc import Iterator

from ...cells import decimal_text
from ...findings import Finding, Location, Severity
from ...rules import register
from ..rule import DepartmentRule
from ..scoring import DepartmentSheet


@register
class ScoreAboveWeight(DepartmentRule):
    """部门整体自评得分超过指标分值。

    检查内容：部门整体支出绩效自评表（评分表）每个三级指标的自评得分是否超过它的指标分值。

    为什么是问题：评分标准在指标分值之内扣分，得分最高等于分值；超过分值的得分抬高了总分和等级。

    反例：
        三级指标“目标制定”，指标分值 10，自评得分 12。

    正例：
        三级指标“目标制定”，指标分值 10，自评得分 9。
    """

    code = "JX-D002"
    title = "部门整体自评得分超过指标分值"
    severity = Severity.ERROR
    citation = "《项目支出绩效评价管理办法》（财预〔2020〕10号）附件：各指标得分不超过其分值"
    template = "“{name}”自评得分 {score}，超过指标分值 {weight}"
    audits_published = True

    def check(self, subject: DepartmentSheet) -> Iterator[Finding]:
        for line in subject.lines:
            if line.above_weight and line.published_score is not None and line.weight is not None:
                yield self.finding(
                    Location(indicator=line.name, field="score", row=line.row),
                    name=line.name,
                    score=decimal_text(line.published_score),
                    weight=decimal_text(line.weight),
                )
