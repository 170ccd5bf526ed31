"""The indicator block: rows under the indicator header → :class:`~jixiao.model.Indicator`.

Merged 一级/二级 cells (empty in the text layout) carry down; "指标1：" numbering is split from the
name and kept; a column of 指标性质 or 计量单位 completes the target text.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any, TypeVar

from .. import taxonomy
from ..cells import is_blank
from ..errors import LayoutError, ValueSyntaxError, clip
from ..grid import Cell, filled
from ..model import Indicator, Kind, PeriodTarget, SourceRef, Target
from ..notes import NoteKind, ReadingNote
from ..values import normalize, parse_number, parse_target
from .columns import ANNUAL, Column, HeaderLayout, header_layout, is_indicator_header, place_under
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
    block: str | None = None  # the block label printed left of the row, 年度绩效目标1(40分)
    periods: tuple[str, ...] = ()  # the periods of the header's column groups other than the annual one


#: A block label: 年度绩效目标1(40分), 绩效指标(90分), 产出(40分) in a column of its own.
_BLOCK = re.compile(r"^[^()\d]{2,12}\d*\((\d+(?:\.\d+)?)分\)$")


def _left_of_levels(cell: Cell, columns: Sequence[Column]) -> bool:
    """``cell`` stands left of the first indicator column (一级指标, or 三级指标 in a flat list)."""
    first = next((c for c in columns if c.role in ("level1", "level2", "name")), None)
    return first is not None and cell.column < first.start and not taxonomy.is_level1(cell.text)


@lru_cache(maxsize=16384)
def split_numbering(text: str) -> tuple[str | None, str]:
    """'指标1：支持国有企业户数' → ('1', '支持国有企业户数'); names without numbering stay whole."""
    match = _NUMBERING.match(text)
    if match is None:
        return None, text.strip()
    return match.group(1), match.group(2).strip()


def indicator_rows(
    rows: Sequence[tuple[Cell, ...]], source: str, headers: Sequence[bool] | None = None
) -> Iterator[IndicatorRow]:
    """Data rows after an indicator header, up to a stop row; each placed under its header.

    ``headers`` says of each row whether it is an indicator header row, where the caller has already looked.
    """
    if headers is None:
        headers = [is_indicator_header(row) for row in rows]
    columns: tuple[Column, ...] = ()
    layout: HeaderLayout | None = None
    header_row = 0
    above: tuple[Cell, ...] = ()
    block: str | None = None
    periods: tuple[str, ...] = ()
    for row, header in zip(rows, headers, strict=True):
        written = filled(row)
        if not written:
            continue
        if header:
            try:
                layout = header_layout(row, above)
            except LayoutError as error:
                raise error.located(file=source) from None
            columns, periods, header_row = layout.columns, layout.periods, written[0].row
            continue
        if layout is None or not columns:
            above = row  # the row over the header may name its column groups
            continue
        first = written[0]
        if is_stop(first.text) or field_of(first.text) == "project_name":
            return
        lone_label = len(written) == 1 and first.column == columns[0].start
        if lone_label and not taxonomy.is_level1(first.text):
            continue  # a block label or subtitle printed across the table, 年度绩效目标2(40分)
        if len(written) > 1 and _is_block_label(first.text) and _left_of_levels(first, columns):
            block = first.text.strip()  # a block label in a column of its own, left of the rows it spans
            written = [cell for cell in written if cell is not first]
        placement = place_under(written, layout)
        if placement.misplaced:
            cell = placement.misplaced[0]
            raise LayoutError(
                f"“{cell.text}”对不上任何表头列（表头在第{header_row}行，共{len(columns)}列）",
                file=source,
                row=cell.row,
                column=cell.column,
            )
        yield _made(IndicatorRow, cells=placement.cells, columns=columns, row=first.row, block=block, periods=periods)


@lru_cache(maxsize=16384)
def _is_block_label(text: str) -> bool:
    return _BLOCK.match(normalize(text)) is not None


def build_indicators(rows: Sequence[IndicatorRow], source: str) -> tuple[list[Indicator], list[ReadingNote]]:
    """The indicators of the placed rows, and a note naming the template rows left out (……, 指标2:, /)."""
    indicators: list[Indicator] = []
    skipped: list[int] = []
    level1_text: str | None = None
    level2_text: str | None = None
    parent: str | None = None
    extras: dict[int, tuple[tuple[str, str], ...]] = {}  # per header's columns (alive in ``rows``): see _extra_columns
    for placed in rows:
        cells = placed.cells
        if "level1" in cells:
            level1_text, level2_text = cells["level1"].text.strip(), None
        if "level2" in cells:
            level2_text = cells["level2"].text.strip()
        if not _fills_indicator(cells):
            if "name" in cells or "target" in cells:
                skipped.append(placed.row)  # 指标2: | ……: a template row never filled in
            continue  # or a row that only names a 一级/二级, or says 无 under it (社会成本指标 | 无 | 无)
        only_name = "name" in cells and len(cells) == 1 + ("level1" in cells) + ("level2" in cells)
        if only_name and taxonomy.is_level2(cells["name"].text):
            level2_text = cells["name"].text.strip()  # a 二级 label printed in the name column
            continue
        columns = placed.columns
        extra = extras.get(id(columns))
        if extra is None:
            extra = extras[id(columns)] = _extra_columns(columns)
        indicator = _indicator(placed, level1_text, level2_text, source, extra)
        if _SUB_ROW.match(indicator.name) and parent is not None:
            indicator = dataclasses.replace(indicator, parent=parent)
        else:
            parent = indicator.name
        indicators.append(indicator)
    notes = []
    if skipped:
        where = "、".join(f"第{row}行" for row in skipped)
        notes.append(
            ReadingNote(
                NoteKind.SKIPPED_ROW,
                f"{where}是没有填写的模板行（……、指标N:、/），没有作为指标读入",
                row=skipped[0],
                field="name",
            )
        )
    others = sorted({p.period for i in indicators for p in i.periods if p.period != ANNUAL})
    if others:
        notes.append(
            ReadingNote(
                NoteKind.PERIOD,
                f"此表印有{'、'.join(others)}和年度两组指标值：各期都已读入，审核和评分用年度指标值",
                row=rows[0].row if rows else None,
                field="target",
            )
        )
    return indicators, notes


_INDICATOR_ROLES = frozenset({"name", "target", "weight"})


def _fills_indicator(cells: dict[str, Cell]) -> bool:
    """Whether a 三级指标, 指标值 or 分值 of any period is written (not blank, not a template placeholder)."""
    for key, cell in cells.items():
        if (key in _INDICATOR_ROLES or key.partition("@")[0] in _INDICATOR_ROLES) and not _placeholder(cell.text):
            return True
    return False


_PLACEHOLDER = re.compile(r"^(?:[…．.。·]{2,}|指标\s*\d+\s*[:：]?|[*＊]+|[xX×]+)$")
_SUB_ROW = re.compile(r"^\s*其中\s*[:：]?")


@lru_cache(maxsize=16384)
def _placeholder(text: str) -> bool:
    """A cell of a template row: blank, ``/``, ``……``, ``指标2``, ``指标2:``."""
    if is_blank(text):
        return True
    number, name = split_numbering(text)
    if number is not None and is_blank(name):
        return True
    return _PLACEHOLDER.match(normalize(text)) is not None


def _text(cells: dict[str, Cell], role: str) -> str | None:
    cell = cells.get(role)
    return None if cell is None else _written(cell.text, role == "name")


@lru_cache(maxsize=16384)
def _written(text: str, name: bool) -> str | None:
    """A cell's text, or None when it is blank (or, outside the name column, a template placeholder)."""
    text = text.strip()
    return None if is_blank(text) or (not name and _placeholder(text)) else text


def _extra_columns(columns: tuple[Column, ...]) -> tuple[tuple[str, str], ...]:
    """(label, key) of the header's annual columns that are no field of an indicator: its extras, in order."""
    return tuple(
        [(column.label, column.key) for column in columns if column.period is None and column.key not in _FIELDS]
    )


def _indicator(
    placed: IndicatorRow,
    level1_text: str | None,
    level2_text: str | None,
    source: str,
    extra_columns: tuple[tuple[str, str], ...],
) -> Indicator:
    cells = placed.cells
    number, name = split_numbering(cells["name"].text) if "name" in cells else (None, "")
    level1 = taxonomy.canonical_level1(level1_text) or level1_text
    level2 = taxonomy.canonical_level2(level2_text) or level2_text
    extra = tuple([(label, cells[key].text.strip()) for label, key in extra_columns if key in cells])
    periods = _periods(placed, name) if placed.periods else ()
    if not name and periods:
        name = next((p.name for p in periods if p.name), name)  # a row only the other period's group fills
    return _made(
        Indicator,
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
        source=_made(
            SourceRef, row=placed.row, columns=tuple(zip(cells, [cell.column for cell in cells.values()], strict=True))
        ),
        parent=None,
        periods=periods,
    )


_Made = TypeVar("_Made")
#: The fields of the frozen classes :func:`_made` makes, in order.
_FIELDS_OF: dict[type, tuple[str, ...]] = {
    kind: tuple(each.name for each in dataclasses.fields(kind)) for kind in (Indicator, IndicatorRow, SourceRef)
}


def _made(kind: type[_Made], **values: Any) -> _Made:
    """``kind(**values)`` for a frozen dataclass (an Indicator, IndicatorRow or SourceRef) and values of every field
    in their order, made with one write of the instance's attributes rather than one frozen-attribute write a field
    (a file of thousands of tables makes tens of thousands)."""
    assert tuple(values) == _FIELDS_OF[kind]
    made = object.__new__(kind)
    made.__dict__.update(values)
    return made


def _periods(placed: IndicatorRow, name: str) -> tuple[PeriodTarget, ...]:
    """Each period's target where the header has groups for several periods; the annual one first."""
    others = placed.periods
    if not others:
        return ()
    found = [PeriodTarget(ANNUAL, _target(placed.cells, name))]
    for period in others:
        cells = {key.partition("@")[0]: cell for key, cell in placed.cells.items() if key.endswith(f"@{period}")}
        other_name = split_numbering(cells["name"].text)[1] if "name" in cells else None
        found.append(
            PeriodTarget(period, _target(cells, other_name or name), other_name if other_name != name else None)
        )
    return tuple(found)


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
