from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding, Severity
from ...model import TargetTable
from ...rules import register
from ..helpers import at, bare_name, garbled_operator, is_ratio
from ..rule import TargetRule


@register
class GarbledOperator(TargetRule):
    """指标值疑似把“≥”录成了数字“2”。

    检查内容：指标值没有比较符号、以“2”开头，而且去掉这个“2”才说得通：百分比超过100%而去掉后不超过100%
    （292% → ≥92%，报错误）；或数量是上年完成值的五倍以上，而去掉后与上年相近（2280次，上年275次 → ≥280次，
    报警告）。可以超过100%的比率（配置 ``uncapped_rate_words``：增值率、增长率、拨备覆盖率等，250%是正常值）不报。

    为什么是问题：从 Word、PDF 复制或 OCR 时“≥”常变成“2”；按字面考核，目标要么不可能完成，要么被放大了十倍。

    反例：
        验收合格率 | 292%；培训次数 | 2280次（上年完成值275次）。

    正例：
        验收合格率 | ≥92%；培训次数 | ≥280次。
    """

    code = "JX-M005"
    title = "指标值疑似把“≥”录成了数字“2”"
    severity = Severity.ERROR
    citation = "财预〔2021〕101号：指标值应准确、可衡量"
    template = "“{name}”的指标值“{text}”{why}，疑似应为“{meant}”。"
    config_keywords = ("uncapped_rate_words",)

    def check(self, subject: TargetTable) -> Iterator[Finding]:
        uncapped = self.settings.uncapped_rate_words
        for indicator in subject.indicators:
            target = indicator.target
            if target is None or (is_ratio(target) and any(word in bare_name(indicator.name) for word in uncapped)):
                continue
            meant = garbled_operator(target, indicator.prior)
            if meant is None:
                continue
            if is_ratio(target):
                why, severity = "超过了100%", Severity.ERROR
            else:
                prior = indicator.prior.text if indicator.prior else ""
                why, severity = f"是上年完成值“{prior}”的五倍以上", Severity.WARNING
            yield self.finding(
                at(indicator, "target"), severity=severity, name=indicator.name, text=target.text, why=why, meant=meant
            )
