from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding, Severity
from ...model import TargetTable
from ...rules import register
from ..helpers import at, is_satisfaction, is_satisfaction_measure, is_satisfaction_name
from ..rule import TargetRule


@register
class SatisfactionMisfiled(TargetRule):
    """满意度指标归类错误。

    检查内容：名称含“满意”的指标放在了满意度指标以外的一级下；或满意度指标下放了名称与满意无关的指标
    （好评率、认可度、认同度、投诉、评价一类反映服务对象感受的指标可以放在满意度指标下）。

    为什么是问题：满意度指标单独计分（全国通常10分），归错类会使一级指标的分值结构失真，自评时也会按错误的
    规则打分。

    反例：
        效益指标 / 社会效益指标 / 群众满意度；满意度指标 / 满意度指标 / 培训人数。

    正例：
        满意度指标 / 服务对象满意度指标 / 群众满意度；产出指标 / 数量指标 / 培训人数。
    """

    code = "JX-R006"
    title = "满意度指标归类错误"
    severity = Severity.ERROR
    citation = "财预〔2021〕101号：满意度指标反映服务对象对项目实施效果的认可程度"
    template = "{what}"

    def check(self, subject: TargetTable) -> Iterator[Finding]:
        for indicator in subject.indicators:
            named = is_satisfaction_name(indicator.name)
            filed = is_satisfaction(indicator)
            if named and not filed:
                what = f"“{indicator.name}”是满意度指标，却放在“{indicator.level1 or ''}”下，应移到满意度指标。"
                yield self.finding(at(indicator, "level1"), what=what)
            elif filed and not is_satisfaction_measure(indicator.name) and indicator.name:
                what = f"“{indicator.name}”不是满意度指标，却放在满意度指标下。"
                yield self.finding(at(indicator, "level1"), what=what)
