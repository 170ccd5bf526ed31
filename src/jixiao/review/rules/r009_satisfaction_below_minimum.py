from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding, Severity
from ...model import TargetTable
from ...rules import register
from ..helpers import at, is_ratio, is_satisfaction
from ..rule import TargetRule


@register
class SatisfactionBelowMinimum(TargetRule):
    """满意度指标值低于最低要求。

    检查内容：满意度指标以百分比计的指标值（区间取下限）是否低于配置的 ``satisfaction_minimum``（全国默认80%）。

    为什么是问题：满意度是公共服务质量的底线；目标定得过低，等于事先接受大量服务对象不满意。

    反例：
        受益群众满意度 | ≥70%。

    正例：
        受益群众满意度 | ≥85%。
    """

    code = "JX-R009"
    title = "满意度指标值低于最低要求"
    severity = Severity.WARNING
    citation = "项目支出绩效目标设置通行做法：服务对象满意度一般不低于80%"
    template = "满意度指标“{name}”的指标值“{text}”低于最低要求 {minimum}%。"
    config_keywords = ("satisfaction_minimum",)

    def check(self, subject: TargetTable) -> Iterator[Finding]:
        minimum = self.settings.satisfaction_minimum
        for indicator in subject.indicators:
            target = indicator.target
            if not is_satisfaction(indicator) or target is None or target.value is None or not is_ratio(target):
                continue
            if target.operator is not None and target.operator.is_reverse:
                continue
            if target.value < minimum:
                yield self.finding(at(indicator, "target"), name=indicator.name, text=target.text, minimum=minimum)
