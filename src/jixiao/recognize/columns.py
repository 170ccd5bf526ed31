"""The indicator header row and placing a data row's cells under it.

Columns are found by their labels. A data row's cells go under the header column that covers their
position; a row printed one or more cells to the right (seed table 1, 时效指标) is moved back by the
shift under which its cells best fit their columns' vocabularies.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

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
    if not any("一级" in cell.text for cell in row):
        return False  # every header names its 一级指标 column; most rows are not headers
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


@lru_cache(maxsize=16384)
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
    roles: dict[str, str | None] = field(default_factory=dict)  # key → its column's role


def place(row: Sequence[Cell], columns: tuple[Column, ...], positions: dict[int, Column] | None = None) -> Placement:
    """Place a row's non-empty cells under ``columns``, realigning a row shifted to the right.

    ``positions`` (from :func:`column_positions`) saves recomputing the header's layout for every row.
    """
    positions = positions if positions is not None else column_positions(columns)
    filled = [cell for cell in row if not cell.empty]
    unshifted = _place_at(filled, positions, 0)
    unshifted_score = _score(unshifted)
    if not unshifted.misplaced and unshifted_score >= 0:
        return unshifted
    leading_empty = min((cell.column for cell in filled), default=1) - columns[0].start
    best, best_score = unshifted, unshifted_score
    for shift in range(1, min(MAX_SHIFT, max(leading_empty, 0)) + 1):
        placement = _place_at(filled, positions, shift)
        score = _score(placement)
        if score > best_score:
            best, best_score = placement, score
    # A row is read as printed unless it overflows the header or a shift fits far better.
    if not unshifted.misplaced and best_score - unshifted_score < SHIFT_MARGIN:
        return unshifted
    return best


def _score(placement: Placement) -> int:
    fit = sum(_fit(role, placement.cells[key].text) for key, role in placement.roles.items())
    return fit - 3 * len(placement.misplaced)


def column_positions(columns: Sequence[Column]) -> dict[int, Column]:
    """Source column → the header column covering it."""
    return {position: column for column in columns for position in range(column.start, column.end)}


def _place_at(filled: Sequence[Cell], positions: dict[int, Column], shift: int) -> Placement:
    cells: dict[str, Cell] = {}
    roles: dict[str, str | None] = {}
    misplaced: list[Cell] = []
    for cell in filled:
        column = positions.get(cell.column - shift)
        if column is None:
            misplaced.append(cell)
            continue
        key = column.role or column.label
        if key in cells:
            cells[key] = Cell(cells[key].text + " " + cell.text, cells[key].row, cells[key].column)
        else:
            cells[key] = cell
            roles[key] = column.role
    return Placement(cells, tuple(misplaced), shift, roles)
