from __future__ import annotations

import re
from collections.abc import Iterator

from ...findings import Finding, Severity
from ...model import TargetTable
from ...rules import register
from ..helpers import at
from ..rule import TargetRule

# Two to six Chinese characters written twice in a row: 占比占比. Single characters (天天, 户户通) are words.
_REPEATED = re.compile(r"([\u4e00-\u9fff]{2,6})\1")


@register
class RepeatedWord(TargetRule):
    """指标名称中词语重复。

    检查内容：三级指标名称里是否有两个以上汉字连写两遍（“占比占比”）。单字叠用（“户户通”）不算。

    为什么是问题：这是录入时的笔误，会原样出现在公开的目标表和自评表里，也会让按名称匹配上年指标、
    自评指标的系统对不上。

    反例：
        新增小微企业和“三农”再担保金额占比占比。

    正例：
        新增小微企业和“三农”再担保金额占比。
    """

    code = "JX-N003"
    title = "指标名称中词语重复"
    severity = Severity.WARNING
    citation = "财预〔2021〕101号：指标名称应简明、清晰、规范"
    template = "“{name}”中“{word}”连写了两遍，应为“{fixed}”。"

    def check(self, subject: TargetTable) -> Iterator[Finding]:
        for indicator in subject.indicators:
            match = _REPEATED.search(indicator.name)
            if match is not None:
                word = match.group(1)
                fixed = indicator.name.replace(word + word, word, 1)
                yield self.finding(at(indicator, "name"), name=indicator.name, word=word, fixed=fixed)
