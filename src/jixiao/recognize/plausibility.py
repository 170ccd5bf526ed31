"""Plausibility of a placement: columns are accepted by their labels only when what is under them fits.

A table is read right, read with a note the user sees, or refused naming the doubt:

* the 一级 column must not hold target values (≥95%, 100): the columns have slipped — refused;
* a 三级指标 that is a target value (≥95%) with an empty 指标值 — most of them: refused; a few: a note each;
* an unlabelled (or unknown) column holding only ≥ ≤ = signs is the 指标性质 column — read so, with a note;
* a needed column that no label names (指标值, 实际完成值) is said once, naming the columns left unread;
* weights under a 一级 that prints its points (产出指标(50分)) must add up to them — else a note.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import lru_cache

from .. import fields
from ..errors import LayoutError, clip
from ..grid import Cell
from ..model import Indicator, Kind
from ..notes import ColumnPlacement, NoteKind, ReadingNote
from ..values import normalize, parse_target
from .columns import Column
from .indicators import IndicatorRow
from .labels import explain_label

_OPERATORS = frozenset({">=", "≥", ">", "=", "<=", "≤", "<", "＝", "≧", "≦"})
_POINTS = re.compile(r"[(（](\d+(?:\.\d+)?)分[)）]")


@lru_cache(maxsize=16384)
def _is_value(text: str | None) -> bool:
    """A cell that is a target value and nothing else: ≥95%, 100, 20人, <=3天."""
    if not text:
        return False
    folded = normalize(text)
    if not folded or not (folded[0].isdigit() or folded[:1] in "≥≤<>=" or folded[:2] in (">=", "<=")):
        return False
    target = parse_target(folded)
    return target is not None and target.kind is Kind.NUMBER and target.value is not None and len(folded) <= 12


def fallback_columns(placed: Sequence[IndicatorRow]) -> tuple[tuple[IndicatorRow, ...], list[ReadingNote]]:
    """Unknown columns read by what they hold, each with a note: only ≥ ≤ = signs → 指标性质; a column headed by a
    bare number (a block's points, 50) holding numbers no larger, beside 实际完成值 and no 得分 column → 得分."""
    rows, notes = tuple(placed), []
    for role, fits, why in (
        ("operator", _only_operators, "里只有≥、≤、=等符号，按“指标性质”读"),
        ("score", _scores_under_points, "表头印的是一个分数，其下各行都是不大于它的数，按“得分”读"),
    ):
        rows, note = _fallback(rows, role, fits, why)
        notes.extend(note)
    return rows, notes


def _only_operators(label: str, texts: list[str], roles: set[str | None]) -> bool:
    return len(texts) >= 2 and all(normalize(text) in _OPERATORS for text in texts)


def _scores_under_points(label: str, texts: list[str], roles: set[str | None]) -> bool:
    if "actual" not in roles or "score" in roles:
        return False
    points = _plain_number(label)
    numbers = [_plain_number(text) for text in texts]
    return points is not None and len(numbers) >= 2 and all(n is not None and 0 <= n <= points for n in numbers)


def _plain_number(text: str) -> Decimal | None:
    folded = normalize(text).removesuffix("分")
    return Decimal(folded) if re.fullmatch(r"\d+(?:\.\d+)?", folded) else None


def _fallback(
    placed: tuple[IndicatorRow, ...], role: str, fits: Callable[[str, list[str], set[str | None]], bool], why: str
) -> tuple[tuple[IndicatorRow, ...], list[ReadingNote]]:
    # The rows under one header share its tuple of columns: each header's columns are looked at once.
    headers = list({id(row.columns): row.columns for row in placed}.values())
    if not placed or any(column.role == role for columns in headers for column in columns):
        return placed, []
    roles = {column.role for column in placed[0].columns}
    unknown = {column.label: column for columns in headers for column in columns if column.role is None}
    for label, column in unknown.items():
        texts = [row.cells[label].text.strip() for row in placed if label in row.cells]
        if not fits(label, texts, roles):
            continue
        renamed = dataclasses.replace(column, role=role)
        rows = tuple(_renamed(row, label, renamed) for row in placed)
        note = ReadingNote(
            NoteKind.FALLBACK,
            f"第{column.start}列“{clip(label) or '（无列名）'}”{why}",
            column=column.start,
            field=role,
        )
        return rows, [note]
    return placed, []


def _renamed(row: IndicatorRow, label: str, column: Column) -> IndicatorRow:
    columns = tuple(column if c.label == label and c.role is None else c for c in row.columns)
    cells = {(column.key if key == label else key): cell for key, cell in row.cells.items()}
    return dataclasses.replace(row, cells=cells, columns=columns)


def check_placement(indicators: Sequence[Indicator], placed: Sequence[IndicatorRow], source: str) -> list[ReadingNote]:
    """Refuse (:class:`LayoutError`) or note what does not fit the columns it was read under."""
    notes: list[ReadingNote] = []
    for indicator in indicators:
        if _is_value(indicator.level1_text):
            raise LayoutError(
                f"一级指标列里是“{clip(indicator.level1_text or '')}”，像是指标值而不是一级指标："
                "列可能错位，无法可靠读取",
                file=source,
                row=indicator.source.row,
                column=indicator.source.column("level1"),
            )
    named_values = [i for i in indicators if _is_value(i.name) and i.target is None]
    if named_values and len(named_values) * 2 >= len(indicators):
        first = named_values[0]
        raise LayoutError(
            f"三级指标列里多是数值（“{clip(first.name)}”等{len(named_values)}处），指标值列却空着：列可能错位，无法可靠读取",
            file=source,
            row=first.source.row,
            column=first.source.column("name"),
        )
    for indicator in named_values:
        notes.append(
            ReadingNote(
                NoteKind.IMPLAUSIBLE,
                f"三级指标“{clip(indicator.name)}”像是一个指标值，指标值一栏却是空的：请核对此行",
                row=indicator.source.row,
                column=indicator.source.column("name"),
                field="name",
                text=indicator.name,
            )
        )
    notes.extend(_block_sums(indicators))
    notes.extend(_missing_columns(placed))
    return notes


def _block_sums(indicators: Sequence[Indicator]) -> list[ReadingNote]:
    """A 一级 that prints its points (产出指标(50分)) whose indicators' weights add up to something else."""
    notes = []
    blocks: dict[str, list[Indicator]] = {}
    for indicator in indicators:
        if indicator.level1_text and indicator.parent is None:
            blocks.setdefault(indicator.level1_text, []).append(indicator)
    for label, members in blocks.items():
        points = _POINTS.search(unicodedata.normalize("NFKC", label))
        weights = [m.weight for m in members]
        if points is None or any(w is None for w in weights):
            continue
        total = sum((w for w in weights if w is not None), Decimal(0))
        if total != Decimal(points.group(1)):
            notes.append(
                ReadingNote(
                    NoteKind.IMPLAUSIBLE,
                    f"“{clip(label)}”下各三级指标分值合计 {total:f}，与所印的 {points.group(1)} 分不符：请核对分值列",
                    row=members[0].source.row,
                    field="weight",
                    text=label,
                )
            )
    return notes


_NEEDED = ("target", "actual")


def _missing_columns(placed: Sequence[IndicatorRow]) -> list[ReadingNote]:
    """A needed column no label names, said once with the columns left unread (instead of an empty cell a row)."""
    if not placed:
        return []
    columns = placed[0].columns
    roles = {column.role for column in columns}
    unknown = [column for column in columns if column.role is None and column.label]
    needed = ["target"] if "target" not in roles else []
    if "actual" not in roles and roles & {"score", "deviation"}:
        needed.append("actual")  # a 自评表 without 实际完成值
    notes = []
    for name in needed:
        left = "、".join(f"“{clip(c.label)}”（第{c.start}列）" for c in unknown) or "无"
        notes.append(
            ReadingNote(
                NoteKind.UNREAD_FIELD,
                f"表头里找不到“{fields.label(name)}”列，各指标的{fields.label(name)}未读；未能识别的列：{left}",
                row=placed[0].row,
                field=name,
            )
        )
    return notes


def placements(placed: Sequence[IndicatorRow], fallback: Sequence[ReadingNote]) -> tuple[ColumnPlacement, ...]:
    """How each header column was placed, for ``parse --explain``."""
    if not placed:
        return ()
    fell_back = {note.column: note.message for note in fallback if note.kind is NoteKind.FALLBACK}
    if not fell_back:
        return _placements_by_label(placed[-1].columns)
    return _placements(placed[-1].columns, fell_back)


@lru_cache(maxsize=1024)
def _placements_by_label(columns: tuple[Column, ...]) -> tuple[ColumnPlacement, ...]:
    """The placements of a header none of whose columns was read by what it holds (one per distinct header)."""
    return _placements(columns, {})


def _placements(columns: tuple[Column, ...], fell_back: dict[int | None, str]) -> tuple[ColumnPlacement, ...]:
    found: list[ColumnPlacement] = []
    for column in columns:
        how = fell_back.get(column.start) or explain_label(column.label)
        if column.period:
            how += f"；属于{column.period}一组"
        found.append(ColumnPlacement(column.label, column.start, column.role, how))
    return tuple(found)


_MOST_LABELS = 16  # more filled cells than any indicator header prints


def check_header_row(header: Sequence[Cell], indicators: Sequence[Indicator], source: str) -> list[ReadingNote]:
    """An indicator header with no indicator rows under it: refused when the header row itself holds values (the
    rows were run together into it), else said in a note."""
    if indicators:
        return []
    filled = [cell for cell in header if not cell.empty]
    row = filled[0].row if filled else None
    glued = [cell for cell in filled if _is_value(cell.text) or normalize(cell.text) in _OPERATORS]
    if glued or len(filled) >= _MOST_LABELS:
        cell = glued[0] if glued else filled[-1]
        raise LayoutError(
            f"指标表头行里混有数据（“{clip(cell.text)}”，共{len(filled)}格）：行与行连在了一起，读不出指标行",
            file=source,
            row=cell.row,
            column=cell.column,
        )
    return [ReadingNote(NoteKind.SKIPPED_ROW, "指标表头下面没有任何指标行", row=row, field="name")]
