from __future__ import annotations

from collections.abc import Iterator

from ... import taxonomy
from ...findings import Finding, Severity
from ...model import TargetTable
from ...rules import register
from ..helpers import allowed_level2, at
from ..rule import TargetRule


@register
class Level2NotAllowed(TargetRule):
    """二级指标不属于其一级指标。

    检查内容：一级指标是否为成本/产出/效益/满意度之一，二级指标是否是该一级下允许的类型。适用哪套
    指标体系看表的年度：配置的 ``cost_level1_from`` 年度起用新体系（成本指标为一级，下设经济成本、
    社会成本、生态环境成本指标），此前用旧体系（成本指标是产出指标下的二级，满意度指标可作为效益指标下的
    二级“社会公众或服务对象满意度指标”）。二级留空不报。

    为什么是问题：指标归错类会使一级指标的分值结构失真，审核和自评时按类汇总的结果也随之出错。

    反例：
        产出指标 / 经济效益指标 / 利润总额。

    正例：
        效益指标 / 经济效益指标 / 利润总额（万元）。
    """

    code = "JX-C004"
    title = "二级指标不属于其一级指标"
    severity = Severity.ERROR
    citation = "财预〔2021〕101号：一级指标与二级指标的对应关系"
    template = "{problem}"
    config_keywords = ("cost_level1_from",)

    def check(self, subject: TargetTable) -> Iterator[Finding]:
        new_framework = self.settings.cost_is_level1(subject.year)
        framework = "新" if new_framework else "旧"
        reported: set[tuple[str | None, str | None]] = set()
        for indicator in subject.indicators:
            key = (indicator.level1_text, indicator.level2_text)
            if key in reported:
                continue
            problem: str | None = None
            field = "level1"
            level1 = indicator.level1
            if level1 is None or level1 not in taxonomy.LEVEL1:
                problem = f"一级指标“{indicator.level1_text or ''}”不是成本、产出、效益、满意度指标之一。"
                field = "level1"
            elif indicator.level2_text:
                allowed = allowed_level2(level1, new_framework=new_framework)
                if indicator.level2 not in allowed:
                    problem = (
                        f"二级指标“{indicator.level2_text}”不能放在“{level1}”下（{framework}指标体系）；"
                        f"允许：{'、'.join(allowed) or '无'}。"
                    )
                field = "level2"
            if problem is not None:
                reported.add(key)
                yield self.finding(at(indicator, field), problem=problem)
