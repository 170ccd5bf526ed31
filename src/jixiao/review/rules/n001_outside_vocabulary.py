from __future__ import annotations

from collections.abc import Iterator

from ...fields import label
from ...findings import Finding, Severity
from ...model import TargetTable
from ...rules import register
from ..helpers import at, vocabulary_items
from ..rule import TargetRule


@register
class OutsideVocabulary(TargetRule):
    """依据、赋分规则或佐证资料不在规定词表内。

    检查内容：指标值设置依据、指标赋分规则、佐证资料三列的内容是否属于配置 ``vocabularies`` 的词表
    （全国默认：计划标准/行业标准/历史标准/其他标准/预算支出标准；按照完成比例赋分/直接赋分/满意度赋分；
    正式资料/原始资料/工作资料/说明材料/其他资料）。几个选项用“、”并列（计划标准、行业标准），或选项后加说明
    （直接赋分：完成得满分；正式资料（验收报告）），以及“按”与“按照”之别，都算在词表内。空白由 JX-C005 报告。

    为什么是问题：这三列是下拉选项，系统据此判断取值口径和计分方法；自拟的写法无法归类，年终也无法
    按规则自动计分。

    反例：
        指标值设置依据写“领导要求”；赋分规则写“酌情打分”。

    正例：
        指标值设置依据“历史标准”，赋分规则“按照完成比例赋分”，佐证资料“正式资料”。
    """

    code = "JX-N001"
    title = "依据、赋分规则或佐证资料不在规定词表内"
    severity = Severity.WARNING
    citation = "财预〔2021〕101号：指标值设定依据（计划标准、行业标准、历史标准、其他标准）"
    template = "“{name}”的{label}“{text}”不在规定选项内；可选：{choices}。"
    config_keywords = ("basis", "evidence", "scoring_rules")

    def check(self, subject: TargetTable) -> Iterator[Finding]:
        vocabularies = {
            "basis": self.settings.basis,
            "scoring_rule": self.settings.scoring_rules,
            "evidence": self.settings.evidence,
        }
        for indicator in subject.indicators:
            for field, choices in vocabularies.items():
                text = getattr(indicator, field)
                if text is None or vocabulary_items(text, choices):
                    continue
                yield self.finding(
                    at(indicator, field),
                    name=indicator.name,
                    label=label(field),
                    text=text,
                    choices="、".join(choices),
                )
