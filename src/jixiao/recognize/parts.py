"""Pieces shared by the 自评表 and 监控表 recognizers: a table's rows split at the indicator header,
labelled rows below the indicators (总分, 偏差原因分析 …) and the goal block (预期目标 / 实际完成情况).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..cells import is_blank
from ..errors import ValueSyntaxError
from ..grid import Cell, Grid
from ..model import Kind, Target, TargetTable
from ..values import normalize, parse_number, parse_target
from . import recognize_tables
from .indicators import IndicatorRow
from .labels import normalize_label

_POINTS = re.compile(r"^(.*?)[(（](\d+(?:\.\d+)?)分[)）]\s*$")
_INSTRUCTION = re.compile(r"[(（]\d+字以内[)）]")
_FORM_CODE = re.compile(r"报表编号\s*[:：]\s*(\S+)")


@dataclass(frozen=True)
class TablePart:
    """One table of a grid: its rows, the target table the core recognizer made of them, and its data rows."""

    rows: tuple[tuple[Cell, ...], ...]
    table: TargetTable
    header_at: int  # index in ``rows`` of the first indicator header row
    placed: dict[int, IndicatorRow]  # source row → the row placed under its header
    source: str

    @property
    def above(self) -> tuple[tuple[Cell, ...], ...]:
        return self.rows[: self.header_at]

    @property
    def below(self) -> tuple[tuple[Cell, ...], ...]:
        return self.rows[self.header_at :]

    def header_columns(self, row: int | None) -> tuple[tuple[str, int], ...]:
        """role → first source column of the header a data row was read under."""
        placed = self.placed.get(row) if row is not None else None
        if placed is None:
            return ()
        return tuple((column.role, column.start) for column in placed.columns if column.role)

    def cells_of(self, row: int | None) -> dict[str, Cell]:
        placed = self.placed.get(row) if row is not None else None
        return placed.cells if placed is not None else {}


def table_parts(grid: Grid) -> Iterator[TablePart]:
    """Each table of ``grid`` with the core recognizer's :class:`TargetTable` beside its rows."""
    for found in recognize_tables(grid):
        placed = {p.row: p for p in found.placed}
        yield TablePart(found.rows, found.table, found.header_at, placed, grid.source)


def filled(row: Sequence[Cell]) -> list[Cell]:
    return [cell for cell in row if cell.text and not cell.empty]


def text_of(cell: Cell | None) -> str | None:
    """A cell's text, None for blanks, placeholders (/, —) and template instructions (…(200字以内))."""
    if cell is None:
        return None
    text = cell.text.strip()
    if is_blank(text) or _INSTRUCTION.search(unicodedata.normalize("NFKC", text)):
        return None
    return text


def number_of(text: str | None) -> Decimal | None:
    """A published score or total: 8.62, 20分; None for blanks and non-numbers."""
    if text is None:
        return None
    try:
        return parse_number(normalize(text).removesuffix("分"))
    except ValueSyntaxError:
        return None


def labelled(rows: Sequence[Sequence[Cell]], labels: Sequence[str]) -> Iterator[tuple[Cell, list[Cell]]]:
    """Rows whose first filled cell is one of ``labels``: (label cell, the other filled cells)."""
    for row in rows:
        cells = filled(row)
        if cells and normalize_label(cells[0].text) in labels:
            yield cells[0], cells[1:]


def first_text(rows: Sequence[Sequence[Cell]], labels: Sequence[str]) -> str | None:
    """The text beside the first row labelled with one of ``labels``."""
    for _label, rest in labelled(rows, labels):
        texts = [t for t in (text_of(cell) for cell in rest) if t]
        return "\n".join(texts) or None
    return None


def block_points(text: str) -> tuple[str, Decimal] | None:
    """'年度绩效目标1(40分)' → ('年度绩效目标1', 40)."""
    match = _POINTS.match(unicodedata.normalize("NFKC", text).strip())
    if match is None:
        return None
    return match.group(1).strip(), Decimal(match.group(2))


def form_code(rows: Sequence[Sequence[Cell]]) -> str | None:
    for row in rows:
        for cell in filled(row):
            match = _FORM_CODE.search(unicodedata.normalize("NFKC", cell.text))
            if match:
                return match.group(1)
    return None


def with_unit(text: str | None, unit_cell: Cell | None) -> str | None:
    """An actual value written as a bare number takes the row's 度量单位: '100' + '%' → '100%'."""
    unit = text_of(unit_cell)
    if text is not None and unit and normalize(text)[-1:].isdigit():
        return text + unit
    return text


_GOAL_LABELS = ("预期目标", "项目年度目标", "年度目标", "年度绩效目标")
_GOAL_ACTUAL_LABELS = ("实际完成情况", "年度目标完成情况", "全年实际完成情况", "目标完成情况")


def goal_block(rows: Sequence[Sequence[Cell]]) -> tuple[str | None, str | None] | None:
    """(预期目标, 实际完成情况) texts when the header has that two-column goal block, else None."""
    for at, row in enumerate(rows):
        cells = filled(row)
        goal = next((c for c in cells if normalize_label(c.text) in _GOAL_LABELS), None)
        actual = next((c for c in cells if normalize_label(c.text) in _GOAL_ACTUAL_LABELS), None)
        if goal is None or actual is None:
            continue
        goal_texts: list[str] = []
        actual_texts: list[str] = []
        for below in rows[at + 1 :]:
            below_cells = filled(below)
            if not below_cells or any(normalize_label(c.text) in ("绩效指标",) for c in below_cells):
                break
            if below_cells[0].column < goal.column:
                break  # a new labelled row (a row under a merged label may start at the goal's column)
            for cell in below_cells:
                text = text_of(cell)
                if text and cell.column >= actual.column:
                    actual_texts.append(text)
                elif text and cell.column >= goal.column:
                    goal_texts.append(text)
        return "\n".join(goal_texts) or None, "\n".join(actual_texts) or None
    return None


_NEGATIVE = re.compile(r"^\s*[-－−]\s*(?=\d)")


def parse_actual(text: str | None, name: str) -> Target | None:
    """An 实际完成值 cell: the target grammar, plus negative numbers (-5%, a fall) it leaves as text."""
    target = parse_target(text, name=name)
    if text is None or target is None or target.value is not None or not _NEGATIVE.match(text):
        return target
    positive = parse_target(_NEGATIVE.sub("", text), name=name)
    if positive is None or positive.value is None or positive.kind is not Kind.NUMBER:
        return target
    return dataclasses.replace(positive, text=text.strip(), value=-positive.value)
