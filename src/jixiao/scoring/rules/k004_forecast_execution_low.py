"""JX-K004 预计全年执行数偏低."""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding, Location, Severity
from ...rules import register
from ..monitor import MonitorSheet
from ..rule import MonitorRule
from .common import CITATION_MONITORING, num, percent


@register
class ForecastExecutionLow(MonitorRule):
    """预计全年执行数偏低。

    检查内容：表中填写的全年预计执行数占预算数的比例是否低于配置的下限（默认 90%）。

    为什么是问题：预计年底执行不足，说明资金可能结余沉淀；应在年中说明原因、调整预算或加快执行。

    反例：
        全年预算 220 万元，全年预计执行数 150 万元（68.18%）。

    正例：
        全年预算 220 万元，全年预计执行数 218 万元（99.09%）。
    """

    code = "JX-K004"
    title = "预计全年执行数偏低"
    severity = Severity.WARNING
    citation = CITATION_MONITORING
    template = "全年预计执行数 {forecast} 仅占{label} {denominator} 的 {rate}，低于 {minimum}"
    config_keywords = ("forecast_execution_min",)

    def check(self, subject: MonitorSheet) -> Iterator[Finding]:
        rate, minimum = subject.forecast_rate, self.settings.forecast_execution_min
        if subject.forecast_projected or rate is None or rate >= minimum:
            return
        budget = subject.monitoring.budget
        yield self.finding(
            Location(None, "budget.forecast", budget.row, budget.column("forecast")),
            forecast=num(subject.forecast_execution),
            label=subject.denominator_label,
            denominator=num(subject.denominator),
            rate=percent(rate),
            minimum=percent(minimum),
        )
