from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding, Severity
from ...model import Kind, TargetTable
from ...rules import register
from ..helpers import at, is_satisfaction, vocabulary_items
from ..rule import TargetRule

PROPORTIONAL = "按照完成比例赋分"
SATISFACTION_SCORING = "满意度赋分"


@register
class ScoringRuleMismatch(TargetRule):
    """赋分规则与指标值不匹配。

    检查内容：定性指标值（如“有效提升”）却选了“按照完成比例赋分”（错误）；满意度指标以外的指标选了
    “满意度赋分”（警告）。

    为什么是问题：定性目标没有可计算的完成比例，年终无法按比例计分；满意度赋分只适用于满意度调查结果。

    反例：
        提升公司社会影响力 | 有效提升 | 按照完成比例赋分。

    正例：
        提升公司社会影响力 | 有效提升 | 直接赋分。
    """

    code = "JX-R007"
    title = "赋分规则与指标值不匹配"
    severity = Severity.ERROR
    citation = "财预〔2020〕10号：定量指标按完成比例计分，定性指标按达成程度分档计分"
    template = "{what}"

    def check(self, subject: TargetTable) -> Iterator[Finding]:
        for indicator in subject.indicators:
            named = vocabulary_items(indicator.scoring_rule or "", (PROPORTIONAL, SATISFACTION_SCORING))
            rule = named[0] if len(named) == 1 else None
            target = indicator.target
            if rule == PROPORTIONAL and target is not None and target.kind is Kind.QUALITATIVE:
                what = (
                    f"“{indicator.name}”的指标值“{target.text}”是定性描述，不能“{PROPORTIONAL}”，"
                    "应改为直接赋分或分档赋分。"
                )
                yield self.finding(at(indicator, "scoring_rule"), what=what)
            elif rule == SATISFACTION_SCORING and not is_satisfaction(indicator):
                what = f"“{indicator.name}”不是满意度指标，却选了“{SATISFACTION_SCORING}”。"
                yield self.finding(at(indicator, "scoring_rule"), severity=Severity.WARNING, what=what)
