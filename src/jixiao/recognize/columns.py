"""The indicator header row and placing a data row's cells under it.

Columns are found by their labels. A data row's cells go under the header column that covers their
position; a row printed one or more cells to the right (seed table 1, 时效指标) is moved back by the
shift under which its cells best fit their columns' vocabularies.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .. import taxonomy
from ..errors import ValueSyntaxError
from ..grid import Cell
from ..values import parse_number
from .labels import column_role

MAX_SHIFT = 3
#: How much better a shifted reading must fit before a row that fits its header is moved.
SHIFT_MARGIN = 6


@dataclass(frozen=True)
class Column:
    role: str | None  # None: a column jixiao has no field for, kept as an extra
    label: str
    start: int  # first source column it covers
    end: int  # one past the last

    def covers(self, column: int) -> bool:
        return self.start <= column < self.end


def header_columns(row: Sequence[Cell]) -> list[Column]:
    return [
        Column(column_role(cell.text), cell.text.strip(), cell.column, cell.column + cell.colspan)
        for cell in row
        if not cell.empty
    ]


def is_indicator_header(row: Sequence[Cell]) -> bool:
    roles = {column_role(cell.text) for cell in row if not cell.empty}
    return "level1" in roles and bool(roles & {"name", "target"})


_VOCABULARIES: dict[str, Callable[[str], bool]] = {
    "level1": taxonomy.is_level1,
    "level2": taxonomy.is_level2,
    "basis": taxonomy.is_basis,
    "scoring_rule": taxonomy.is_scoring_rule,
    "evidence": taxonomy.is_evidence,
}


def _is_number(text: str) -> bool:
    try:
        parse_number(text)
    except ValueSyntaxError:
        return False
    return True


def _fit(role: str | None, text: str) -> int:
    """How well ``text`` fits a column of ``role``: positive fits, negative clashes."""
    if role in _VOCABULARIES and _VOCABULARIES[role](text):
        return 2
    if any(check(text) for check in _VOCABULARIES.values()):
        return -2
    if role == "weight":
        return 1 if _is_number(text) else -2
    if role in _VOCABULARIES:
        return -1
    return 0


@dataclass(frozen=True)
class Placement:
    cells: dict[str, Cell]  # role or label → cell
    misplaced: tuple[Cell, ...]
    shift: int


def place(row: Sequence[Cell], columns: Sequence[Column]) -> Placement:
    """Place a row's non-empty cells under ``columns``, realigning a row shifted to the right."""
    filled = [cell for cell in row if not cell.empty]
    leading_empty = min((cell.column for cell in filled), default=1) - min(c.start for c in columns)
    unshifted = _place_at(filled, columns, 0)
    best, best_score = unshifted, _score(unshifted, columns)
    for shift in range(1, min(MAX_SHIFT, max(leading_empty, 0)) + 1):
        placement = _place_at(filled, columns, shift)
        score = _score(placement, columns)
        if score > best_score:
            best, best_score = placement, score
    # A row is read as printed unless it overflows the header or a shift fits far better.
    if best is not unshifted and not unshifted.misplaced and best_score - _score(unshifted, columns) < SHIFT_MARGIN:
        return unshifted
    return best


def _score(placement: Placement, columns: Sequence[Column]) -> int:
    fit = sum(_fit(_role_of(key, columns), cell.text) for key, cell in placement.cells.items())
    return fit - 3 * len(placement.misplaced)


def _role_of(key: str, columns: Sequence[Column]) -> str | None:
    for column in columns:
        if column.role == key:
            return key
    return None


def _place_at(filled: Sequence[Cell], columns: Sequence[Column], shift: int) -> Placement:
    cells: dict[str, Cell] = {}
    misplaced: list[Cell] = []
    for cell in filled:
        position = cell.column - shift
        column = next((c for c in columns if c.covers(position)), None)
        if column is None:
            misplaced.append(cell)
            continue
        key = column.role or column.label
        if key in cells:
            cells[key] = Cell(cells[key].text + " " + cell.text, cells[key].row, cells[key].column)
        else:
            cells[key] = cell
    return Placement(cells, tuple(misplaced), shift)
