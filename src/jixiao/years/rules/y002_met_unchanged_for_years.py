from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding, Severity
from ...review.helpers import at, is_ratio
from ...rules import register
from ...scoring.formulas import Status, assess
from ..compare import Change, compare_targets
from ..history import History, Step
from ..rule import HistoryRule


@register
class MetUnchangedForYears(HistoryRule):
    """连续三年完成且指标值未变。

    检查内容：同一指标连续三年（相邻年度，按名称关联）的自评都按评分规则完成（得满分），而三年的指标值没有变化
    （符号、数值、单位相同，单位换算后相等也算相同）。已经是100%的百分比目标不报：它无法再提高。

    为什么是问题：年年轻松完成、年年不变的目标，没有起到引导绩效提升的作用；应结合实际完成情况提高指标值，
    或换成更能反映产出和效果的指标。

    反例：
        当年开工率：2022年 ≥95%（实际96%）、2023年 ≥95%（实际97%）、2024年 ≥95%（实际98%）。

    正例：
        2024年把当年开工率提高到 ≥97%，或改用更有挑战性的指标。
    """

    code = "JX-Y002"
    title = "连续三年完成且指标值未变"
    severity = Severity.INFO
    citation = "财预〔2021〕101号：绩效指标应具有挑战性，指标值应根据历史完成情况合理调整"
    template = "“{name}”{first}至{last}连续{count}年完成（实际{actuals}），指标值一直是“{target}”，可考虑提高目标。"
    config_keywords = ("scoring", "streak_years")

    def check(self, subject: History) -> Iterator[Finding]:
        need = self.settings.streak_years
        for lineage in subject.lineages:
            run: list[Step] = []
            for step in lineage.steps:
                if run and self._continues(run[-1], step):
                    run.append(step)
                else:
                    run = [step] if self._met(step) else []
                if len(run) == need:
                    yield self._finding(run)

    def _met(self, step: Step) -> bool:
        target = step.indicator.target
        if step.result is None or target is None or (is_ratio(target) and (target.value or 0) >= 100):
            return False
        return assess(step.result, self.settings.scoring).status is Status.MET

    def _continues(self, before: Step, now: Step) -> bool:
        return (
            now.year.year - before.year.year == 1
            and self._met(now)
            and compare_targets(before.indicator.target, now.indicator.target) is Change.UNCHANGED
        )

    def _finding(self, run: list[Step]) -> Finding:
        last = run[-1]
        actuals = "、".join(
            f"{step.year.name}{step.result.actual.text}" for step in run if step.result and step.result.actual
        )
        target = last.indicator.target
        return self.finding(
            at(last.indicator, "target"),
            name=last.indicator.name,
            first=run[0].year.name,
            last=last.year.name,
            count=len(run),
            actuals=actuals,
            target=target.text if target else "",
        )
