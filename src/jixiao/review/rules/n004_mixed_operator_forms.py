from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ...findings import Finding, Severity
from ...model import Indicator, TargetTable
from ...rules import register
from ..helpers import at
from ..rule import TargetRule

#: How a comparison operator is written. A bare "=" has one form only and is left out.
_FORMS = (
    ("半角", re.compile(r"^\s*(?:>=|<=|=>|=<|>|<)")),
    ("全角", re.compile(r"^\s*[＞＜]")),
    ("数学符号", re.compile(r"^\s*[≥≤]")),
    ("变体符号", re.compile(r"^\s*[≧≦]")),
)
_MIXED_IN_CELL = re.compile(r"^\s*(?:[＞＜][=]|[<>][＝])")


def operator_form(text: str) -> str | None:
    for form, pattern in _FORMS:
        if pattern.match(text):
            return form
    return None


@register
class MixedOperatorForms(TargetRule):
    """比较符号写法不统一。

    检查内容：同一张表的指标值里，比较符号是否混用了半角（>=）、全角（＞＝）、数学符号（≥）和变体符号（≧、≦）
    等不同写法，或在一个单元格里混用全角和半角（＞=）。

    为什么是问题：含义不变，但不同写法会让检索、导入和人工核对出错（有的系统不认≦）；统一写法更规范。
    只作提示。

    反例：
        同一张表里既有“≥100000”又有“≦114352”。

    正例：
        全表统一写作“≥100000”“≤114352”。
    """

    code = "JX-N004"
    title = "比较符号写法不统一"
    severity = Severity.INFO
    citation = "项目支出绩效目标表填报说明：指标值应规范填写"
    template = "{what}"

    def check(self, subject: TargetTable) -> Iterator[Finding]:
        forms: list[tuple[Indicator, str]] = []
        for indicator in subject.indicators:
            text = indicator.target.text if indicator.target else ""
            if _MIXED_IN_CELL.match(text):
                yield self.finding(
                    at(indicator, "target"), what=f"“{indicator.name}”的指标值“{text}”混用了全角和半角符号。"
                )
            form = operator_form(text)
            if form is not None:
                forms.append((indicator, form))
        counted = Counter(form for _, form in forms)
        if len(counted) < 2:
            return
        usual = counted.most_common(1)[0][0]
        for indicator, form in forms:
            if form != usual:
                text = indicator.target.text if indicator.target else ""
                yield self.finding(
                    at(indicator, "target"),
                    what=f"“{indicator.name}”的指标值“{text}”用了{form}，表内其他指标多用{usual}。",
                )
