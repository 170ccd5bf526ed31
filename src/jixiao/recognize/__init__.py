"""The one recognizer: any :class:`~jixiao.grid.Grid` → :class:`~jixiao.model.TargetTable`.

Every reader (text, xlsx, docx, pdf, html) yields grids; this module alone knows what a header
block, an indicator header row and a 三级指标 are.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .. import fields, units
from ..cells import is_blank
from ..errors import LayoutError, clip
from ..grid import Cell, Grid
from ..model import Funding, Kind, Operator, TargetTable
from ..notes import NoteKind, ReadingNote
from ..values import normalize, parse_target
from .columns import joined_header_rows
from .header import HeaderBlock, read_header
from .indicators import IndicatorRow, build_indicators, indicator_rows
from .labels import field_of
from .plausibility import check_header_row, check_placement, fallback_columns, placements

__all__ = ["RecognizedTable", "recognize", "recognize_tables", "split_tables"]


def split_tables(grid: Grid) -> list[tuple[tuple[Cell, ...], ...]]:
    """The grid's rows cut into tables: a 项目名称 row after an indicator header starts a new one."""
    return [rows for rows, _headers in _cut(grid)]


#: A table's rows, and for each whether it is an indicator header row.
_Cut = tuple[tuple[tuple[Cell, ...], ...], tuple[bool, ...]]


@lru_cache(maxsize=16384)
def _names_project(text: str) -> bool:
    """A non-empty cell labelled 项目名称."""
    return bool(text) and not text.isspace() and field_of(text) == "project_name"


def _cut(grid: Grid) -> list[_Cut]:
    tables: list[list[tuple[Cell, ...]]] = [[]]
    headers: list[list[bool]] = [[]]
    seen_header = False
    for row, header in joined_header_rows(grid.rows):
        if header:
            seen_header = True
        elif seen_header and any(map(_names_project, [cell.text for cell in row])):
            tables.append([])
            headers.append([])
            seen_header = False
        tables[-1].append(row)
        headers[-1].append(header)
    return [(tuple(rows), tuple(flags)) for rows, flags in zip(tables, headers, strict=True) if rows]


@dataclass(frozen=True)
class RecognizedTable:
    """A table with the rows it was read from, for recognizers that read more than the target table."""

    rows: tuple[tuple[Cell, ...], ...]
    header_at: int  # index in ``rows`` of the first indicator header row
    placed: tuple[IndicatorRow, ...]  # the data rows, each placed under its header
    table: TargetTable


def recognize(grid: Grid) -> list[TargetTable]:
    """All target tables in ``grid``; :class:`LayoutError` when there is no indicator header row."""
    return [recognized.table for recognized in recognize_tables(grid)]


def recognize_tables(grid: Grid) -> list[RecognizedTable]:
    """All tables in ``grid`` with their rows and placed data rows."""
    return [_table(rows, headers, grid) for rows, headers in _cut(grid)]


def _table(rows: tuple[tuple[Cell, ...], ...], headers: tuple[bool, ...], grid: Grid) -> RecognizedTable:
    header_at = headers.index(True) if True in headers else None
    first_row = next((cell.row for row in rows for cell in row), grid.title_row)
    if header_at is None:
        raise LayoutError(
            "找不到指标表头行：应有一行写着“一级指标”以及“三级指标”或“指标值”等列名",
            file=grid.source,
            row=first_row,
        )
    header = read_header(rows[:header_at], grid.title)
    start = max(header_at - 1, 0)
    placed, fallback_notes = fallback_columns(tuple(indicator_rows(rows[start:], grid.source, headers[start:])))
    indicators, row_notes = build_indicators(placed, grid.source)
    row_notes = [*fallback_notes, *row_notes, *check_placement(indicators, placed, grid.source)]
    row_notes += check_header_row(rows[header_at], indicators, grid.source)
    values = header.values
    funding, funding_notes = _funding(header, grid.source)
    table = TargetTable(
        project_name=values.get("project_name") or None,
        budget_unit=values.get("budget_unit") or None,
        department=values.get("department") or None,
        implementer=values.get("implementer") or None,
        project_lead=values.get("project_lead") or None,
        funding=funding,
        overall_goal=values.get("overall_goal") or values.get("period_goal") or None,
        indicators=tuple(indicators),
        title=grid.title,
        year=header.year,
        extra=tuple(header.extra),
        source_file=grid.source,
        source_row=grid.title_row or first_row,
        field_rows=tuple(header.rows.items()),
        notes=(*_notes_within(grid, rows), *funding_notes, *row_notes),
        columns=placements(placed, fallback_notes),
    )
    return RecognizedTable(rows, header_at, placed, table)


def _notes_within(grid: Grid, rows: tuple[tuple[Cell, ...], ...]) -> tuple[ReadingNote, ...]:
    """The grid's notes that concern this table's rows (all of them when the note names no row)."""
    if not grid.notes:
        return ()
    lines = {cell.row for row in rows for cell in row}
    return tuple(note for note in grid.notes if note.row is None or note.row in lines)


def _funding(header: HeaderBlock, source: str) -> tuple[Funding, list[ReadingNote]]:
    """项目资金 and a note for each amount that does not read as one (kept as text, the amount left empty)."""
    amounts: dict[str, Decimal | None] = {}
    notes: list[ReadingNote] = []
    for part in ("total", "fiscal", "other"):
        key = f"funding.{part}"
        try:
            amounts[part] = _amount(header, key)
        except ValueError:
            amounts[part] = None
            cell = header.cells[key]
            notes.append(
                ReadingNote(
                    NoteKind.UNREAD_FIELD,
                    f"{fields.label(key)}“{clip(cell.text)}”不是一个金额，原样保留，金额未读",
                    row=cell.row,
                    column=cell.column,
                    field=key,
                    text=cell.text,
                )
            )
    values = header.values
    funding = Funding(
        total=amounts["total"],
        fiscal=amounts["fiscal"],
        other=amounts["other"],
        unit=header.funding_unit,
        total_text=values.get("funding.total"),
        fiscal_text=values.get("funding.fiscal"),
        other_text=values.get("funding.other"),
    )
    return funding, notes


def _amount(header: HeaderBlock, key: str) -> Decimal | None:
    """A funding cell in the table's money unit: 114,352.00; 250万 (= 250万元); 0.3亿元 → 3000 when in 万元.

    :class:`ValueError` when the cell holds something else (several amounts, a label).
    """
    text = header.values.get(key)
    if text is None or is_blank(text):
        return None
    cleaned = normalize(text)
    if cleaned.endswith("万"):
        cleaned += "元"
    amount = parse_target(cleaned)
    if (
        amount is not None
        and amount.kind is Kind.NUMBER
        and amount.operator is Operator.EQ
        and amount.value is not None
    ):
        if amount.unit is None:
            return amount.value
        if units.dimension(amount.unit) == units.MONEY:
            return units.convert(amount.value, amount.unit, header.funding_unit)
    raise ValueError(text)
