"""The layouts of the department-wide tables (部门整体), filled from a :class:`DepartmentTable`.

A 部门整体支出绩效目标表: title with the year, 部门名称 (and 部门编码, 部门职能职责概述 when read), 预算支出总额,
the 年度主要任务 block (任务名称, 主要内容, 预算金额), 年度绩效目标, then 一级/二级/三级指标 and 指标值.
A 评分表 (部门整体支出绩效自评表): title, 部门名称, then 一级/二级/三级指标, 指标分值, 评分标准, 自评得分 and the
总分 row, and 评价等级 when a grade is given. Each reads back through the department recognizer to the same table.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ...cells import decimal_text
from ...model_department import DepartmentKind, DepartmentTable
from .layout import LayoutCell, TableLayout, indicator_texts

TARGET_TITLE = "部门整体支出绩效目标表"
SELFEVAL_TITLE = "部门整体支出绩效自评表"
TARGET_HEAD = ("一级指标", "二级指标", "三级指标", "指标值")
TARGET_WIDTHS = (14, 18, 30, 30)
RUBRIC_HEAD = ("一级指标", "二级指标", "三级指标", "指标分值", "评分标准", "自评得分")
RUBRIC_WIDTHS = (14, 14, 24, 10, 40, 10)


def department_title(table: DepartmentTable) -> str:
    base = TARGET_TITLE if table.kind is DepartmentKind.TARGET else SELFEVAL_TITLE
    title = table.title or base
    if table.year is not None and str(table.year) not in title:
        title = f"{table.year}年{title}"
    return title


def department_layout(table: DepartmentTable) -> TableLayout:
    """The layout of ``table``; a 评分表's 评价等级 is written under its 总分 when the table has one."""
    if table.kind is DepartmentKind.TARGET:
        return _target_layout(table)
    return _rubric_layout(table)


def _number(value: Decimal | None, written: str | None, row: int, column: int, colspan: int = 1) -> LayoutCell:
    """A number cell, stored as a number only when that shows it as printed (166.80 stays text in Excel)."""
    text = written if written else decimal_text(value, trim=False)
    number = value if value is not None and text == decimal_text(value) else None
    return LayoutCell(text, row, column, colspan=colspan, style="number", number=number)


def _pair(layout: TableLayout, label: str, text: str | None, style: str = "value") -> None:
    row = layout.next_row
    layout.add(
        LayoutCell(label, row, 1, style="label"),
        LayoutCell(text or "", row, 2, colspan=layout.width - 1, style=style),
    )


def _start(table: DepartmentTable, width: int, widths: Sequence[int]) -> TableLayout:
    layout = TableLayout(title=department_title(table), width=width, widths=tuple(widths))
    layout.add(LayoutCell(layout.title, 1, 1, colspan=width, style="title"))
    _pair(layout, "部门名称", table.department)
    if table.department_code:
        _pair(layout, "部门编码", table.department_code)
    if table.functions:
        _pair(layout, "部门职能职责概述", table.functions, style="goal")
    return layout


def _target_layout(table: DepartmentTable) -> TableLayout:
    layout = _start(table, len(TARGET_HEAD), TARGET_WIDTHS)
    unit = "" if table.funds_unit == "万元" else f"（{table.funds_unit}）"
    row = layout.next_row
    layout.add(
        LayoutCell(f"预算支出总额{unit}", row, 1, style="label"),
        _number(table.total_funds, None, row, 2, colspan=layout.width - 1),
    )
    if table.tasks:
        layout.add(LayoutCell("年度主要任务", layout.next_row, 1, colspan=layout.width, style="label"))
        row = layout.next_row
        heads = ("任务名称", "主要内容", f"预算金额{unit}")
        layout.add(*(LayoutCell(text, row, column, style="head") for column, text in enumerate(heads, 1)))
        layout.rows[-1][-1] = LayoutCell(heads[2], row, 3, colspan=layout.width - 2, style="head")
        for task in table.tasks:
            row = layout.next_row
            layout.add(
                LayoutCell(task.name, row, 1, style="data"),
                LayoutCell(task.content or "", row, 2, style="data"),
                _number(task.funds, task.funds_text, row, 3, colspan=layout.width - 2),
            )
    _pair(layout, "年度绩效目标", table.overall_goal, style="goal")
    layout.header_row = layout.next_row
    layout.add(*(LayoutCell(text, layout.header_row, c, style="head") for c, text in enumerate(TARGET_HEAD, 1)))
    for index, indicator in enumerate(table.indicators):
        texts, row = indicator_texts(indicator), layout.next_row
        layout.add(
            *(
                LayoutCell(texts[name], row, column, style="data", indicator=index, field=name)
                for column, name in enumerate(("level1", "level2", "name", "target"), 1)
            )
        )
    return layout


def _rubric_layout(table: DepartmentTable) -> TableLayout:
    layout = _start(table, len(RUBRIC_HEAD), RUBRIC_WIDTHS)
    layout.header_row = layout.next_row
    layout.add(*(LayoutCell(text, layout.header_row, c, style="head") for c, text in enumerate(RUBRIC_HEAD, 1)))
    scores = {id(item.indicator): item for item in table.scores}
    for index, indicator in enumerate(table.indicators):
        texts, row, item = indicator_texts(indicator), layout.next_row, scores.get(id(indicator))
        layout.add(
            *(
                LayoutCell(texts[name], row, column, style="data", indicator=index, field=name)
                for column, name in enumerate(("level1", "level2", "name"), 1)
            ),
            _number(indicator.weight, None, row, 4),
            LayoutCell(item.standard or "" if item else "", row, 5, style="data"),
            _number(item.score if item else None, item.score_text if item else None, row, 6),
        )
    weights = [indicator.weight for indicator in table.indicators]
    full = sum((w for w in weights if w is not None), Decimal(0)) if any(w is not None for w in weights) else None
    row = layout.next_row
    layout.add(
        LayoutCell("总分", row, 1, colspan=3, style="label"),
        _number(full, None, row, 4),
        LayoutCell("", row, 5),
        _number(table.published_total, None, row, 6),
    )
    if table.grade:
        _pair(layout, "评价等级", table.grade)
    return layout
