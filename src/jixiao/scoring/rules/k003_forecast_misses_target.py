"""JX-K003 预计全年完成值达不到指标值."""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding, Location, Severity
from ...rules import register
from ..monitor import MonitorSheet
from ..rule import MonitorRule
from .common import CITATION_MONITORING


@register
class ForecastMissesTarget(MonitorRule):
    """预计全年完成值达不到指标值。

    检查内容：指标的全年预计完成值是否达不到年度指标值。

    为什么是问题：预计完不成的目标要在年中纠偏：调整实施计划、申请调整目标或预算；否则年底自评必然失分。

    反例：
        指标值 ≥2400人，全年预计完成值 2000人。

    正例：
        指标值 ≥2400人，全年预计完成值 2500人。
    """

    code = "JX-K003"
    title = "预计全年完成值达不到指标值"
    severity = Severity.WARNING
    citation = CITATION_MONITORING
    template = "“{name}”全年预计完成值 {forecast} 达不到指标值 {target}"

    def check(self, subject: MonitorSheet) -> Iterator[Finding]:
        for watch in subject.indicators:
            item = watch.item
            if watch.forecast is not None and watch.forecast.missed_target and item.forecast and item.indicator.target:
                yield self.finding(
                    Location(item.name, "forecast", item.indicator.source.row, None),
                    name=item.name,
                    forecast=item.forecast.text,
                    target=item.indicator.target.text,
                )
