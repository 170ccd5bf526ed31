"""What a person must confirm in a table read by OCR: doubtful and repaired cells, as reading notes.

Run on each grid the OCR reader makes, before the recognizer. It reads the grid as the recognizer will — the
indicator header row names the columns — so that each cell is judged by what it holds:

* a value cell (指标值, 上年完成值, 实际完成值, 分值, an amount) below :data:`VALUE_CONFIDENCE`, any other below
  :data:`TEXT_CONFIDENCE`, is doubtful; so is a cell with ink in it where nothing was recognised;
* a 指标值 or 实际完成值 whose operator looks lost or misread (:mod:`.operators`) is repaired or doubted;
* a misread label of the indicator header row (``级指标``) is put right, or the whole table would be lost.

A repaired cell's text is replaced in the grid (the recognizer reads the repair) and its note keeps the text as read.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import replace

from ... import fields
from ...grid import Cell, Grid
from ...notes import NoteKind, ReadingNote
from ...recognize.columns import column_positions, header_columns, is_indicator_header
from ...recognize.labels import COLUMN_LABELS, column_role, normalize_label
from .operators import suspect
from .plausibility import implausible

#: Below this confidence a value cell is listed for confirmation.
VALUE_CONFIDENCE = 0.95
#: Below this confidence any other cell is.
TEXT_CONFIDENCE = 0.85
#: Confidence given to a cell where ink was seen but no text recognised.
UNREAD = 0.0
#: Columns whose cells hold values that review and scoring compute with.
VALUE_FIELDS = frozenset({"target", "prior", "actual", "weight", "score", "actual_to_date", "forecast"})
#: Columns where a lost operator changes the meaning.
OPERATOR_FIELDS = frozenset({"target", "actual", "actual_to_date", "forecast"})
_HEADER_LABELS = {label: role for role, labels in COLUMN_LABELS.items() for label in labels}


def check(grid: Grid) -> Grid:
    """``grid`` with its doubtful cells noted and its misread operators and header labels repaired."""
    notes: list[ReadingNote] = []
    rows: list[tuple[Cell, ...]] = []
    header: dict[int, str | None] | None = None
    level1: str | None = None
    for row in grid.rows:
        row = _header_repaired(row, notes)
        if is_indicator_header(row):
            header = {position: column.role for position, column in column_positions(header_columns(row)).items()}
            rows.append(row)
            continue
        if header is None or not any(role in VALUE_FIELDS for role in header.values()):
            rows.append(tuple(_plain(cell, _looks_like_value(cell), notes) for cell in row))
            continue
        roles = {cell.column: header.get(cell.column) for cell in row}
        by_role = {role: cell for cell, role in ((cell, roles[cell.column]) for cell in row) if role}
        level1 = by_role["level1"].text if "level1" in by_role and not by_role["level1"].empty else level1
        rows.append(tuple(_indicator_cell(cell, roles[cell.column], by_role, level1, notes) for cell in row))
    return replace(grid, rows=tuple(rows), notes=(*grid.notes, *notes))


def _label(field: str | None) -> str:
    return fields.label(field) if field else "单元格"


def _plain(cell: Cell, value: bool, notes: list[ReadingNote], field: str | None = None) -> Cell:
    """``cell`` unchanged, noted when its confidence is below the bar for what it holds."""
    if cell.confidence is None:
        return cell
    if cell.empty:
        if cell.confidence <= UNREAD:
            notes.append(
                _note(NoteKind.DOUBTFUL_CELL, cell, field, f"{_label(field)}里有字迹，但没有识别出文字，请对照原件补录")
            )
        return cell
    bar = VALUE_CONFIDENCE if value else TEXT_CONFIDENCE
    if cell.confidence < bar:
        notes.append(
            _note(
                NoteKind.DOUBTFUL_CELL,
                cell,
                field,
                f"{_label(field)}“{cell.text}”识别把握不大（置信度 {cell.confidence:.2f}），请对照原件核对",
            )
        )
    return cell


def _indicator_cell(
    cell: Cell, role: str | None, row: dict[str, Cell], level1: str | None, notes: list[ReadingNote]
) -> Cell:
    if cell.confidence is None or cell.empty or role not in VALUE_FIELDS:
        return _plain(cell, role in VALUE_FIELDS or (role is None and _looks_like_value(cell)), notes, role)
    name = row["name"].text if "name" in row else ""
    label = _label(role)
    if role in OPERATOR_FIELDS:
        compared = row.get("prior" if role == "target" else "target")
        found = suspect(cell.text, name=name, level1=level1, compared=compared.text if compared else None)
        if found is not None and found.repaired:
            message = f"{label}识别为“{cell.text}”：{found.why}，已按“{found.suggestion}”读取，请核对"
            notes.append(_note(NoteKind.REPAIRED_CELL, cell, role, message, suggestion=found.suggestion))
            return replace(cell, text=found.suggestion)
        if found is not None:
            message = f"{label}“{cell.text}”：{found.why}，请核对"
            notes.append(_note(NoteKind.DOUBTFUL_CELL, cell, role, message, suggestion=found.suggestion))
            return cell
    problem = implausible(cell.text, field=role, name=name)
    if problem is not None:
        notes.append(
            _note(NoteKind.DOUBTFUL_CELL, cell, role, f"{label}“{cell.text}”{problem}，可能识别有误，请对照原件核对")
        )
        return cell
    return _plain(cell, True, notes, role)


def _note(kind: NoteKind, cell: Cell, field: str | None, message: str, *, suggestion: str | None = None) -> ReadingNote:
    if cell.region is not None:  # a grid's rows run on across pages: the page is what to look at in the scan
        message += f"（扫描件第{cell.region.page}页）"
    return ReadingNote(
        kind,
        message,
        row=cell.row,
        column=cell.column,
        field=field,
        text=cell.text,
        suggestion=suggestion,
        confidence=cell.confidence,
    )


def _looks_like_value(cell: Cell) -> bool:
    return any(character.isdigit() for character in cell.text)


def _header_repaired(row: tuple[Cell, ...], notes: list[ReadingNote]) -> tuple[Cell, ...]:
    """An indicator header row with a misread label (级指标, 三级指樗) put right, when the rest of the row is one.

    Also when the row reads as a header without it: a flat list (no 一级/二级 columns) is a header too, and a
    misread 一级指标 would otherwise be kept as an unknown column.
    """
    if any(cell.confidence is None for cell in row):
        return row
    roles = [column_role(cell.text) for cell in row]
    if sum(role is not None for role in roles) < 3:
        return row
    present = {role for role in roles if role}
    repaired: list[Cell] = []
    for cell, role in zip(row, roles, strict=True):
        label = None if role or cell.empty else _closest_label(cell.text, present)
        if label is None:
            repaired.append(cell)
            continue
        notes.append(
            ReadingNote(
                NoteKind.FALLBACK,
                f"表头“{cell.text}”按“{label}”读取",
                row=cell.row,
                column=cell.column,
                text=cell.text,
                suggestion=label,
                confidence=cell.confidence,
            )
        )
        repaired.append(replace(cell, text=label))
        present.add(column_role(label) or "")
    return tuple(repaired)


def _closest_label(text: str, present: Sequence[str] | set[str]) -> str | None:
    """The column label ``text`` is a near miss of (one character lost or wrong), for a column not yet in the row."""
    written = normalize_label(text)
    candidates = [label for label, role in _HEADER_LABELS.items() if role not in present]
    close = difflib.get_close_matches(written, candidates, n=2, cutoff=0.75)
    if len(close) == 1 or (len(close) == 2 and _HEADER_LABELS[close[0]] == _HEADER_LABELS[close[1]]):
        return close[0]
    return None
