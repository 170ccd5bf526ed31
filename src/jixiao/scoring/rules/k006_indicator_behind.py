"""JX-K006 指标进度落后."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ...findings import Finding, Location, Severity
from ...rules import register
from ..monitor import Light, MonitorSheet
from ..rule import MonitorRule
from .common import CITATION_MONITORING, percent


@register
class IndicatorBehindSchedule(MonitorRule):
    """指标进度落后。

    检查内容：数量型正向指标截至监控月份的完成比例是否落后于应达进度超过红灯阈值（未报完成目标可能性时）。

    为什么是问题：完成比例远低于时间进度，年底很可能完不成；单位又未给出可能性判断，需要提示其说明。

    反例：
        指标值 ≥2400人，1-6月完成 600人（25%），按时间进度应达 50%。

    正例：
        指标值 ≥2400人，1-6月完成 1300人（54.17%）。
    """

    code = "JX-K006"
    title = "指标进度落后"
    severity = Severity.WARNING
    citation = CITATION_MONITORING
    template = "“{name}”截至{month}月完成 {to_date}，为指标值 {target} 的 {progress}，按进度应达 {expected}（{light}）"

    def check(self, subject: MonitorSheet) -> Iterator[Finding]:
        for watch in subject.indicators:
            item = watch.item
            if watch.light != Light.RED or item.likelihood is not None or watch.progress is None:
                continue
            yield self.finding(
                Location(item.name, "actual_to_date", item.indicator.source.row, None),
                name=item.name,
                month=subject.month,
                to_date=item.to_date.text if item.to_date else "",
                target=item.indicator.target.text if item.indicator.target else "",
                progress=percent(watch.progress),
                expected=percent(subject.expected or Decimal(0)),
                light=Light.RED.label,
            )
