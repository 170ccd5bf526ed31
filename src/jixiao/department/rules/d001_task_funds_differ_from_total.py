"""JX-D001 年度主要任务资金合计与预算总额不符."""

from __future__ import annotations

from collections.abc import Iterator

from ...cells import decimal_text
from ...findings import Finding, Location, Severity
from ...rules import register
from ..rule import DepartmentRule
from ..scoring import DepartmentSheet


@register
class TaskFundsDifferFromTotal(DepartmentRule):
    """年度主要任务资金合计与预算总额不符。

    检查内容：部门整体支出绩效目标表的年度主要任务各自列了资金时，它们的合计是否等于表头的预算支出总额
    （相差不超过配置的容差）。

    为什么是问题：年度主要任务应覆盖部门全部预算支出；合计对不上，说明漏列了任务、重复计算了资金，
    或总额填错，绩效目标就与预算脱节。

    反例：
        预算支出总额 1695.55 万元；任务：基本支出 1478.75、项目支出1 100、项目支出2 50（合计 1628.75）。

    正例：
        预算支出总额 1695.55 万元；任务：基本支出 1478.75、项目支出1 166.80、项目支出2 50（合计 1695.55）。
    """

    code = "JX-D001"
    title = "年度主要任务资金合计与预算总额不符"
    severity = Severity.WARNING
    citation = "《中央部门预算绩效目标管理办法》（财预〔2015〕88号）第十条：部门整体支出绩效目标应与部门预算相匹配"
    template = "年度主要任务资金合计 {tasks} {unit}，预算支出总额 {total} {unit}，相差 {gap} {unit}"
    config_keywords = ("funds_tolerance",)

    def check(self, subject: DepartmentSheet) -> Iterator[Finding]:
        tasks, total = subject.tasks_funds, subject.total_funds
        if tasks is None or total is None or abs(tasks - total) <= self.settings.funds_tolerance:
            return
        yield self.finding(
            Location(field="tasks", row=subject.tasks_row),
            tasks=decimal_text(tasks),
            total=decimal_text(total),
            gap=decimal_text(abs(tasks - total)),
            unit=subject.funds_unit,
        )
