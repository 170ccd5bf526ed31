from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ...cells import decimal_text
from ...findings import Finding, Severity
from ...model import TargetTable
from ...rules import register
from ..helpers import at_table, bare_name
from ..rule import TargetRule

_EXECUTION = ("预算执行率", "资金执行率", "预算资金执行率")


@register
class WeightTotal(TargetRule):
    """指标分值合计不等于规定总分。

    检查内容：全部三级指标的分值之和是否等于配置的 ``weights.indicators``（全国为90分，另10分给预算执行率；湖北80分）。
    若表中单列了预算执行率指标且其分值等于 ``weights.budget_execution``，合计为100分也认可。“其中”分项不另计。
    有指标未填分值时（由 JX-C005 报告），已填分值的合计超过 100 分（规定总分加预算执行率分值）才报。

    为什么是问题：自评总分按“预算执行率10分 + 指标90分”计算；分值合计不对，年终得分和等级就会失真。

    反例：
        八个指标分值合计 85 分。

    正例：
        八个指标分值合计 90 分。
    """

    code = "JX-R005"
    title = "指标分值合计不等于规定总分"
    severity = Severity.ERROR
    citation = "财预〔2020〕10号《项目支出绩效评价管理办法》：预算执行率10分，产出、效益、满意度指标合计90分"
    template = "三级指标分值合计 {total} 分，应为 {expected} 分。"
    config_keywords = ("budget_execution_weight", "indicator_weight_total")

    def check(self, subject: TargetTable) -> Iterator[Finding]:
        indicators = [ind for ind in subject.indicators if ind.parent is None]
        if not indicators:
            return
        total = sum((ind.weight for ind in indicators if ind.weight is not None), Decimal(0))
        expected = self.settings.indicator_weight_total
        if total == expected:
            return
        unprinted = any(ind.weight is None for ind in indicators)
        if unprinted and total <= expected + self.settings.budget_execution_weight:
            return  # some weights unprinted: only a sum already past everything allowed is certain to be wrong
        with_execution = expected + self.settings.budget_execution_weight
        has_execution = any(
            any(word in bare_name(ind.name) for word in _EXECUTION)
            and ind.weight == self.settings.budget_execution_weight
            for ind in indicators
        )
        if has_execution and total == with_execution:
            return
        yield self.finding(at_table(subject, "weight"), total=decimal_text(total), expected=decimal_text(expected))
