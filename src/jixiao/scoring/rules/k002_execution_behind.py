"""JX-K002 预算执行进度落后."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from ...findings import Finding, Location, Severity
from ...rules import register
from ..monitor import Light, MonitorSheet
from ..rule import MonitorRule
from .common import CITATION_MONITORING, num, percent


@register
class ExecutionBehindSchedule(MonitorRule):
    """预算执行进度落后。

    检查内容：截至监控月份的预算执行率是否落后于按时间（或配置的进度曲线）应达到的进度，落后超过黄灯阈值为黄灯，超过红灯阈值为红灯。

    为什么是问题：“双监控”要求预算执行进度与绩效目标同步；执行明显滞后，年底资金可能沉淀、目标可能落空。

    反例：
        1-6月执行 87.57 万元，年初预算 220 万元，执行率 39.80%，按时间进度应达 50%。

    正例：
        1-6月执行 115 万元，年初预算 220 万元，执行率 52.27%。
    """

    code = "JX-K002"
    title = "预算执行进度落后"
    severity = Severity.WARNING
    citation = CITATION_MONITORING
    template = (
        "1-{month}月执行 {executed}，占{label} {denominator} 的 {rate}，按进度应达 {expected}，"
        "落后 {gap} 个百分点（{light}）"
    )

    def check(self, subject: MonitorSheet) -> Iterator[Finding]:
        light, expected, rate = subject.budget_light, subject.expected, subject.rate
        if light not in (Light.YELLOW, Light.RED) or expected is None or rate is None:
            return  # a light is lit only where both are known
        budget = subject.monitoring.budget
        yield self.finding(
            Location(None, "budget.executed", budget.row, budget.column("executed_to_date")),
            severity=Severity.WARNING if light is Light.RED else Severity.INFO,
            month=subject.month,
            executed=num(budget.executed),
            label=subject.denominator_label,
            denominator=num(subject.denominator),
            rate=percent(rate),
            expected=percent(expected),
            gap=(expected - rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
            light=light.label,
        )
