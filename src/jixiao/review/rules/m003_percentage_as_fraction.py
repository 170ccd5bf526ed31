from __future__ import annotations

from collections.abc import Iterator

from ...cells import decimal_text
from ...findings import Finding, Severity
from ...model import TargetTable
from ...rules import register
from ..helpers import at, looks_like_fraction
from ..rule import TargetRule


@register
class PercentageAsFraction(TargetRule):
    """百分比指标的值疑似写成了小数。

    检查内容：名称表明单位是“%”，指标值只写了一个不大于1的数、没有写“%”（例如“1”“0.95”），且不是反向指标。
    增长、下降、提高一类变化率和利率、费率、收益率本来就可能小于1%，不报。

    为什么是问题：多半是把100%写成了1、把95%写成了0.95；按字面理解目标只有1%，年终自评会出现
    “完成10000%”一类的荒谬结果。

    反例：
        财政资金执行率（%） | 1。

    正例：
        财政资金执行率（%） | 100%。
    """

    code = "JX-M003"
    title = "百分比指标的值疑似写成了小数"
    severity = Severity.WARNING
    citation = "财预〔2021〕101号：指标值应明确计量单位"
    template = "“{name}”以“%”计，指标值却是“{text}”，按字面只有{value}%，是否应为{meant}%？"

    def check(self, subject: TargetTable) -> Iterator[Finding]:
        for indicator in subject.indicators:
            target = indicator.target
            if target is None or not looks_like_fraction(target, indicator.name) or target.value is None:
                continue
            meant = decimal_text(target.value * 100)
            yield self.finding(
                at(indicator, "target"), name=indicator.name, text=target.text, value=target.value, meant=meant
            )
