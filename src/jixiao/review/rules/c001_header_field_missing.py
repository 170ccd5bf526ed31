from __future__ import annotations

from collections.abc import Iterator

from ...fields import label
from ...findings import Finding, Severity
from ...model import TargetTable
from ...rules import register
from ..helpers import at_table
from ..rule import TargetRule


def header_value(table: TargetTable, field: str) -> object:
    if field.startswith("funding."):
        return getattr(table.funding, field.removeprefix("funding."))
    if field == "budget_unit":
        # Templates name the unit 预算部门, 主管部门 or 实施单位 instead; any of them identifies it.
        return table.budget_unit or table.department or table.implementer
    return getattr(table, field, None)


@register
class HeaderFieldMissing(TargetRule):
    """表头要素缺失。

    检查内容：项目名称、预算单位、年度预算总额、年度总体目标等表头要素（以配置的
    ``required_header_fields`` 为准）是否填写。表中只写了预算部门、主管部门或实施单位时，视为已填预算单位。

    为什么是问题：表头是目标表的身份和资金依据；缺少任一项，审核人无法确认项目、单位和资金规模，
    目标表不完整，不能进入预算安排流程。

    反例：
        预算单位一栏为空；年度预算总额写“-”。

    正例：
        项目名称：国有资本经营预算项目；预算单位：自治区国资委；年度预算总额：114352。
    """

    code = "JX-C001"
    title = "表头要素缺失"
    severity = Severity.ERROR
    citation = "《中央部门预算绩效目标管理办法》（财预〔2015〕88号）：绩效目标审核的完整性"
    template = "表头缺少“{label}”，请填写。"
    config_keywords = ("required_header_fields",)

    def check(self, subject: TargetTable) -> Iterator[Finding]:
        for field in self.settings.required_header_fields:
            value = header_value(subject, field)
            if value is None or (isinstance(value, str) and not value.strip()):
                yield self.finding(at_table(subject, field), label=label(field))
