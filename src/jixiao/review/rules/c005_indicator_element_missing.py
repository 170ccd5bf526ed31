from __future__ import annotations

from collections.abc import Iterator

from ...fields import label as field_label
from ...findings import Finding, Severity
from ...model import Indicator, TargetTable
from ...rules import register
from ..helpers import at, at_table
from ..rule import TargetRule


def element(indicator: Indicator, field: str) -> object:
    return getattr(indicator, field, None)


@register
class IndicatorElementMissing(TargetRule):
    """三级指标缺少必填要素。

    检查内容：每个三级指标是否有名称，以及配置 ``required_indicator_fields`` 列出的要素（全国默认：指标值、
    指标分值权重、指标值设置依据、指标赋分规则）。整列都没有填写时只报一次（表格缺少该列）。

    为什么是问题：没有指标值就无法考核，没有分值就无法自评打分，没有依据和赋分规则，审核人无法判断
    指标值是否合理、年终如何计分。

    反例：
        产出指标 / 数量指标 / 支持项目数量，指标值一栏空白。

    正例：
        支持项目数量 | 10个 | 计划标准 | 13个 | 8 | 按照完成比例赋分 | 正式资料。
    """

    code = "JX-C005"
    title = "三级指标缺少必填要素"
    severity = Severity.ERROR
    citation = "财预〔2015〕88号：绩效目标审核的完整性"
    template = "{what}"
    config_keywords = ("required_indicator_fields",)

    def check(self, subject: TargetTable) -> Iterator[Finding]:
        indicators = subject.indicators
        for indicator in indicators:
            if not indicator.name.strip():
                yield self.finding(at(indicator, "name"), what="有一行指标没有填写三级指标名称。")
        for field in self.settings.required_indicator_fields:
            label = field_label(field)
            missing = [
                ind
                for ind in indicators
                if element(ind, field) is None and not (field == "weight" and ind.parent is not None)
            ]  # a 其中… row is weighted with the indicator above it
            if not missing:
                continue
            if len(missing) == len(indicators) and len(indicators) > 1:
                yield self.finding(at_table(subject, field), what=f"所有三级指标都没有填写“{label}”（表格缺少此列）。")
                continue
            for indicator in missing:
                yield self.finding(at(indicator, field), what=f"“{indicator.name}”没有填写“{label}”。")
