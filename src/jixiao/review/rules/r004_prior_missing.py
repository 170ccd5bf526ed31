from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding, Severity
from ...model import Indicator, TargetTable
from ...rules import register
from ..helpers import at, at_table, is_cost, normalize
from ..rule import TargetRule

HISTORY = "历史标准"


def _zero_is_odd(indicator: Indicator) -> bool:
    """A 0 last year is a real result for a reverse target (事故发生率 ≤0.5‰), not for a cost or a positive one."""
    target = indicator.target
    reverse = target is not None and target.operator is not None and target.operator.is_reverse
    return not reverse or is_cost(indicator)


@register
class PriorMissing(TargetRule):
    """缺少可比的上年完成值。

    检查内容：整张表都没有填上年完成值（报一次）；或指标值设置依据是“历史标准”而上年完成值空白或为0；
    或指标值是正数而上年完成值写“0”（多半是占位，不是真实的上年数）；反向指标（事故率≤0.5‰）上年为0是真实结果，
    不报，成本指标除外。

    为什么是问题：上年完成值是判断目标是否合理、是否低于历史水平的依据；以历史标准定值却不给历史数，
    审核人无从核对。新设项目可以没有上年数，所以只作提示。

    反例：
        利润总额（万元） | ≥100000 | 历史标准 | 上年完成值空白。

    正例：
        利润总额（万元） | ≥136300 | 历史标准 | 136280.98。
    """

    code = "JX-R004"
    title = "缺少可比的上年完成值"
    severity = Severity.INFO
    citation = "财预〔2021〕101号：历史标准以上年或近几年的实际完成值为参照"
    template = "{what}"

    def check(self, subject: TargetTable) -> Iterator[Finding]:
        indicators = subject.indicators
        if len(indicators) > 1 and all(ind.prior is None for ind in indicators):
            yield self.finding(at_table(subject, "prior"), what="整张表没有填写上年完成值，无法与历史水平比较。")
            return
        for indicator in indicators:
            prior, target = indicator.prior, indicator.target
            zero = prior is not None and prior.value is not None and prior.value == 0
            if indicator.basis and normalize(indicator.basis) == HISTORY and (prior is None or zero):
                shown = "为0" if zero else "空白"
                what = f"“{indicator.name}”以历史标准定值，上年完成值却{shown}。"
                yield self.finding(at(indicator, "prior"), what=what)
            elif (
                zero
                and target is not None
                and target.value is not None
                and target.value > 0
                and _zero_is_odd(indicator)
            ):
                what = f"“{indicator.name}”的指标值是“{target.text}”，上年完成值却写“0”，请填写实际的上年数。"
                yield self.finding(at(indicator, "prior"), what=what)
