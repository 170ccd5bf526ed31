"""Writer for Excel: one sheet per table in the official layout, findings as comments and a sheet.

Title, header block and indicator rows with merged 一级/二级 cells, thin borders, column widths, A4
landscape fitted to the page width, the indicator header row frozen and repeated on every printed page.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ...findings import Finding
from ...model import TargetTable
from .findings import FINDING_COLUMNS, finding_rows, locate
from .formulas import set_text, set_value
from .layout import TableLayout, table_layout

FONT = "宋体"
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_STYLES: dict[str, tuple[Font, Alignment]] = {
    "title": (Font(name=FONT, size=16, bold=True), Alignment(horizontal="center", vertical="center")),
    "subtitle": (Font(name=FONT, size=11), Alignment(horizontal="center", vertical="center")),
    "label": (Font(name=FONT, size=10, bold=True), Alignment(horizontal="center", vertical="center", wrap_text=True)),
    "head": (Font(name=FONT, size=10, bold=True), Alignment(horizontal="center", vertical="center", wrap_text=True)),
    "level": (Font(name=FONT, size=10), Alignment(horizontal="center", vertical="center", wrap_text=True)),
    "value": (Font(name=FONT, size=10), Alignment(horizontal="left", vertical="center", wrap_text=True)),
    "goal": (Font(name=FONT, size=10), Alignment(horizontal="left", vertical="top", wrap_text=True)),
    "data": (Font(name=FONT, size=10), Alignment(horizontal="left", vertical="center", wrap_text=True)),
    "number": (Font(name=FONT, size=10), Alignment(horizontal="center", vertical="center")),
}
_LINE = 13.5  # points per line of 10 pt text
_HEAD_FILL = PatternFill("solid", fgColor="F2F2F2")
_DEFAULT_ROW = 15.0
#: Tallest block of rows frozen above the indicators (points): a long 年度总体目标 would otherwise freeze more
#: rows than a laptop window shows and the indicators could not be scrolled into view.
MAX_FROZEN_POINTS = 320.0
_INVALID_SHEET = re.compile(r"[\[\]:*?/\\]")


def sheet_name(text: str, taken: set[str]) -> str:
    """A valid, unique sheet name (≤ 31 characters, no []:*?/\\) from a project name."""
    base = _INVALID_SHEET.sub("", text).strip("'") or "目标表"
    name, number = base[:31], 2
    while name in taken:
        suffix = f"({number})"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(name)
    return name


def display_width(text: str) -> float:
    """Width of ``text`` in Excel character units: a CJK character is two."""
    return sum(2.0 if unicodedata.east_asian_width(ch) in "WF" else 1.1 for ch in text)


def row_heights(layout: TableLayout) -> dict[int, float]:
    """Explicit row heights (points) fitting each row's wrapped text.

    Excel does not grow rows holding merged cells and LibreOffice keeps the default height of rows read
    from xlsx, so a long 三级指标 or goal would be cut off on the printed page; the heights are set here.
    """
    heights: dict[int, float] = {1: 30.0}
    for cell in layout.cells():
        if cell.rowspan > 1 or cell.style in ("title",):
            continue
        width = sum(layout.widths[cell.column - 1 : cell.column - 1 + cell.colspan]) - 1.5
        lines = sum(max(1, math.ceil(display_width(line) / max(width, 1.0))) for line in cell.text.split("\n"))
        heights[cell.row] = max(heights.get(cell.row, _LINE + 6), lines * _LINE + 6)
    return heights


def write_layout(sheet: Worksheet, layout: TableLayout) -> None:
    """Render a layout on an empty sheet, styles, merges and print setup included."""
    for cell in layout.cells():
        target = sheet.cell(cell.row, cell.column)
        if cell.number is not None:
            target.value = cell.number
            target.number_format = (
                "#,##0.00" if cell.field and cell.field.startswith(("funding", "budget")) else "General"
            )
        else:
            set_text(target, cell.text)
        font, alignment = _STYLES[cell.style]
        target.font, target.alignment = font, alignment
        if cell.style in ("label", "head"):
            target.fill = _HEAD_FILL
        if cell.rowspan > 1 or cell.colspan > 1:
            sheet.merge_cells(
                start_row=cell.row,
                start_column=cell.column,
                end_row=cell.row + cell.rowspan - 1,
                end_column=cell.column + cell.colspan - 1,
            )
        if cell.style not in ("title", "subtitle"):
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.column, cell.column + cell.colspan):
                    sheet.cell(r, c).border = BORDER
    for column, width in enumerate(layout.widths, 1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    heights = row_heights(layout)
    for row, height in heights.items():
        sheet.row_dimensions[row].height = height
    _print_setup(sheet, layout)
    frozen = sum(heights.get(row, _DEFAULT_ROW) for row in range(1, layout.header_row + 1))
    if frozen <= MAX_FROZEN_POINTS:
        sheet.freeze_panes = sheet.cell(layout.header_row + 1, 1)


def _print_setup(sheet: Worksheet, layout: TableLayout) -> None:
    sheet.print_title_rows = f"{layout.header_row}:{layout.header_row}"
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6


def write_xlsx(
    tables: Sequence[TargetTable],
    path: Path,
    *,
    findings: Sequence[Sequence[Finding]] | None = None,
    findings_sheet: bool = True,
) -> None:
    """Write ``tables`` to ``path``; ``findings`` holds one list of findings per table, in table order."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    for index, table in enumerate(tables):
        layout = table_layout(table)
        sheet = workbook.create_sheet(sheet_name(table.project_name or f"目标表{index + 1}", taken))
        write_layout(sheet, layout)
        for finding in findings[index] if findings and index < len(findings) else ():
            _comment(sheet, layout, table, finding)
    if findings and findings_sheet:
        _findings_sheet(workbook.create_sheet(sheet_name("审核意见", taken)), tables, findings)
    workbook.save(path)


def _comment(sheet: Worksheet, layout: TableLayout, table: TargetTable, finding: Finding) -> None:
    cell = locate(layout, table, finding)
    target = sheet.cell(cell.row, cell.column)
    text = f"[{finding.code}] {finding.severity.label}：{finding.title}\n{finding.message}"
    if target.comment is not None:
        text = target.comment.text + "\n\n" + text
    comment = Comment(text, "jixiao")
    comment.width, comment.height = 320, 160
    target.comment = comment


def _findings_sheet(sheet: Worksheet, tables: Sequence[TargetTable], findings: Sequence[Sequence[Finding]]) -> None:
    for column, (label, width) in enumerate(FINDING_COLUMNS, 1):
        cell = sheet.cell(1, column, label)
        cell.font, cell.fill, cell.border = Font(name=FONT, bold=True), _HEAD_FILL, BORDER
        sheet.column_dimensions[get_column_letter(column)].width = width
    for r, values in enumerate(finding_rows(tables, findings), 2):
        for column, value in enumerate(values, 1):
            cell = sheet.cell(r, column)
            set_value(cell, value)
            cell.font, cell.border = Font(name=FONT), BORDER
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(FINDING_COLUMNS))}{sheet.max_row}"
