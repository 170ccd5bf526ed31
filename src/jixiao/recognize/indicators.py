"""The indicator block: rows under the indicator header → :class:`~jixiao.model.Indicator`.

Merged 一级/二级 cells (empty in the text layout) carry down; "指标1：" numbering is split from the
name and kept; a column of 指标性质 or 计量单位 completes the target text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .. import taxonomy
from ..cells import is_blank
from ..errors import LayoutError, ValueSyntaxError, clip
from ..grid import Cell
from ..model import Indicator, Kind, SourceRef, Target
from ..values import normalize, parse_number, parse_target
from .columns import Column, column_positions, header_columns, is_indicator_header, place
from .labels import field_of, is_stop

_NUMBERING = re.compile(r"^\s*指标\s*(\d+)\s*[:：]\s*(.*)$", re.DOTALL)
_QUALITATIVE_NATURE = frozenset({"定性", "定性指标"})
_FIELDS = ("level1", "level2", "name", "target", "basis", "prior", "weight", "scoring_rule", "evidence")


@dataclass(frozen=True)
class IndicatorRow:
    """A data row placed under its header: role → cell, plus the header it was read under."""

    cells: dict[str, Cell]
    columns: tuple[Column, ...]
    row: int


def split_numbering(text: str) -> tuple[str | None, str]:
    """'指标1：支持国有企业户数' → ('1', '支持国有企业户数'); names without numbering stay whole."""
    match = _NUMBERING.match(text)
    if match is None:
        return None, text.strip()
    return match.group(1), match.group(2).strip()


def indicator_rows(rows: Sequence[tuple[Cell, ...]], source: str) -> Iterator[IndicatorRow]:
    """Data rows after an indicator header, up to a stop row; each placed under its header."""
    columns: tuple[Column, ...] = ()
    positions: dict[int, Column] = {}
    header_row = 0
    for row in rows:
        filled = [cell for cell in row if not cell.empty]
        if not filled:
            continue
        if is_indicator_header(row):
            columns, header_row = tuple(header_columns(row)), filled[0].row
            positions = column_positions(columns)
            continue
        first = filled[0]
        if is_stop(first.text) or field_of(first.text) == "project_name":
            return
        if not columns:
            continue
        lone_label = len(filled) == 1 and first.column == columns[0].start
        if lone_label and not taxonomy.is_level1(first.text):
            continue  # a block label or subtitle printed across the table, 年度绩效目标2(40分)
        placement = place(row, columns, positions)
        if placement.misplaced:
            cell = placement.misplaced[0]
            raise LayoutError(
                f"“{cell.text}”对不上任何表头列（表头在第{header_row}行，共{len(columns)}列）",
                file=source,
                row=cell.row,
                column=cell.column,
            )
        yield IndicatorRow(placement.cells, columns, first.row)


def build_indicators(rows: Sequence[IndicatorRow], source: str) -> list[Indicator]:
    indicators: list[Indicator] = []
    level1_text: str | None = None
    level2_text: str | None = None
    for placed in rows:
        cells = placed.cells
        if "level1" in cells:
            level1_text, level2_text = cells["level1"].text.strip(), None
        if "level2" in cells:
            level2_text = cells["level2"].text.strip()
        written = {role for role, cell in cells.items() if not is_blank(cell.text)}
        if not ({"name", "target", "weight"} & written):
            continue  # a placeholder row that only names a 一级/二级, or says 无 under it (社会成本指标 | 无 | 无)
        if cells.keys() & {"name"} == cells.keys() - {"level1", "level2"} and taxonomy.is_level2(cells["name"].text):
            level2_text = cells["name"].text.strip()  # a 二级 label printed in the name column
            continue
        indicators.append(_indicator(placed, level1_text, level2_text, source))
    return indicators


def _text(cells: dict[str, Cell], role: str) -> str | None:
    cell = cells.get(role)
    if cell is None:
        return None
    text = cell.text.strip()
    return None if is_blank(text) else text


def _indicator(placed: IndicatorRow, level1_text: str | None, level2_text: str | None, source: str) -> Indicator:
    cells = placed.cells
    number, name = split_numbering(cells["name"].text) if "name" in cells else (None, "")
    level1 = taxonomy.canonical_level1(level1_text) or level1_text
    level2 = taxonomy.canonical_level2(level2_text) or level2_text
    extra = tuple(
        (column.label, cells[key].text.strip())
        for column in placed.columns
        for key in (column.role or column.label,)
        if key in cells and key not in _FIELDS
    )
    return Indicator(
        name=name,
        level1=level1,
        level2=level2,
        level1_text=level1_text,
        level2_text=level2_text,
        number=number,
        target=_target(cells, name),
        basis=_text(cells, "basis"),
        prior=parse_target(_text(cells, "prior"), name=name),
        weight=_weight(cells, source),
        scoring_rule=_text(cells, "scoring_rule"),
        evidence=_text(cells, "evidence"),
        extra=extra,
        source=SourceRef(placed.row, tuple((key, cell.column) for key, cell in cells.items())),
    )


def _target(cells: dict[str, Cell], name: str) -> Target | None:
    written = _text(cells, "target")
    operator = _text(cells, "operator")
    if written is None:
        if "target" in cells and normalize(cells["target"].text) == "无" and name:
            return Target(cells["target"].text.strip(), Kind.QUALITATIVE)  # 对社会造成的负面影响 | 无
        if operator is not None and normalize(operator) in _QUALITATIVE_NATURE:
            return Target(operator, Kind.QUALITATIVE)  # 指标性质 定性, 指标值 left empty
        return None
    unit = _text(cells, "unit")
    composed = written
    if operator and normalize(operator) in {">=", "≥", ">", "=", "<=", "≤", "<"} and normalize(written)[:1].isdigit():
        composed = operator + composed
    if unit and normalize(written)[-1:].isdigit():
        composed += unit
    return parse_target(composed, name=name)


def _weight(cells: dict[str, Cell], source: str) -> Decimal | None:
    text = _text(cells, "weight")
    if text is None:
        return None
    try:
        return parse_number(text.rstrip("分"))
    except ValueSyntaxError:
        cell = cells["weight"]
        raise LayoutError(
            f"指标分值权重“{clip(cell.text)}”不是数字", file=source, row=cell.row, column=cell.column
        ) from None
