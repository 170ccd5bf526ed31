from __future__ import annotations

from collections.abc import Iterator

from ... import units
from ...findings import Finding, Severity
from ...model import TargetTable, UnitSource
from ...rules import register
from ..helpers import at, name_unit
from ..rule import TargetRule


@register
class NameUnitMismatch(TargetRule):
    """名称中的单位与指标值的单位不一致。

    检查内容：三级指标名称括号里写了单位（“（%）”“（万元）”），而指标值或上年完成值单元格写的是另一类量的
    单位（例如名称是百分比，值写“28.8万元”）。同一类量的不同单位（万元与亿元）可以换算，不报。

    为什么是问题：单位不一致时无法判断指标值到底是什么量，年终完成值也无法与之比较。

    反例：
        资金执行率（%） | 28.8万元。

    正例：
        资金执行率（%） | ≥90%。
    """

    code = "JX-M002"
    title = "名称中的单位与指标值的单位不一致"
    severity = Severity.ERROR
    citation = "财预〔2021〕101号：指标值应明确计量单位"
    template = "“{name}”的名称单位是“{expected}”，但{label}“{text}”的单位是“{unit}”，两者不是同一类量。"

    def check(self, subject: TargetTable) -> Iterator[Finding]:
        for indicator in subject.indicators:
            expected = name_unit(indicator)
            if expected is None:
                continue
            for field, label, value in (
                ("target", "指标值", indicator.target),
                ("prior", "上年完成值", indicator.prior),
            ):
                if value is None or value.unit is None or value.unit_source is not UnitSource.CELL:
                    continue
                if not units.same_dimension(expected, value.unit):
                    yield self.finding(
                        at(indicator, field),
                        name=indicator.name,
                        expected=expected,
                        label=label,
                        text=value.text,
                        unit=value.unit,
                    )
