from __future__ import annotations

from collections.abc import Iterator

from ... import units
from ...cells import decimal_text
from ...findings import Finding, Severity
from ...model import TargetTable
from ...rules import register
from ..helpers import at, is_cost
from ..rule import TargetRule


@register
class CostAboveFunding(TargetRule):
    """成本指标超过项目资金总额。

    检查内容：成本指标（一级成本指标，或旧体系中产出指标下的成本指标）以金额计（元、万元、亿元，不含
    “元/人”这类单价），换算到表头资金单位后超过年度预算总额。

    为什么是问题：成本指标是花钱的上限，超过全部资金就失去约束作用，说明成本测算或资金填写有误
    （适当性：资金规模与产出相匹配）。

    反例：
        年度预算总额 1236 万元；项目支出（万元） | ≤1500。

    正例：
        年度预算总额 1236 万元；项目支出（万元） | ≤1236。
    """

    code = "JX-R003"
    title = "成本指标超过项目资金总额"
    severity = Severity.ERROR
    citation = "财预〔2021〕101号：成本指标反映预算资金的投入规模"
    template = "成本指标“{name}”的指标值“{text}”（{value}{unit}）超过年度预算总额 {total}{unit}。"

    def check(self, subject: TargetTable) -> Iterator[Finding]:
        total, unit = subject.funding.total, subject.funding.unit
        if total is None:
            return
        for indicator in subject.indicators:
            target = indicator.target
            if not is_cost(indicator) or target is None or target.value is None or target.unit is None:
                continue
            if units.dimension(target.unit) != units.MONEY or units.dimension(unit) != units.MONEY:
                continue
            value = units.convert(target.upper if target.upper is not None else target.value, target.unit, unit)
            if value > total:
                shown = decimal_text(value)
                yield self.finding(
                    at(indicator, "target"), name=indicator.name, text=target.text, value=shown, unit=unit, total=total
                )
