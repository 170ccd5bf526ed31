from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding, Severity
from ...review.helpers import at
from ...rules import register
from ..compare import Change, compare_targets
from ..history import History
from ..rule import HistoryRule


@register
class TargetChangedInSelfEval(HistoryRule):
    """自评表中的指标值与公布的目标表不一致。

    检查内容：同一年度、同一项目既有公布的目标表又有自评表时，自评表中每个指标的指标值与目标表中同一指标
    （按名称关联）相比：数值降低（正向指标调低、反向指标调高），或符号、单位改成无法比较的另一种，都报告。
    提高了的和只是写法不同（单位换算后相等）的不报。

    为什么是问题：自评应当对照年初公布（或经批准调整）的目标；在自评表里悄悄改低目标，完成率和得分就虚高了。

    反例：
        2024年目标表：受益群众满意度 ≥92%；2024年自评表：受益群众满意度 ≥90%，实际91%，按“完成”得满分。

    正例：
        自评表照录 ≥92%，实际91%，按完成比例得分并说明偏差原因。
    """

    code = "JX-Y003"
    title = "自评表中的指标值与公布的目标表不一致"
    severity = Severity.WARNING
    citation = "财预〔2020〕10号：自评应对照经批准的绩效目标，如实反映目标完成情况"
    template = (
        "“{name}”{year}公布的目标表中指标值为“{published}”，自评表中写成“{written}”（{how}），应按公布的目标自评。"
    )

    def check(self, subject: History) -> Iterator[Finding]:
        for year in subject.years:
            if year.target is None or year.selfeval is None:
                continue
            published = {indicator.name: indicator for indicator in year.target.indicators}
            for name, result in year.self_links.items():
                before, written = published[name].target, result.indicator.target
                change = compare_targets(before, written)
                if change not in (Change.LOOSENED, Change.CHANGED):
                    continue
                yield self.finding(
                    at(result.indicator, "target"),
                    name=result.indicator.name,
                    year=year.name,
                    published=before.text if before else "未填",
                    written=written.text if written else "未填",
                    how="目标被调低" if change is Change.LOOSENED else "符号、单位或写法改变，无法比较",
                )
