"""`jixiao template selfeval TARGETFILE`: a 项目支出绩效自评表 pre-filled from a target table.

The layout is the national 自评表 (财预〔2021〕101号 附件; tests/data/samples/003_a.tsv): title and year,
项目名称, 主管部门/实施单位, the 项目资金 block (年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分),
年度总体目标 with 预期目标 and 实际完成情况, then 一级/二级/三级指标, 年度指标值, 实际完成值, 分值, 得分,
偏差原因分析及改进措施, and 总分. Targets and weights come from the target table; the yellow cells are
for the unit's actuals.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Protection
from openpyxl.worksheet.worksheet import Worksheet

from ...model import TargetTable
from .layout import LayoutCell, TableLayout, indicator_texts
from .template_target import _INPUT_FILL
from .xlsx import sheet_name, write_layout

WIDTH = 8
EXECUTION_WEIGHT = Decimal(10)
_HEAD = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
_WIDTHS = (12, 14, 30, 18, 18, 9, 9, 30)
_BUDGET_HEAD = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")


def selfeval_layout(table: TargetTable) -> tuple[TableLayout, list[tuple[int, int]]]:
    """The 自评表 layout of ``table`` and the (row, column) cells left for the unit to fill in."""
    layout = TableLayout(title="项目支出绩效自评表", width=WIDTH, widths=_WIDTHS)
    inputs: list[tuple[int, int]] = []

    def add(*cells: LayoutCell) -> None:
        layout.add(*cells)

    year = f"{table.year}" if table.year else "    "
    add(LayoutCell(layout.title, 1, 1, colspan=WIDTH, style="title"))
    add(LayoutCell(f"（{year}年度）", 2, 1, colspan=WIDTH, style="subtitle"))
    add(
        LayoutCell("项目名称", 3, 1, style="label"),
        LayoutCell(table.project_name or "", 3, 2, colspan=7, style="value", field="project_name"),
    )
    add(
        LayoutCell("主管部门", 4, 1, style="label"),
        LayoutCell(table.department or table.budget_unit or "", 4, 2, colspan=2, style="value", field="department"),
        LayoutCell("实施单位", 4, 4, style="label"),
        LayoutCell(table.implementer or table.budget_unit or "", 4, 5, colspan=4, style="value", field="implementer"),
    )
    funding = table.funding
    add(
        LayoutCell(f"项目资金（{funding.unit}）", 5, 1, style="label"),
        *(LayoutCell(label, 5, c, style="head") for c, label in enumerate(_BUDGET_HEAD, 2)),
        LayoutCell("", 5, 8, style="head"),
    )
    amounts = (
        ("年度资金总额", funding.total),
        ("其中：当年财政拨款", funding.fiscal),
        ("上年结转资金", None),
        ("其他资金", funding.other),
    )
    for offset, (label, initial) in enumerate(amounts):
        row = 6 + offset
        cells = [
            LayoutCell(label, row, 1, style="label"),
            LayoutCell("" if initial is None else str(initial), row, 2, style="number", number=initial),
        ]
        cells += [LayoutCell("", row, c, style="number") for c in range(3, 9)]
        if offset == 0:
            cells[4] = LayoutCell(str(EXECUTION_WEIGHT), row, 5, style="number", number=EXECUTION_WEIGHT)
        add(*cells)
        inputs += [(row, 3), (row, 4)] + ([(row, 6), (row, 7)] if offset == 0 else [])
    add(
        LayoutCell("年度总体目标", 10, 1, rowspan=2, style="label"),
        LayoutCell("预期目标", 10, 2, colspan=3, style="head"),
        LayoutCell("实际完成情况", 10, 5, colspan=4, style="head"),
    )
    add(
        LayoutCell(table.overall_goal or "", 11, 2, colspan=3, style="goal", field="overall_goal"),
        LayoutCell("", 11, 5, colspan=4, style="goal"),
    )
    inputs.append((11, 5))
    add(LayoutCell("绩效指标", 12, 1, colspan=WIDTH, style="label"))
    layout.header_row = 13
    add(*(LayoutCell(label, 13, c, style="head") for c, label in enumerate(_HEAD, 1)))
    _indicators(layout, table, inputs)
    total_row = layout.next_row
    weights = sum((i.weight for i in table.indicators if i.weight is not None), EXECUTION_WEIGHT)
    add(
        LayoutCell("总分", total_row, 1, style="label"),
        LayoutCell(str(weights), total_row, 2, style="number", number=weights),
        LayoutCell("", total_row, 3, style="number"),
    )
    inputs.append((total_row, 3))
    return layout, inputs


def _indicators(layout: TableLayout, table: TargetTable, inputs: list[tuple[int, int]]) -> None:
    texts = [indicator_texts(indicator) for indicator in table.indicators]
    first = layout.next_row
    for index, (indicator, text) in enumerate(zip(table.indicators, texts, strict=True)):
        row = first + index
        cells = []
        for column, name in ((1, "level1"), (2, "level2")):
            same = (
                index > 0
                and texts[index - 1][name] == text[name]
                and (name == "level1" or texts[index - 1]["level1"] == text["level1"])
            )
            if same:
                continue
            span = 1
            while (
                index + span < len(texts)
                and texts[index + span][name] == text[name]
                and (name == "level1" or texts[index + span]["level1"] == text["level1"])
            ):
                span += 1
            cells.append(LayoutCell(text[name], row, column, rowspan=span, style="level", indicator=index, field=name))
        cells += [
            LayoutCell(text["name"], row, 3, indicator=index, field="name"),
            LayoutCell(text["target"], row, 4, indicator=index, field="target"),
            LayoutCell("", row, 5, indicator=index, field="actual"),
            LayoutCell(
                text["weight"], row, 6, style="number", number=indicator.weight, indicator=index, field="weight"
            ),
            LayoutCell("", row, 7, style="number", indicator=index, field="score"),
            LayoutCell("", row, 8, indicator=index, field="deviation"),
        ]
        inputs += [(row, 5), (row, 7), (row, 8)]
        layout.add(*cells)


def write_selfeval_template(tables: Sequence[TargetTable], path: Path) -> None:
    """One 自评表 sheet per target table, pre-filled, at ``path``."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    for index, table in enumerate(tables):
        sheet = workbook.create_sheet(sheet_name(table.project_name or f"自评表{index + 1}", taken))
        layout, inputs = selfeval_layout(table)
        write_layout(sheet, layout)
        _open_inputs(sheet, inputs)
    workbook.save(path)


def _open_inputs(sheet: Worksheet, inputs: Sequence[tuple[int, int]]) -> None:
    for row, column in inputs:
        cell = sheet.cell(row, column)
        cell.protection = Protection(locked=False)
        cell.fill = _INPUT_FILL
    sheet.protection.sheet = True
    sheet.protection.formatRows = False
    sheet.protection.formatColumns = False
