from __future__ import annotations

from collections.abc import Iterator

from ...cells import decimal_text
from ...findings import Finding, Severity
from ...model import Operator, TargetTable
from ...rules import register
from ..helpers import at, compare, garbled_operator, is_ratio, is_satisfaction, looks_like_fraction, normalize
from ..rule import TargetRule

INDUSTRY_STANDARD = "行业标准"


@register
class TargetBelowPrior(TargetRule):
    """正向指标值低于上年完成值。

    检查内容：正向指标（≥、>，以及以百分比计的“=”目标，如完工进度45%）的指标值低于上年完成值，
    单位不同时先换算（≥21亿元 与 335033.29万元、≥50000人 与 9.9万人）。以下情形不报：以个数计的“=”目标
    （按计划安排的确定数量，如支持10户企业）；不低于配置 ``satisfaction_minimum`` 的满意度目标（按标准线设置）；
    指标值设置依据为“行业标准”的目标（按国家或行业公布的标准线设置，如水土流失治理率≥95%，上年96%）；
    疑似小数或“≥”误录的值（由 JX-M003、JX-M005 报告）。

    为什么是问题：目标低于上年已经达到的水平，说明目标设置保守、缺乏挑战性；财政审核要求“不得无故
    低于历史水平”，确需下调的应说明理由。

    反例：
        利润总额（万元） | ≥100000 | 历史标准 | 上年完成值 136280.98。

    正例：
        利润总额（万元） | ≥136300 | 历史标准 | 上年完成值 136280.98。
    """

    code = "JX-R001"
    title = "正向指标值低于上年完成值"
    severity = Severity.WARNING
    citation = "财预〔2021〕101号：指标值原则上不低于历史水平，确需降低的应说明理由"
    template = "“{name}”的指标值“{target}”低于上年完成值“{prior}”{converted}，请说明下调理由或调高目标。"
    config_keywords = ("satisfaction_minimum",)

    def check(self, subject: TargetTable) -> Iterator[Finding]:
        minimum = self.settings.satisfaction_minimum
        for indicator in subject.indicators:
            target, prior = indicator.target, indicator.prior
            if target is None or prior is None or target.value is None:
                continue
            if target.operator not in (Operator.GE, Operator.GT) and not (
                target.operator is Operator.EQ and is_ratio(target)
            ):
                continue
            if is_satisfaction(indicator) and target.value >= minimum:
                continue
            if indicator.basis and normalize(indicator.basis) == INDUSTRY_STANDARD:
                continue
            if looks_like_fraction(target, indicator.name) or garbled_operator(target, prior) is not None:
                continue
            if compare(target, prior) == -1:
                converted = ""
                in_target_unit = prior.in_unit(target.unit).value if prior.unit and target.unit else None
                if in_target_unit is not None and prior.unit != target.unit:
                    converted = f"（即{decimal_text(in_target_unit, 2)}{target.unit}）"
                yield self.finding(
                    at(indicator, "target"),
                    name=indicator.name,
                    target=target.text,
                    prior=prior.text,
                    converted=converted,
                )
