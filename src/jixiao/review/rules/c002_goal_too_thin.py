from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding, Severity
from ...model import TargetTable
from ...rules import register
from ..helpers import at_table, normalize
from ..rule import TargetRule


@register
class GoalTooThin(TargetRule):
    """年度总体目标过于简略。

    检查内容：年度（项目）总体目标去掉空白后的字数是否少于配置的 ``goal_min_chars``（全国默认 20 字）。
    目标缺失由 JX-C001 报告。

    为什么是问题：总体目标应说明资金用途、预期产出和效果，与三级指标相互对应；一句口号式的目标
    无法据以设置和审核指标（指向明确、具体细化的要求）。

    反例：
        年度总体目标：做好相关工作。

    正例：
        年度总体目标：保障45名外部董事薪酬按月足额发放，覆盖19户国有企业，年度支出不超过1236万元。
    """

    code = "JX-C002"
    title = "年度总体目标过于简略"
    severity = Severity.WARNING
    citation = "财预〔2015〕88号：绩效目标应指向明确、具体细化、合理可行"
    template = "年度总体目标只有{length}个字（“{goal}”），不足{minimum}字，看不出资金用途、产出和效果。"
    config_keywords = ("goal_min_chars",)

    def check(self, subject: TargetTable) -> Iterator[Finding]:
        goal = subject.overall_goal
        if not goal:
            return
        minimum = self.settings.goal_min_chars
        length = len(normalize(goal))
        if length < minimum:
            yield self.finding(at_table(subject, "overall_goal"), length=length, goal=goal.strip(), minimum=minimum)
