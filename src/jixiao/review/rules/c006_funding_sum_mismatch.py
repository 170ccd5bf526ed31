from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding, Severity
from ...model import TargetTable
from ...rules import register
from ..helpers import at_table
from ..rule import TargetRule


@register
class FundingSumMismatch(TargetRule):
    """资金总额与来源合计不符。

    检查内容：年度预算总额、财政拨款、其他资金都填了数时，总额是否等于财政拨款加其他资金；只填了
    总额和财政拨款时，财政拨款是否超过总额。

    为什么是问题：资金数是审核适当性（资金规模与产出是否匹配）的基础；合计不符说明有一处填错，
    批复的预算和目标表对不上。

    反例：
        年度预算总额 32260，财政拨款 2260，其他资金 3000。

    正例：
        年度预算总额 32260，财政拨款 2260，其他资金 30000。
    """

    code = "JX-C006"
    title = "资金总额与来源合计不符"
    severity = Severity.ERROR
    citation = "财预〔2015〕88号：绩效目标与预算资金相匹配"
    template = "{what}（单位：{unit}）。"

    def check(self, subject: TargetTable) -> Iterator[Finding]:
        funding = subject.funding
        where = at_table(subject, "funding.total")
        if funding.total is None or funding.fiscal is None:
            return
        if funding.other is not None:
            parts = funding.fiscal + funding.other
            if parts != funding.total:
                yield self.finding(
                    where,
                    what=f"年度预算总额 {funding.total_text} ≠ 财政拨款 {funding.fiscal_text} + 其他资金 "
                    f"{funding.other_text} = {parts}",
                    unit=funding.unit,
                )
        elif funding.fiscal > funding.total:
            yield self.finding(
                where,
                what=f"财政拨款 {funding.fiscal_text} 超过年度预算总额 {funding.total_text}",
                unit=funding.unit,
            )
