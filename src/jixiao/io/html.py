"""Reader for HTML pages: every innermost ``<table>`` → grids, with rowspan/colspan placed.

Disclosure pages put the tables among menus, text and layout tables; only tables that hold no other
table are read, and a table's title is its ``<caption>`` or the nearest text before it that ends in 表.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import lxml.html

from ..errors import InputError
from ..grid import Cell, Grid
from .limits import MAX_TABLES
from .segment import CellBudget, clean_text, is_title, split_grids
from .text import decode

_BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"}
_MAX_SPAN = 200


def read_html(path: Path) -> list[Grid]:
    return read_html_text(decode(path.read_bytes(), str(path)), str(path))


def read_html_text(markup: str, source: str) -> list[Grid]:
    try:
        root = lxml.html.document_fromstring(markup)
    except Exception as error:  # lxml raises ParserError or ValueError for a document it cannot parse
        raise InputError(f"HTML 无法解析：{str(error)[:200]}", file=source) from None
    for junk in root.xpath("//script|//style|//noscript|//template"):
        junk.drop_tree()
    tables = [table for table in root.iter("table") if not table.xpath(".//table")]
    if len(tables) > MAX_TABLES:
        raise InputError(f"HTML 页面的表格超过 {MAX_TABLES} 个", file=source)
    budget = CellBudget(source)
    grids: list[Grid] = []
    for table in tables:
        rows = table_rows(table)
        budget.add(sum(1 for row in rows for cell in row if not cell.empty))
        grids.extend(split_grids(rows, source, title=_title(table)))
    return grids


def element_text(element: Any) -> str:
    """Text of an element with <br>, <p> and other blocks as line breaks."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _BLOCKS:
            parts.append("\n")
        if node.text and tag:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag in _BLOCKS:
            parts.append("\n")

    walk(element)
    return clean_text("".join(parts))


def _span(cell: Any, name: str) -> int:
    try:
        return min(max(int(str(cell.get(name, "1")).strip() or 1), 1), _MAX_SPAN)
    except ValueError:
        return 1


def table_rows(table: Any) -> list[tuple[Cell, ...]]:
    """Rows of one table with cells at their true grid columns (the HTML table model)."""
    # column → last row a rowspan from above covers: a cell's area is never expanded position by position,
    # so a small page of rowspan="200" colspan="200" cells costs no memory
    covered_until: dict[int, int] = {}
    rows: list[tuple[Cell, ...]] = []
    trs = list(table.iter("tr"))
    for r, tr in enumerate(trs, start=1):
        cells: list[Cell] = []
        column = 1
        for td in tr:
            if td.tag not in ("td", "th"):
                continue
            while covered_until.get(column, 0) >= r:
                column += 1
            rowspan, colspan = _span(td, "rowspan"), _span(td, "colspan")
            rowspan = min(rowspan, len(trs) - r + 1)
            if rowspan > 1:
                for dc in range(colspan):
                    covered_until[column + dc] = max(covered_until.get(column + dc, 0), r + rowspan - 1)
            cells.append(Cell(element_text(td), r, column, rowspan, colspan))
            column += colspan
        rows.append(tuple(cells))
    return rows


def _title(table: Any) -> str | None:
    caption = table.find("caption")
    if caption is not None and element_text(caption):
        return element_text(caption).replace("\n", "")
    node = table
    for _ in range(20):
        previous = node.getprevious()
        while previous is None:
            node = node.getparent()
            if node is None:
                return None
            previous = node.getprevious()
        node = previous
        if node.tag == "table" or node.xpath(".//table"):
            return None
        for line in reversed(element_text(node).split("\n")):
            if line and is_title((Cell(line, 0, 1),)):
                return line
            if line:
                break
    return None
