from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding, Severity
from ...model import Indicator, Kind, TargetTable
from ...rules import register
from ..helpers import at, bare_name, name_unit
from ..rule import TargetRule


def implies_number(indicator: Indicator, words: tuple[str, ...]) -> str | None:
    """The word or bracketed unit in the name that asks for a number, or None."""
    unit = name_unit(indicator)
    if unit is not None:
        return f"（{unit}）"
    name = bare_name(indicator.name)
    for word in words:
        if name.endswith(word) or (len(word) > 1 and word in name):
            return word
    return None


@register
class QualitativeWhereNumberImplied(TargetRule):
    """名称要求数值但指标值是定性描述。

    检查内容：三级指标名称以“率、数、额”结尾，含“占比、比例、数量、满意度”（配置 ``numeric_name_words``），
    或括号里写了单位（“（%）”“（万元）”），而指标值是一句定性的话。

    为什么是问题：名称已经说明这是一个可以计量的量，写成定性描述就无法在年终比较完成值，只能主观打分，
    违反“能量化的尽量量化”的要求。

    反例：
        资金拨付及时率 | 及时拨付。

    正例：
        资金拨付及时率 | ≥95%。
    """

    code = "JX-M001"
    title = "名称要求数值但指标值是定性描述"
    severity = Severity.WARNING
    citation = "财预〔2015〕88号：绩效指标应细化、量化，难以量化的采用定性分级分档"
    template = "“{name}”的名称含“{word}”，应填写数值，但指标值是“{text}”。"
    config_keywords = ("numeric_name_words",)

    def check(self, subject: TargetTable) -> Iterator[Finding]:
        words = self.settings.numeric_name_words
        for indicator in subject.indicators:
            target = indicator.target
            if target is None or target.kind is not Kind.QUALITATIVE:
                continue
            word = implies_number(indicator, words)
            if word is not None:
                yield self.finding(at(indicator, "target"), name=indicator.name, word=word, text=target.text)
