from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding, Severity
from ...model import Operator, TargetTable
from ...rules import register
from ..helpers import at, compare
from ..rule import TargetRule


@register
class ReverseTargetAlreadyBroken(TargetRule):
    """反向指标上年实际已超出目标值。

    检查内容：反向指标（≤、<，越小越好，如费率、代偿率、成本标准）的上年完成值已经超出本年指标值，单位不同时
    先换算（≤4.5万元/月、人 与 39075元/月、人）。

    为什么是问题：上年实际已经高于上限，今年的上限要么无法实现（可行性存疑），要么与实际执行的标准
    不符（如薪酬标准低于实际发放额）；应说明压降措施，或按实际标准修改。

    反例：
        担保费率 | ≤1% | 上年完成值 1.13%。

    正例：
        担保费率 | ≤1.2% | 上年完成值 1.13%；或保留≤1%并在依据中说明降费措施。
    """

    code = "JX-R002"
    title = "反向指标上年实际已超出目标值"
    severity = Severity.WARNING
    citation = "财预〔2015〕88号：绩效目标审核的可行性"
    template = "“{name}”的指标值“{target}”是上限，但上年完成值“{prior}”已经超出，请说明如何压降或修改上限。"

    def check(self, subject: TargetTable) -> Iterator[Finding]:
        for indicator in subject.indicators:
            target, prior = indicator.target, indicator.prior
            if target is None or prior is None or target.operator not in (Operator.LE, Operator.LT):
                continue
            order = compare(target, prior)
            if order == -1 or (order == 0 and target.operator is Operator.LT):
                yield self.finding(at(indicator, "target"), name=indicator.name, target=target.text, prior=prior.text)
