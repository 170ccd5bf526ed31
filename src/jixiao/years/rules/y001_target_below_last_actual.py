from __future__ import annotations

from collections.abc import Iterator

from ...cells import decimal_text
from ...findings import Finding, Severity
from ...model import Operator
from ...review.helpers import at, compare, garbled_operator, is_ratio, is_satisfaction, looks_like_fraction, normalize
from ...rules import register
from ..history import History, Step
from ..rule import HistoryRule

INDUSTRY_STANDARD = "行业标准"


@register
class TargetBelowLastActual(HistoryRule):
    """指标值低于上年自评实际完成值。

    检查内容：同一项目相邻两年的同一指标（按名称关联，见 ``jixiao diff``），今年的正向指标值（≥、>，以及以百分比计的
    “=”）低于上年自评表中的实际完成值；反向指标（≤、<）的指标值高于上年实际完成值。比的是上年自评表里的实际值，
    不是今年表中自己填写的“上年完成值”。单位不同时先换算。与 JX-R001 相同的情形不报：以个数计的“=”目标、
    不低于 ``satisfaction_minimum`` 的满意度目标、依据为“行业标准”的目标、疑似小数或“≥”误录的值。

    为什么是问题：上年已经做到的水平，今年的目标却定在它之下，是把目标定低、保证“完成”的做法；表中填写的上年
    完成值可能与上年自评不一致，只有对照上年自评才看得出来。

    反例：
        2023年自评：危房改造户数 ≥3000户，实际完成 2850户；2024年目标表：危房改造户数 ≥2800户（上年完成值写 2700户）。

    正例：
        2024年目标表：危房改造户数 ≥2900户。
    """

    code = "JX-Y001"
    title = "指标值低于上年自评实际完成值"
    severity = Severity.WARNING
    citation = "财预〔2021〕101号：指标值原则上不低于历史水平，确需降低的应说明理由"
    template = (
        "“{name}”{year}的指标值“{target}”{relation}{last}自评的实际完成值“{actual}”{converted}"
        "（表中的上年完成值为“{prior}”），请说明理由或调整目标。"
    )
    config_keywords = ("satisfaction_minimum",)

    def check(self, subject: History) -> Iterator[Finding]:
        for lineage in subject.lineages:
            for before, now in zip(lineage.steps, lineage.steps[1:], strict=False):
                if now.year.year - before.year.year == 1 and (finding := self._pair(before, now)) is not None:
                    yield finding

    def _pair(self, before: Step, now: Step) -> Finding | None:
        indicator, target = now.indicator, now.indicator.target
        actual = before.result.actual if before.result else None
        if target is None or actual is None or target.value is None or actual.value is None:
            return None
        reverse = target.operator in (Operator.LE, Operator.LT)
        positive = target.operator in (Operator.GE, Operator.GT) or (
            target.operator is Operator.EQ and is_ratio(target)
        )
        if not positive and not reverse:
            return None
        if is_satisfaction(indicator) and target.value >= self.settings.satisfaction_minimum:
            return None
        if indicator.basis and normalize(indicator.basis) == INDUSTRY_STANDARD:
            return None
        if looks_like_fraction(target, indicator.name) or garbled_operator(target, actual) is not None:
            return None
        if compare(target, actual) != (1 if reverse else -1):
            return None
        converted = ""
        if actual.unit and target.unit and actual.unit != target.unit:
            converted = f"（即{decimal_text(actual.in_unit(target.unit).value, 2)}{target.unit}）"
        return self.finding(
            at(indicator, "target"),
            name=indicator.name,
            year=now.year.name,
            target=target.text,
            relation="高于" if reverse else "低于",
            last=before.year.name,
            actual=actual.text,
            converted=converted,
            prior=indicator.prior.text if indicator.prior else "未填",
        )
