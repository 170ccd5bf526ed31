"""JX-D003 部门整体评分表指标分值合计不等于满分."""

from __future__ import annotations

from collections.abc import Iterator

from ...cells import decimal_text
from ...findings import Finding, Location, Severity
from ...rules import register
from ..rule import DepartmentRule
from ..scoring import DepartmentSheet


@register
class WeightsNotFullMarks(DepartmentRule):
    """部门整体评分表指标分值合计不等于满分。

    检查内容：部门整体支出绩效自评表（评分表）各三级指标的指标分值合计是否等于配置的满分（默认 100）。

    为什么是问题：分值合计不是满分，总分就不能按等级标准（优 ≥ 90 …）定等级；多半是漏了指标，或分值填错。
    表格不完整时 jixiao 不给等级。

    反例：
        三个三级指标，分值 10、10、10，合计 30。

    正例：
        分值合计 100。
    """

    code = "JX-D003"
    title = "部门整体评分表指标分值合计不等于满分"
    severity = Severity.WARNING
    citation = "《项目支出绩效评价管理办法》（财预〔2020〕10号）第二十二条：绩效评价一般采用百分制"
    template = "指标分值合计 {weights}，满分应为 {full}"
    config_keywords = ("full_marks",)

    def check(self, subject: DepartmentSheet) -> Iterator[Finding]:
        if subject.weight_total is None or subject.weight_total == self.settings.full_marks:
            return
        yield self.finding(
            Location(field="weight"),
            weights=decimal_text(subject.weight_total),
            full=decimal_text(self.settings.full_marks),
        )
