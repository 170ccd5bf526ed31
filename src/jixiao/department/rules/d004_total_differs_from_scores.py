"""JX-D004 部门整体公布总分与得分合计不符."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ...cells import decimal_text
from ...findings import Finding, Location, Severity
from ...rules import register
from ..rule import DepartmentRule
from ..scoring import DepartmentSheet

_TOLERANCE = Decimal("0.01")


@register
class TotalDiffersFromScores(DepartmentRule):
    """部门整体公布总分与得分合计不符。

    检查内容：部门整体支出绩效自评表（评分表）公布的总分，是否等于各三级指标得分（每项不超过其指标分值）的合计。

    为什么是问题：总分决定等级；与得分合计不符，说明加错了，或把超过分值的得分也算进了总分。

    反例：
        得分 28、19.5、50（分值 50 的一项公布 52），公布总分 99.5。

    正例：
        得分 28、19.5、50，总分 97.5。
    """

    code = "JX-D004"
    title = "部门整体公布总分与得分合计不符"
    severity = Severity.ERROR
    citation = "《项目支出绩效评价管理办法》（财预〔2020〕10号）第二十二条：总分由各指标得分加总"
    template = "公布总分 {published}，各项得分合计 {total}"
    audits_published = True

    def check(self, subject: DepartmentSheet) -> Iterator[Finding]:
        published, total = subject.published_total, subject.total
        if published is None or total is None or abs(published - total) <= _TOLERANCE:
            return
        yield self.finding(
            Location(field="total", row=subject.table.total_row),
            published=decimal_text(published),
            total=decimal_text(total),
        )
