"""Reader for Excel workbooks (xlsx, and xls through :mod:`jixiao.io.xls`): every sheet → grids.

python-calamine reads the cells and the merged ranges; a merged range appears once, at its top-left
cell, with its spans. Hidden sheets are skipped. Several tables on a sheet are cut at their title rows.
"""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import python_calamine

from ..errors import InputError
from ..grid import Cell, Grid
from .container import ZipContents, check_zip
from .segment import CellBudget, split_grids, value_text
from .workbook_parts import sheet_parts

KIND = "Excel "
_RELATIONS = "xl/_rels/workbook.xml.rels"


def read_xlsx(path: Path) -> list[Grid]:
    contents = check_zip(path, kind=KIND, sheets_prefix="xl/worksheets/")
    if "xl/workbook.xml" not in contents.names and "xl/workbook.bin" not in contents.names:
        raise InputError("不是 Excel 工作簿（缺少 xl/workbook.xml）", file=path)
    return read_workbook(path, _percent_cells_by_sheet(path, contents))


def _percent_cells_by_sheet(path: Path, contents: ZipContents) -> dict[str, set[tuple[int, int]]]:
    if not any(contents.percent_cells.values()) or _RELATIONS not in contents.names:
        return {}
    with zipfile.ZipFile(path) as archive:
        parts = sheet_parts(archive.read("xl/workbook.xml"), archive.read(_RELATIONS))
    return {name: contents.percent_cells.get(part, set()) for name, part in parts.items()}


def read_ods(path: Path) -> list[Grid]:
    check_zip(path, kind="ODS ", ods=True)
    return read_workbook(path)


def read_workbook(path: Path, percent_cells: dict[str, set[tuple[int, int]]] | None = None) -> list[Grid]:
    """All visible sheets of a workbook calamine can open, as grids.

    ``percent_cells`` names, per sheet, the (row, column) of cells shown as percentages: 0.45 there reads 45%.
    """
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except BaseException as error:  # calamine's own error types; a Rust panic is a BaseException
        raise InputError(f"Excel 文件无法打开：{_reason(_not_an_interrupt(error))}", file=path) from None
    budget = CellBudget(str(path))
    grids: list[Grid] = []
    try:
        for meta in workbook.sheets_metadata:
            if str(meta.visible).rsplit(".", 1)[-1] != "Visible" or str(meta.typ).rsplit(".", 1)[-1] != "WorkSheet":
                continue
            try:
                sheet = workbook.get_sheet_by_name(meta.name)
            except BaseException as error:
                raise InputError(
                    f"工作表“{meta.name}”无法读取：{_reason(_not_an_interrupt(error))}", file=path
                ) from None
            percent = (percent_cells or {}).get(meta.name, set())
            grids.extend(sheet_grids(sheet, f"{path}", budget, percent))
    finally:
        workbook.close()
    return grids


def _not_an_interrupt(error: BaseException) -> BaseException:
    """``error`` itself unless it is Ctrl-C or an exit, which go on up as they came."""
    if isinstance(error, KeyboardInterrupt | SystemExit):
        raise error
    return error


def _reason(error: BaseException) -> str:
    return str(error).splitlines()[0][:200] if str(error) else type(error).__name__


def sheet_grids(sheet: Any, source: str, budget: CellBudget, percent: set[tuple[int, int]] | None = None) -> list[Grid]:
    """One calamine sheet → grids; positions are the sheet's own 1-based rows and columns."""
    values: list[list[Any]] = sheet.to_python(skip_empty_area=False)
    first_row, first_column = sheet.start if sheet.start else (0, 0)
    last_row = first_row + len(values) - 1
    last_column = first_column + max((len(line) for line in values), default=0) - 1
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for (top, left), (bottom, right) in sheet.merged_cell_ranges or ():
        # a merged range reaching past the cells (a whole row, column or sheet merged) ends where they end
        bottom, right = min(bottom, max(last_row, top)), min(right, max(last_column, left))
        spans[(top, left)] = (bottom - top + 1, right - left + 1)
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                if (r, c) != (top, left):
                    covered.add((r, c))
    rows: list[tuple[Cell, ...]] = []
    for r, line in enumerate(values):
        cells: list[Cell] = []
        for c, value in enumerate(line):
            position = (first_row + r, first_column + c)
            if position in covered:
                continue
            text = value_text(value)
            if percent and isinstance(value, float) and (position[0] + 1, position[1] + 1) in percent:
                text = value_text(float(Decimal(repr(value)) * 100)) + "%"
            rowspan, colspan = spans.get(position, (1, 1))
            if text or position in spans:
                cells.append(Cell(text, position[0] + 1, position[1] + 1, rowspan, colspan))
        while cells and cells[-1].empty:
            cells.pop()
        budget.add(sum(1 for cell in cells if not cell.empty))
        rows.append(tuple(cells))
    return split_grids(rows, source, title=None)
