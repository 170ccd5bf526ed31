from __future__ import annotations

import re
from collections.abc import Iterator

from ...findings import Finding, Severity
from ...model import Kind, TargetTable
from ...rules import register
from ..helpers import at
from ..rule import TargetRule

_DIGIT = re.compile(r"\d")


@register
class VagueTarget(TargetRule):
    """指标值是没有衡量标准的模糊用语。

    检查内容：定性指标值里有“有效、稳步、明显、显著、持续、进一步”等模糊用语（配置 ``vague_words``），
    又没有任何可以核对的数字或标准。

    为什么是问题：“有效提升”无法在年终判断是否达成，自评只能自说自话；应改为可核对的数值，或写明分级
    分档的判定标准。

    反例：
        提升公司社会影响力 | 有效提升。

    正例：
        媒体正面报道次数 | ≥10次；或“省级以上表彰≥1项为达成，市级表彰为部分达成”。
    """

    code = "JX-M006"
    title = "指标值是没有衡量标准的模糊用语"
    severity = Severity.WARNING
    citation = "财预〔2015〕88号：绩效指标应细化、量化，难以量化的采用定性分级分档"
    template = "“{name}”的指标值“{text}”含“{word}”，没有可核对的衡量标准。"
    config_keywords = ("vague_words",)

    def check(self, subject: TargetTable) -> Iterator[Finding]:
        words = self.settings.vague_words
        for indicator in subject.indicators:
            target = indicator.target
            if target is None or target.kind is not Kind.QUALITATIVE or _DIGIT.search(target.text):
                continue
            word = next((word for word in words if word in target.text), None)
            if word is not None:
                yield self.finding(at(indicator, "target"), name=indicator.name, text=target.text, word=word)
