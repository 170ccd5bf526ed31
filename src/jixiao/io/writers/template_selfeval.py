"""`jixiao template selfeval TARGETFILE`: a 项目支出绩效自评表 pre-filled from a target table.

The layout is the national 自评表 of :mod:`.layout_selfeval`, of a self-evaluation with nothing reported yet.
Targets and weights come from the target table; the yellow cells are for the unit's actuals.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Protection
from openpyxl.worksheet.worksheet import Worksheet

from ...model import TargetTable
from .layout_selfeval import blank_selfeval, selfeval_layout
from .template_target import _INPUT_FILL
from .xlsx import sheet_name, write_layout


def write_selfeval_template(tables: Sequence[TargetTable], path: Path) -> None:
    """One 自评表 sheet per target table, pre-filled, at ``path``."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    for index, table in enumerate(tables):
        sheet = workbook.create_sheet(sheet_name(table.project_name or f"自评表{index + 1}", taken))
        inputs: list[tuple[int, int]] = []
        layout = selfeval_layout(blank_selfeval(table), inputs)
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
