"""Reader for Word documents (.docx): every table → grids, titles from the paragraphs before them.

Cells are read from the document XML so that merged cells come back once: a horizontal merge
(``gridSpan``) is one cell with a colspan, a vertical merge (``vMerge``) one cell with a rowspan.
A table nested inside a table cell is refused: its cells cannot be placed in the outer grid.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn

from ..errors import InputError
from ..grid import Cell, Grid
from .container import check_zip
from .limits import MAX_TABLES
from .segment import CellBudget, clean_text, is_title, split_grids

KIND = "Word "
_P, _T, _TBL, _TR, _TC = qn("w:p"), qn("w:t"), qn("w:tbl"), qn("w:tr"), qn("w:tc")


def read_docx(path: Path) -> list[Grid]:
    if "word/document.xml" not in check_zip(path, kind=KIND).names:
        raise InputError("不是 Word 文档（缺少 word/document.xml）", file=path)
    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx and lxml raise many kinds for a broken package
        raise InputError(f"Word 文件无法打开：{str(error)[:200] or type(error).__name__}", file=path) from None
    body = document.element.body
    source = str(path)
    budget = CellBudget(source)
    grids: list[Grid] = []
    title: str | None = None
    tables = 0
    for child in body.iterchildren():
        if child.tag == _P:
            text = paragraph_text(child)
            if text and is_title((Cell(text, 0, 1),)):
                title = text
        elif child.tag == _TBL:
            tables += 1
            if tables > MAX_TABLES:
                raise InputError(f"Word 文件的表格超过 {MAX_TABLES} 个", file=path)
            rows = table_rows(child, tables, source)
            budget.add(sum(1 for row in rows for cell in row if not cell.empty))
            grids.extend(split_grids(rows, source, title=title))
            title = None
    return grids


def paragraph_text(paragraph: Any) -> str:
    parts: list[str] = []
    for node in paragraph.iter(_T, qn("w:tab"), qn("w:br"), qn("w:cr")):
        if node.tag == _T:
            parts.append(node.text or "")
        else:
            parts.append("\n" if node.tag != qn("w:tab") else " ")
    return clean_text("".join(parts))


def _cell_text(tc: Any) -> str:
    return clean_text("\n".join(paragraph_text(p) for p in tc.iterchildren(_P)))


def _int_attribute(parent: Any, path: str, default: int) -> int:
    node = parent.find(path)
    if node is None:
        return default
    try:
        return int(node.get(qn("w:val")))
    except (TypeError, ValueError):
        return default


def table_rows(table: Any, number: int, source: str) -> list[tuple[Cell, ...]]:
    """One ``w:tbl`` → rows of cells; row numbers count the table's rows from 1."""
    rows: list[list[Cell]] = []
    open_vertical: dict[int, tuple[int, int]] = {}  # grid column → (row index, cell index) of the merge's start
    for r, tr in enumerate(table.iterchildren(_TR)):
        cells: list[Cell] = []
        column = 1 + _int_attribute(tr, f"{qn('w:trPr')}/{qn('w:gridBefore')}", 0)
        for tc in tr.iterchildren(_TC):
            if tc.find(f".//{_TBL}") is not None:
                raise InputError(
                    f"第{number}个表格第{r + 1}行第{column}列里嵌套了另一个表格；请把内层表格移出来，或提供 Excel 原件",
                    file=source,
                )
            properties = tc.find(qn("w:tcPr"))
            span = _int_attribute(properties, qn("w:gridSpan"), 1) if properties is not None else 1
            merge = properties.find(qn("w:vMerge")) if properties is not None else None
            continues = merge is not None and merge.get(qn("w:val")) in (None, "continue")
            if continues and column in open_vertical:
                start_row, index = open_vertical[column]
                above = rows[start_row][index]
                rows[start_row][index] = Cell(above.text, above.row, above.column, above.rowspan + 1, above.colspan)
            else:
                cells.append(Cell(_cell_text(tc), r + 1, column, 1, max(span, 1)))
                if merge is not None:
                    open_vertical[column] = (r, len(cells) - 1)
                else:
                    open_vertical.pop(column, None)
            column += max(span, 1)
        rows.append(cells)
    return [tuple(row) for row in rows]
