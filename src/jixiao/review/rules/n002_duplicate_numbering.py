from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding, Severity
from ...model import TargetTable
from ...rules import register
from ..helpers import at
from ..rule import TargetRule


@register
class DuplicateNumbering(TargetRule):
    """同一二级指标下编号重复。

    检查内容：同一个二级指标下，“指标1：”“指标2：”这样的编号是否出现两次。

    为什么是问题：编号是指标在系统中的位置；重复编号通常是复制粘贴后漏改，导入系统时后一条会覆盖
    前一条，或让审核意见指错指标。

    反例：
        满意度指标下“指标1：国有企业满意率”“指标1：国有企业外部董事满意度”。

    正例：
        满意度指标下“指标1：国有企业满意率”“指标2：国有企业外部董事满意度”。
    """

    code = "JX-N002"
    title = "同一二级指标下编号重复"
    severity = Severity.WARNING
    citation = "项目支出绩效目标表填报说明：三级指标按二级指标分别顺序编号"
    template = "“{level2}”下已有“指标{number}：{first}”，“指标{number}：{name}”重复使用了编号{number}。"

    def check(self, subject: TargetTable) -> Iterator[Finding]:
        seen: dict[tuple[str | None, str | None, str], str] = {}
        for indicator in subject.indicators:
            if indicator.number is None:
                continue
            key = (indicator.level1, indicator.level2, indicator.number)
            if key in seen:
                yield self.finding(
                    at(indicator, "name"),
                    level2=indicator.level2 or indicator.level1 or "",
                    number=indicator.number,
                    first=seen[key],
                    name=indicator.name,
                )
            else:
                seen[key] = indicator.name
