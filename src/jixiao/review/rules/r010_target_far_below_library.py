from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, cast

from ...cells import decimal_text
from ...findings import Finding, Severity
from ...model import Kind, Operator, TargetTable
from ...rules import register
from ..helpers import at, garbled_operator, is_ratio, looks_like_fraction
from ..rule import TargetRule

if TYPE_CHECKING:
    from ...library import Library

POSITIVE = (Operator.GE, Operator.GT, Operator.EQ, Operator.RANGE)


@register
class TargetFarBelowLibrary(TargetRule):
    """指标值远低于指标库常见值。

    检查内容：只在给出指标库时检查（``jixiao review --library 指标库.sqlite``）。正向指标（≥、>、=、区间取下限）的
    指标值与指标库中同一二级指标、同一名称组（如“群众满意度”与“服务对象满意度”）的指标值相比：同类项目的指标值
    足够多时按同类项目，否则按各类项目合并；指标库中至少有配置 ``library_gap.min_targets`` 个同类单位的指标值，
    且本表的值低于它们下四分位数的 ``library_gap.share`` 倍（百分比指标：比下四分位数低 ``library_gap.points``
    个百分点以上）。单位换算后比较（万元与亿元）；疑似小数或“≥”误录的值不报（由 JX-M003、JX-M005 报告）。

    为什么是问题：同一个指标，别的单位和往年普遍定得高得多，这个目标很可能定得过低、缺乏挑战性，或是单位、
    数量级填错了；审核时应请单位说明依据。

    反例：
        服务对象满意度指标 | 群众满意度 | ≥60%，指标库中同类指标值为 ≥85%～≥95%（下四分位 90%）。

    正例：
        服务对象满意度指标 | 群众满意度 | ≥90%。
    """

    code = "JX-R010"
    title = "指标值远低于指标库常见值"
    severity = Severity.WARNING
    citation = "财预〔2021〕101号：绩效指标值应参考历史水平、行业标准和同类项目合理设定"
    template = (
        "“{name}”的指标值“{target}”远低于指标库中同类指标的常见值：{count} 个指标值，"
        "中位数 {median}{unit}，四分位 {q1}–{q3}{unit}；请核实目标是否定得过低或单位填错。"
    )
    config_keywords = ("library_min_targets", "library_share", "library_points")
    requires = ("library",)

    def check(self, subject: TargetTable) -> Iterator[Finding]:
        library = cast("Library", self.references["library"])
        for indicator in subject.indicators:
            target = indicator.target
            if target is None or target.value is None or target.kind is not Kind.NUMBER:
                continue
            if target.operator not in POSITIVE or target.value <= 0:
                continue
            if looks_like_fraction(target, indicator.name) or garbled_operator(target, indicator.prior) is not None:
                continue
            entry = library.typical_for(indicator.level2, indicator.name, subject.project_name)
            typical = entry.typical_in(target.unit) if entry else None
            if typical is None or typical.count < self.settings.library_min_targets:
                continue
            if not self._far_below(target.value, typical.q1, ratio=is_ratio(target)):
                continue
            yield self.finding(
                at(indicator, "target"),
                name=indicator.name,
                target=target.text,
                count=typical.count,
                median=decimal_text(typical.median, 2),
                q1=decimal_text(typical.q1, 2),
                q3=decimal_text(typical.q3, 2),
                unit=typical.unit or "",
            )

    def _far_below(self, value: Decimal, q1: Decimal, *, ratio: bool) -> bool:
        if ratio:
            return value < q1 - self.settings.library_points
        return value < q1 * self.settings.library_share
