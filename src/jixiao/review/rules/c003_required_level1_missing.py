from __future__ import annotations

from collections.abc import Iterator

from ... import taxonomy
from ...findings import Finding, Severity
from ...model import TargetTable
from ...rules import register
from ..helpers import at_table
from ..rule import TargetRule


@register
class RequiredLevel1Missing(TargetRule):
    """缺少必备的一级指标。

    检查内容：目标表是否包含配置要求的全部一级指标：产出指标、效益指标、满意度指标；按财预〔2021〕101号，
    自配置的 ``cost_level1_from`` 年度（全国为2022年）起还须单列成本指标。此前年度的表中成本指标
    可作为产出指标下的二级指标，不单独要求；满意度可作为效益指标下的二级指标（2015年模板）。

    为什么是问题：一级指标是绩效目标的骨架；缺少效益指标就说不清花钱的效果，缺少成本指标就无法
    审核资金规模与产出是否匹配（适当性）。

    反例：
        一张2024年的目标表只有产出指标和满意度指标。

    正例：
        成本指标、产出指标、效益指标、满意度指标各有至少一个三级指标。
    """

    code = "JX-C003"
    title = "缺少必备的一级指标"
    severity = Severity.ERROR
    citation = "财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》"
    template = "目标表没有“{level1}”（{year_note}应设置）；现有一级指标：{present}。"
    config_keywords = ("cost_level1_from", "required_level1")

    def check(self, subject: TargetTable) -> Iterator[Finding]:
        present = list(dict.fromkeys(ind.level1 for ind in subject.indicators if ind.level1))
        old_framework = not self.settings.cost_is_level1(subject.year)
        satisfaction_l2 = any(ind.level2 == taxonomy.SATISFACTION_L2 for ind in subject.indicators)
        if old_framework and satisfaction_l2 and taxonomy.SATISFACTION not in present:
            present.append(taxonomy.SATISFACTION)  # 满意度 as a 二级 of 效益 in the old template
        year_note = f"按{subject.year}年适用的指标体系" if subject.year else "按现行指标体系"
        for level1 in self.required_level1(subject):
            if level1 not in present:
                yield self.finding(
                    at_table(subject, "level1"), level1=level1, year_note=year_note, present="、".join(present) or "无"
                )

    def required_level1(self, table: TargetTable) -> tuple[str, ...]:
        """The 一级 the table must have: the profile's, and 成本指标 from ``cost_level1_from`` on."""
        required = self.settings.required_level1
        if self.settings.cost_is_level1(table.year) and taxonomy.COST not in required:
            required = (taxonomy.COST, *required)
        return required
