from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding, Severity
from ...model import TargetTable
from ...rules import register
from ..helpers import at, capped_rate, garbled_operator, is_ratio
from ..rule import TargetRule


@register
class RateAboveHundred(TargetRule):
    """不可能超过100%的比率指标值超过了100%。

    检查内容：名称是合格率、达标率、满意度、覆盖率、执行率、占比等不可能超过100%的比率（配置
    ``capped_rate_words``，排除 ``uncapped_rate_words`` 如保值增值率、增长率），指标值却大于100%。
    疑似把“≥”录成“2”的值（292%）由 JX-M005 报告。

    为什么是问题：这样的目标不可能完成，通常是笔误；资产保值增值率≥105%这类可以超过100%的比率不在此列。

    反例：
        产品合格率 | ≥120%。

    正例：
        产品合格率 | ≥98%；资产保值增值率 | ≥105%。
    """

    code = "JX-M004"
    title = "不可能超过100%的比率指标值超过了100%"
    severity = Severity.ERROR
    citation = "财预〔2021〕101号：指标值应合理可行"
    template = "“{name}”是不会超过100%的比率，指标值“{text}”却超过了100%。"
    config_keywords = ("capped_rate_words", "uncapped_rate_words")

    def check(self, subject: TargetTable) -> Iterator[Finding]:
        for indicator in subject.indicators:
            target = indicator.target
            if target is None or target.value is None or not is_ratio(target):
                continue
            if not capped_rate(indicator, self.settings.capped_rate_words, self.settings.uncapped_rate_words):
                continue
            high = target.upper if target.upper is not None else target.value
            if high > 100 and garbled_operator(target, indicator.prior) is None:
                yield self.finding(at(indicator, "target"), name=indicator.name, text=target.text)
