"""The official layout of a 项目支出绩效运行监控表 (双监控), filled from a :class:`MonitoringReport`.

Title and year, 项目名称, 主管部门/实施单位, the 项目资金 block (年初预算数, 全年预算数, 1-N月执行数, 执行率,
全年预计执行数, 偏差原因), 年度总体目标, then 一级/二级/三级指标, 年度指标值, 1-N月实际完成值, 全年预计完成值,
完成目标可能性, 偏差原因分析, 完成目标采取的措施 (偏差原因类型 and 备注 when the report has them), and below the
indicators the table's 偏差或不能完成目标原因分析 and 相关建议或举措 (tests/data/samples/038_a.tsv).
"""

from __future__ import annotations

from decimal import Decimal

from ...cells import decimal_text
from ...model_selfeval import MonitoredIndicator, MonitoringReport
from .layout import LayoutCell, TableLayout, indicator_texts
from .layout_selfeval import level_cells, rate_text

TITLE = "项目支出绩效运行监控表"
DEVIATION_LABEL = "偏差或不能完成目标原因分析"
SUGGESTION_LABEL = "相关建议或举措"
LIKELIHOOD_LABEL = "完成目标可能性（确定能、有可能、完全不可能）"

#: (field, label, width) of the indicator columns; 1-N月 is filled in from the report's month.
_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("level1", "一级指标", 10),
    ("level2", "二级指标", 12),
    ("name", "三级指标", 20),
    ("target", "年度指标值", 18),
    ("to_date", "{months}实际完成值", 14),
    ("forecast", "全年预计完成值", 14),
    ("likelihood", LIKELIHOOD_LABEL, 12),
    ("deviation_category", "偏差原因类型", 11),
    ("deviation", "偏差原因分析", 20),
    ("measures", "完成目标采取的措施", 20),
    ("remark", "备注", 12),
)
_OPTIONAL = ("deviation_category", "remark")  # columns shown only when some indicator fills them


def months_label(month: int | None) -> str:
    """1-6月, or 截至目前 without a month."""
    return f"1-{month}月" if month else "截至目前"


def _columns(report: MonitoringReport) -> list[tuple[str, str, int]]:
    months = months_label(report.month)
    return [
        (name, label.format(months=months) if name != "to_date" or report.month else "截至目前完成值", width)
        for name, label, width in _COLUMNS
        if name not in _OPTIONAL or any(getattr(item, name) for item in report.indicators)
    ]


def _amount(value: Decimal | None, row: int, column: int, field: str = "budget.amount") -> LayoutCell:
    return LayoutCell(decimal_text(value, trim=False), row, column, style="number", number=value, field=field)


def monitor_layout(report: MonitoringReport) -> TableLayout:
    """The 监控表 layout of ``report``."""
    table, budget = report.table, report.budget
    columns = _columns(report)
    width = len(columns)
    layout = TableLayout(title=TITLE, width=width, widths=tuple(w for _, _, w in columns))
    layout.add(LayoutCell(TITLE, 1, 1, colspan=width, style="title"))
    year = f"{table.year}" if table.year else "    "
    layout.add(LayoutCell(f"（{year}年度）", 2, 1, colspan=width, style="subtitle"))
    half = 2 + (width - 2) // 2
    layout.add(
        LayoutCell("项目名称", 3, 1, colspan=2, style="label"),
        LayoutCell(table.project_name or "", 3, 3, colspan=width - 2, style="value", field="project_name"),
    )
    layout.add(
        LayoutCell("主管部门", 4, 1, colspan=2, style="label"),
        LayoutCell(table.department or "", 4, 3, colspan=half - 2, style="value", field="department"),
        LayoutCell("实施单位", 4, half + 1, colspan=2, style="label"),
        LayoutCell(
            table.implementer or table.budget_unit or "",
            4,
            half + 3,
            colspan=width - half - 2,
            style="value",
            field="implementer",
        ),
    )
    months = months_label(report.month or budget.month)
    heads = ("年初预算数", "全年预算数", f"{months}执行数", "执行率", "全年预计执行数", "偏差原因")
    reason_span = width - 2 - (len(heads) - 1)
    layout.add(
        LayoutCell(f"项目资金（{budget.unit}）", 5, 1, colspan=2, style="label"),
        *(LayoutCell(label, 5, 3 + i, style="head") for i, label in enumerate(heads[:-1])),
        LayoutCell(heads[-1], 5, 3 + len(heads) - 1, colspan=reason_span, style="head"),
    )
    funding = table.funding
    initial = budget.initial if budget.initial is not None else funding.total
    layout.add(
        LayoutCell("年度资金总额", 6, 1, colspan=2, style="label"),
        _amount(initial, 6, 3),
        _amount(budget.full_year, 6, 4),
        _amount(budget.executed, 6, 5),
        LayoutCell(rate_text(budget), 6, 6, style="number"),
        _amount(budget.forecast, 6, 7),
        LayoutCell(budget.reason or "", 6, 8, colspan=reason_span, style="data", field="budget.reason"),
    )
    for row, (label, amount) in enumerate((("其中：财政拨款", funding.fiscal), ("其他资金", funding.other)), 7):
        layout.add(
            LayoutCell(label, row, 1, colspan=2, style="label"),
            _amount(amount, row, 3),
            *(LayoutCell("", row, c, style="number") for c in range(4, 8)),
            LayoutCell("", row, 8, colspan=reason_span),
        )
    layout.add(
        LayoutCell("年度总体目标", 9, 1, colspan=2, style="label"),
        LayoutCell(table.overall_goal or "", 9, 3, colspan=width - 2, style="goal", field="overall_goal"),
    )
    layout.add(LayoutCell("绩效指标", 10, 1, colspan=width, style="label"))
    layout.header_row = 11
    layout.add(*(LayoutCell(label, 11, c, style="head") for c, (_, label, _) in enumerate(columns, 1)))
    _indicator_rows(layout, report, columns)
    for label, text, name in (
        (DEVIATION_LABEL, report.deviation, "deviation"),
        (SUGGESTION_LABEL, report.suggestions, "suggestions"),
    ):
        row = layout.next_row
        layout.add(
            LayoutCell(label, row, 1, colspan=2, style="label"),
            LayoutCell(text or "", row, 3, colspan=width - 2, style="goal", field=name),
        )
    return layout


def item_texts(item: MonitoredIndicator) -> dict[str, str]:
    texts = indicator_texts(item.indicator)
    texts.update(
        to_date=item.to_date.text if item.to_date else "",
        forecast=item.forecast.text if item.forecast else "",
        likelihood=item.likelihood.value if item.likelihood else item.likelihood_text or "",
        deviation_category=item.deviation_category or "",
        deviation=item.deviation or "",
        measures=item.measures or "",
        remark=item.remark or "",
    )
    return texts


def _indicator_rows(layout: TableLayout, report: MonitoringReport, columns: list[tuple[str, str, int]]) -> None:
    texts = [item_texts(item) for item in report.indicators]
    first = layout.next_row
    for index, text in enumerate(texts):
        row = first + index
        cells = level_cells(texts, index, row)
        for column, (name, _, _) in enumerate(columns, 1):
            if name in ("level1", "level2"):
                continue
            style = "number" if name == "likelihood" else "data"
            cells.append(LayoutCell(text[name], row, column, style=style, indicator=index, field=name))
        layout.add(*cells)
