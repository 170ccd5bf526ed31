"""Cutting a sheet, page or document into grids: a title row (项目支出绩效目标表) starts a new table.

Shared by the xlsx, xls, docx, html and pdf readers; it knows what a table title looks like, never
what a 三级指标 is.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal

from ..errors import InputError
from ..grid import Cell, Grid
from .limits import MAX_CELLS

_TITLE_END = re.compile(r"(表|表格)(\s*[(（][^()（）]*[)）])?$")
_SPACE = re.compile(r"[ \t\u3000\xa0]+")


def clean_text(text: str) -> str:
    """Cell text as shown: non-breaking and ideographic spaces folded, blank lines dropped, ends trimmed."""
    lines = [_SPACE.sub(" ", line).strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(line for line in lines if line)


def value_text(value: object) -> str:
    """A spreadsheet value as the text a reader of the printed table sees (8.0 → '8', 0.1 → '0.1')."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return ""
        number = Decimal(repr(value))
        if number == number.to_integral_value():
            return str(int(number))
        return format(number.normalize(), "f")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d") if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return clean_text(str(value))


def is_title(row: Sequence[Cell]) -> bool:
    """A row holding only a short caption ending in 表: 项目支出绩效目标表, 2024年度项目支出绩效目标表（一）."""
    filled = [cell for cell in row if not cell.empty]
    if len(filled) != 1:
        return False
    text = unicodedata.normalize("NFKC", filled[0].text).strip()
    return len(text) <= 40 and ":" not in text and "\n" not in text and bool(_TITLE_END.search(text))


class CellBudget:
    """Counts non-empty cells across a file and refuses more than :data:`MAX_CELLS`."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.count = 0

    def add(self, cells: int) -> None:
        self.count += cells
        if self.count > MAX_CELLS:
            raise InputError(f"表格内容过多（超过 {MAX_CELLS} 个非空单元格），请只保留要读取的表格", file=self.source)


def split_grids(rows: Sequence[tuple[Cell, ...]], source: str, *, title: str | None = None) -> list[Grid]:
    """Rows → grids, a new grid at each title row; empty rows dropped, grids without content skipped."""
    grids: list[Grid] = []
    current: list[tuple[Cell, ...]] = []
    current_title, title_row = title, None

    def flush() -> None:
        if current:
            grids.append(Grid(tuple(current), source=source, title=current_title, title_row=title_row))

    for row in rows:
        if not any(not cell.empty for cell in row):
            continue
        if is_title(row):
            flush()
            current = []
            current_title = next(cell.text for cell in row if not cell.empty)
            title_row = row[0].row if row else None
            continue
        current.append(row)
    flush()
    return grids
