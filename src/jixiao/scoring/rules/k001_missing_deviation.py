"""JX-K001 可能完不成目标却未说明偏差原因."""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding, Location, Severity
from ...rules import register
from ..monitor import MonitorSheet
from ..rule import MonitorRule
from .common import CITATION_MONITORING


@register
class LikelyMissWithoutDeviation(MonitorRule):
    """可能完不成目标却未说明偏差原因。

    检查内容：完成目标可能性为“有可能”或“完全不可能”的指标，本行和表末的偏差原因分析是否都空白。

    为什么是问题：监控的目的是发现偏差并纠偏；判断可能完不成却不说原因、不提措施，纠偏无从谈起。

    反例：
        指标“项目完工进度”完成目标可能性“有可能”，偏差原因空白。

    正例：
        同上，偏差原因“设计变更待批复（制度保障）”，举措“已报送变更，预计 9 月复工”。
    """

    code = "JX-K001"
    title = "可能完不成目标却未说明偏差原因"
    severity = Severity.WARNING
    citation = CITATION_MONITORING
    template = "“{name}”完成目标可能性为“{likelihood}”，未填写偏差原因分析"
    config_keywords = ("deviation_required",)

    def check(self, subject: MonitorSheet) -> Iterator[Finding]:
        if subject.monitoring.deviation:
            return
        for watch in subject.indicators:
            item = watch.item
            if item.likelihood in self.settings.deviation_required and not item.deviation:
                yield self.finding(
                    Location(item.name, "deviation", item.indicator.source.row, None),
                    name=item.name,
                    likelihood=item.likelihood_text or item.likelihood.value,
                )
