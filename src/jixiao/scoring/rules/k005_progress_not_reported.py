"""JX-K005 指标未报告执行情况."""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding, Location, Severity
from ...rules import register
from ..monitor import MonitorSheet
from ..rule import MonitorRule
from .common import CITATION_MONITORING


@register
class ProgressNotReported(MonitorRule):
    """指标未报告执行情况。

    检查内容：有年度指标值的指标，执行情况（1-N月完成值）和完成目标可能性是否都空白。

    为什么是问题：监控表要逐项说明绩效目标实现程度；两者都空白，这一指标就没有被监控。

    反例：
        指标“开展活动场次”指标值 5场，半年度执行情况与完成目标可能性均空白。

    正例：
        同上，半年度执行情况“已举办 3 场”，完成目标可能性“确定能”。
    """

    code = "JX-K005"
    title = "指标未报告执行情况"
    severity = Severity.INFO
    citation = CITATION_MONITORING
    template = "“{name}”（指标值 {target}）未填写执行情况和完成目标可能性"

    def check(self, subject: MonitorSheet) -> Iterator[Finding]:
        for watch in subject.indicators:
            item = watch.item
            target = item.indicator.target
            if target is not None and item.to_date is None and item.likelihood is None and item.forecast is None:
                yield self.finding(
                    Location(item.name, "actual_to_date", item.indicator.source.row, None),
                    name=item.name,
                    target=target.text,
                )
