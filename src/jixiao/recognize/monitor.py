"""The 监控表 layouts: any :class:`~jixiao.grid.Grid` of a monitoring report → :class:`MonitoringReport`.

The budget block gives 年初预算数 / 全年预算数 / 1-N月执行数 / 全年预计执行数; each indicator row gives
its progress to date (1-N月实际完成值, 半年度指标执行情况), the 全年预计完成值, the 完成目标可能性
and the 偏差原因 with its category.
"""

from __future__ import annotations

import re
import unicodedata

from ..grid import Grid
from ..model import Indicator
from ..model_selfeval import Budget, Likelihood, MonitoredIndicator, MonitoringReport
from ..values import normalize
from .budget import read_budget
from .parts import TablePart, first_text, parse_actual, table_parts, text_of, with_unit

DEVIATION_LABELS = ("偏差或不能完成目标原因分析", "偏差原因分析", "偏差原因", "不能完成目标原因分析")
SUGGESTION_LABELS = ("相关建议或举措", "改进措施", "纠偏措施", "相关建议")
_MONTH = re.compile(r"1[-—~至](\d{1,2})月")
_HALF_YEAR = ("半年", "上半年")


def likelihood_of(text: str | None) -> Likelihood | None:
    """确定能 / 有可能 / 完全不可能 (also written 不可能, 能, 可能)."""
    if text is None:
        return None
    word = normalize(text).strip("□√✓☑")
    if word in ("确定能", "能", "确定", "能完成", "确定能完成"):
        return Likelihood.CERTAIN
    if word in ("有可能", "可能", "有可能完成"):
        return Likelihood.POSSIBLE
    if word in ("完全不可能", "不可能", "不能", "不能完成"):
        return Likelihood.IMPOSSIBLE
    return None


def recognize_monitoring(grid: Grid) -> list[MonitoringReport]:
    """All monitoring reports in ``grid``."""
    return [_report(part) for part in table_parts(grid)]


def _report(part: TablePart) -> MonitoringReport:
    table = part.table
    budget = read_budget(part.above, part.source, table.funding.unit) or Budget(unit=table.funding.unit)
    indicators = tuple(_indicator(part, indicator) for indicator in table.indicators)
    return MonitoringReport(
        table=table,
        budget=budget,
        indicators=indicators,
        month=budget.month or _month_of_columns(part),
        deviation=first_text(part.below, DEVIATION_LABELS),
        suggestions=first_text(part.below, SUGGESTION_LABELS),
    )


def _month_of_columns(part: TablePart) -> int | None:
    for placed in part.placed.values():
        for column in placed.columns:
            label = unicodedata.normalize("NFKC", column.label)
            match = _MONTH.search(label)
            if match:
                return int(match.group(1))
            if column.role == "actual_to_date" and label.startswith(_HALF_YEAR):
                return 6
    return None


def _indicator(part: TablePart, indicator: Indicator) -> MonitoredIndicator:
    cells = part.cells_of(indicator.source.row)
    unit = cells.get("unit")
    to_date = text_of(cells.get("actual_to_date")) or text_of(cells.get("actual"))
    likelihood_text = text_of(cells.get("likelihood"))
    return MonitoredIndicator(
        indicator=indicator,
        to_date=parse_actual(with_unit(to_date, unit), indicator.name),
        forecast=parse_actual(with_unit(text_of(cells.get("forecast")), unit), indicator.name),
        likelihood=likelihood_of(likelihood_text),
        likelihood_text=likelihood_text,
        deviation=text_of(cells.get("deviation")),
        deviation_category=text_of(cells.get("deviation_category")),
        measures=text_of(cells.get("measures")),
        remark=text_of(cells.get("remark")),
    )
