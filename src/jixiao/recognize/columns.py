"""The indicator header row and placing a data row's cells under it.

Columns are found by their labels. A data row's cells go under the header column that covers their
position; a row printed one or more cells to the right (seed table 1, 时效指标) is moved back by the
shift under which its cells best fit their columns' vocabularies.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache, partial
from operator import call
from typing import NamedTuple

from .. import taxonomy
from ..errors import LayoutError, ValueSyntaxError
from ..grid import Cell, filled
from ..values import parse_number
from .folding import simplified
from .labels import PERIODS, column_period, column_role

MAX_SHIFT = 3
#: How much better a shifted reading must fit before a row that fits its header is moved.
SHIFT_MARGIN = 6


@dataclass(frozen=True)
class Column:
    role: str | None  # None: a column jixiao has no field for, kept as an extra
    label: str
    start: int  # first source column it covers
    end: int  # one past the last
    period: str | None = None  # set on the columns of a group other than the annual one: 中期, 长期
    #: What a placed cell is filed under: its role (target@中期 in a group of another period) or its label.
    key: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        grouped = f"{self.role}@{self.period}" if self.period else self.role
        object.__setattr__(self, "key", self.label if self.role is None else grouped)

    def covers(self, column: int) -> bool:
        return self.start <= column < self.end


#: Roles that, printed twice in one header, start a second group of columns (中期 beside 年度).
_GROUP_ROLES = frozenset({"level1", "level2", "name", "target"})
ANNUAL = "年度"


def header_columns(row: Sequence[Cell], above: Sequence[Cell] = ()) -> list[Column]:
    """The header's columns; in a header with several groups of indicator columns (中期 | 年度), the columns of
    each group other than the annual one carry that group's period. ``above`` is the row over the header, where
    the groups may be named (中期目标 over one group, 年度目标 over the other).

    :class:`LayoutError` when a header has several groups and which one is the annual one is not said.
    """
    written = tuple([(cell.text, cell.column, cell.colspan) for cell in filled(row)])
    single = _single_group(written)
    if single is not None:
        return list(single.columns)
    columns = _labelled(written)
    groups = _groups(columns)
    named = _periods_above(above)
    periods = []
    for group in groups:
        said = {column_period(column.label) for column in group} - {None}
        over = next((period for at, period in reversed(named) if at <= group[0].start), None)
        if not said and over is not None:
            said = {over}
        periods.append(said.pop() if len(said) == 1 else None)
    if ANNUAL not in periods:
        unnamed = [i for i, period in enumerate(periods) if period is None]
        if len(unnamed) != 1:
            labels = "、".join(f"“{group[0].label}”（第{group[0].start}列起）" for group in groups)
            raise LayoutError(
                f"表头有{len(groups)}组指标列（{labels}），没有写明哪一组是年度指标，无法判断用哪一组",
                row=row[0].row if row else None,
            )
        periods[unnamed[0]] = ANNUAL
    return [
        dataclasses.replace(column, period=None if period == ANNUAL else period)
        for group, period in zip(groups, periods, strict=True)
        for column in group
    ]


def _labelled(labels: tuple[tuple[str, int, int], ...]) -> list[Column]:
    return [Column(column_role(text), text.strip(), start, start + span) for text, start, span in labels]


@dataclass(frozen=True)
class HeaderLayout:
    """A header's columns, which header column covers each source column, and the periods of its other groups."""

    columns: tuple[Column, ...]
    positions: dict[int, Column]
    periods: tuple[str, ...]
    #: Per row shape (the source columns of a row's non-empty cells): the keys and roles its cells are filed under
    #: when the shape places every cell under a column of its own, else None (see :func:`place_under`).
    shapes: dict[tuple[int, ...], _Shape | None] = field(default_factory=dict, compare=False, repr=False)


class _Shape(NamedTuple):
    keys: tuple[str, ...]
    roles: dict[str, str | None]
    fits: tuple[Callable[[str], int], ...]  # each cell's :func:`_fit` to its column's role


#: Most row shapes remembered per header layout.
_MAX_SHAPES = 256


def header_layout(row: Sequence[Cell], above: Sequence[Cell] = ()) -> HeaderLayout:
    """:func:`header_columns` with the layout computed from them; a header with one group of columns (nearly every
    one) is laid out once per distinct header, and the layout shared by the tables printed under it."""
    labels = tuple([(cell.text, cell.column, cell.colspan) for cell in filled(row)])
    single = _single_group(labels)
    return single if single is not None else _layout(tuple(header_columns(row, above)))


@lru_cache(maxsize=1024)
def _single_group(labels: tuple[tuple[str, int, int], ...]) -> HeaderLayout | None:
    """The layout of a header of one group of columns (which does not depend on the row above), else None."""
    columns = _labelled(labels)
    if len(_groups(columns)) >= 2:
        return None
    return _layout(tuple(_repeated_roles(columns)))


def _layout(columns: tuple[Column, ...]) -> HeaderLayout:
    periods = tuple(sorted({column.period for column in columns if column.period}))
    return HeaderLayout(columns, column_positions(columns), periods)


def _repeated_roles(columns: list[Column]) -> list[Column]:
    """A label printed more than once outside column groups: one column keeps the field, the others are extras
    named after the column before them (一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值: the 分值 after the
    三级指标 is the indicator's, the others are 一级指标分值 and 二级指标分值)."""
    by_role: dict[str, list[int]] = {}
    for at, column in enumerate(columns):
        if column.role is not None:
            by_role.setdefault(column.role, []).append(at)
    repeated = {role: ats for role, ats in by_role.items() if len(ats) > 1}
    if not repeated:
        return columns
    name_at = by_role.get("name", [None])[0]
    found = list(columns)
    for ats in repeated.values():
        after_name = [at for at in ats if name_at is not None and at > name_at]
        keep = after_name[0] if after_name else ats[0]
        for at in ats:
            if at != keep:
                before = columns[at - 1].label if at > 0 else ""
                found[at] = dataclasses.replace(columns[at], role=None, label=f"{before}{columns[at].label}")
    return found


def _groups(columns: Sequence[Column]) -> list[list[Column]]:
    """Columns cut where a group role (三级指标, 指标值 …) appears a second time."""
    groups: list[list[Column]] = [[]]
    seen: set[str] = set()
    for column in columns:
        if column.role in _GROUP_ROLES and column.role in seen:
            groups.append([])
            seen = set()
        if column.role is not None:
            seen.add(column.role)
        groups[-1].append(column)
    first = {column.role for column in groups[0]} & _GROUP_ROLES
    if len(groups) < 2 or any(len({c.role for c in group} & first) < 2 for group in groups[1:]):
        return [list(columns)]  # one label printed twice is not a second group
    return groups


def _periods_above(above: Sequence[Cell]) -> list[tuple[int, str]]:
    """(first column, period) of each cell over the header that names a period: 中期目标, 年度绩效指标."""
    named = []
    for cell in above:
        folded = simplified(cell.text)
        found = next((period for word, period in PERIODS.items() if word in folded), None)
        if found is not None and not cell.empty:
            named.append((cell.column, found))
    return named


_HEADER_WORDS = ("一级", "一級", "指标", "指標", "三级", "三級")
#: Columns that, beside a name and a target column, make a row the header of a flat indicator list (no 一级/二级).
_FLAT_HELPERS = frozenset({"unit", "operator", "weight", "basis", "prior"})


def is_indicator_header(row: Sequence[Cell]) -> bool:
    """A row of column labels: 一级指标 with 三级指标 or 指标值, or — a flat list — 指标名称, 指标值 and one of
    计量单位, 指标性质, 分值, 设置依据, 上年完成值."""
    return _is_header(row, "|".join([cell.text for cell in row]))


def _is_header(row: Sequence[Cell], joined: str) -> bool:
    """:func:`is_indicator_header` for a row whose texts joined by ``|`` are ``joined``."""
    level1 = "一级" in joined or "一級" in joined
    if not level1 and not ("值" in joined and ("指标" in joined or "指標" in joined)):
        return False  # every header names its 一级指标, or its 指标 and 指标值; most rows are not headers
    roles = {column_role(cell.text) for cell in row if cell.text and not cell.empty}
    if "level1" in roles:
        return bool(roles & {"name", "target"})
    return {"name", "target"} <= roles and bool(roles & _FLAT_HELPERS)


_DIGIT_OUTSIDE_BRACKETS = re.compile(r"\d(?![^(（]*[)）])")
_HEADER_WORD = re.compile("|".join(_HEADER_WORDS))


def _label_like(row: Sequence[Cell]) -> bool:
    """A row of short texts without numbers (bracketed points such as (50分) aside): it may hold column labels."""
    texts = [cell.text for cell in row]  # an empty cell is label-like: the test may take every cell
    return all(map(_label_like_text, texts)) and any(text and not text.isspace() for text in texts)


@lru_cache(maxsize=16384)
def _label_like_text(text: str) -> bool:
    text = text.strip()
    return len(text) <= 24 and not _DIGIT_OUTSIDE_BRACKETS.search(text)


def _known(row: Sequence[Cell]) -> int:
    return len({column_role(cell.text) for cell in row if not cell.empty} - {None})


def joined_header_rows(rows: Sequence[tuple[Cell, ...]]) -> list[tuple[tuple[Cell, ...], bool]]:
    """Rows with an indicator header printed over two rows joined into one: a label wrapped onto the next row
    (一级 / 指标), or a header whose upper row names the columns the lower one leaves empty (绩效指标 | 指标分值 over
    一级指标 | 二级指标 | 三级指标); each row with whether it is an indicator header row (:func:`is_indicator_header`,
    a row's texts joined once for both tests)."""
    joined: list[tuple[tuple[Cell, ...], bool]] = []
    at = 0
    while at < len(rows):
        row = rows[at]
        texts = "|".join([cell.text for cell in row])
        # Every header row holds a header word (一级, 指标): a row without one is neither joined nor a header.
        worded = _HEADER_WORD.search(texts) is not None
        if at + 1 < len(rows) and worded and _label_like(row) and _label_like(rows[at + 1]):
            merged = _merged(row, rows[at + 1])
            lower = rows[at + 1]
            if (
                merged is not None
                and is_indicator_header(merged)
                and (_known(merged) > max(_known(row), _known(lower)) or _continues(row, lower))
            ):
                joined.append((merged, True))
                at += 2
                continue
        joined.append((row, worded and _is_header(row, texts)))
        at += 1
    return joined


def _continues(upper: Sequence[Cell], lower: Sequence[Cell]) -> bool:
    """Every label of ``lower`` ends the label above it: 一级 over 指标."""
    above = {cell.column: cell.text.strip() for cell in upper if not cell.empty}
    below = [cell for cell in lower if not cell.empty]
    return all(
        cell.column in above and column_role(above[cell.column] + cell.text.strip()) is not None for cell in below
    )


def _merged(upper: Sequence[Cell], lower: Sequence[Cell]) -> tuple[Cell, ...] | None:
    if not any(word in cell.text for cell in (*upper, *lower) for word in _HEADER_WORDS):
        return None
    above = {cell.column: cell for cell in upper if not cell.empty}
    below = {cell.column: cell for cell in lower if not cell.empty}
    cells: list[Cell] = []
    for column in sorted(above.keys() | below.keys()):
        top, bottom = above.get(column), below.get(column)
        if top is None or bottom is None:
            cell = top or bottom
            assert cell is not None
            covered = top is not None and any(column < c < column + top.colspan for c in below)
            if not covered:
                cells.append(cell)
            continue
        both = top.text.strip() + bottom.text.strip()
        if column_role(both) is not None or (column_role(bottom.text) is None and column_role(top.text) is None):
            text = both
        else:
            text = bottom.text if column_role(bottom.text) is not None else top.text
        cells.append(Cell(text, top.row, column, colspan=max(top.colspan, bottom.colspan)))
    return tuple(cells)


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


@cache  # one per role
def _fit_to(role: str | None) -> Callable[[str], int]:
    """:func:`_fit` for a column of ``role``, cached per text: one argument is a cheaper cache key than two."""
    return lru_cache(maxsize=16384)(partial(_fit, role))


class Placement(NamedTuple):
    """A row's cells placed under a header's columns (a named tuple: one is made for each shift tried)."""

    cells: dict[str, Cell]  # role or label → cell
    misplaced: tuple[Cell, ...]
    shift: int
    roles: dict[str, str | None]  # key → its column's role, in the order of ``cells``


def place(row: Sequence[Cell], columns: tuple[Column, ...], positions: dict[int, Column] | None = None) -> Placement:
    """Place a row's non-empty cells under ``columns``, realigning a row shifted to the right.

    ``positions`` (from :func:`column_positions`) saves recomputing the header's layout for every row.
    """
    positions = positions if positions is not None else column_positions(columns)
    return place_filled(filled(row), columns, positions)


def place_filled(cells: Sequence[Cell], columns: tuple[Column, ...], positions: dict[int, Column]) -> Placement:
    """:func:`place` for a row's non-empty cells, in order."""
    unshifted = _place_at(cells, positions, 0)
    unshifted_score = _score(unshifted)
    if not unshifted.misplaced and unshifted_score >= 0:
        return unshifted
    leading_empty = min((cell.column for cell in cells), default=1) - columns[0].start
    best, best_score = unshifted, unshifted_score
    for shift in range(1, min(MAX_SHIFT, max(leading_empty, 0)) + 1):
        placement = _place_at(cells, positions, shift)
        score = _score(placement)
        if score > best_score:
            best, best_score = placement, score
    # A row is read as printed unless it overflows the header or a shift fits far better.
    if not unshifted.misplaced and best_score - unshifted_score < SHIFT_MARGIN:
        return unshifted
    return best


def place_under(cells: Sequence[Cell], layout: HeaderLayout) -> Placement:
    """:func:`place_filled` under ``layout``. Where the cells' columns each fall under a column of their own, the
    unshifted placement is the same for every row of that shape: it is worked out once per shape, and a row that
    fits it (no clash with the columns' vocabularies) is placed by it; any other row takes the full path."""
    columns = tuple([cell.column for cell in cells])
    shapes = layout.shapes
    if columns in shapes:
        shape = shapes[columns]
    else:
        shape = _shape(columns, layout.positions)
        if len(shapes) < _MAX_SHAPES:
            shapes[columns] = shape
    if shape is not None and sum(map(call, shape.fits, [cell.text for cell in cells])) >= 0:
        return Placement(dict(zip(shape.keys, cells, strict=True)), (), 0, dict(shape.roles))
    return place_filled(cells, layout.columns, layout.positions)


def _shape(columns: tuple[int, ...], positions: dict[int, Column]) -> _Shape | None:
    under = [positions.get(column) for column in columns]
    if None in under:
        return None
    keys = tuple([column.key for column in under if column is not None])
    if len(set(keys)) < len(keys):
        return None  # two cells under one column are joined into one
    roles = [column.role for column in under if column is not None]
    return _Shape(keys, dict(zip(keys, roles, strict=True)), tuple(map(_fit_to, roles)))


def _score(placement: Placement) -> int:
    fit = sum(map(_fit, placement.roles.values(), [cell.text for cell in placement.cells.values()]))
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
        key = column.key
        if key in cells:
            cells[key] = Cell(cells[key].text + " " + cell.text, cells[key].row, cells[key].column)
        else:
            cells[key] = cell
            roles[key] = column.role
    return Placement(cells, tuple(misplaced), shift, roles)
