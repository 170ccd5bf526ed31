"""One page: its lines of text, found on the whole page, given to the cells the ruling lines make.

A line of text belongs to the cell its centre is in. A line that runs across a rule (two cells' text read as one,
where a faint rule left no gap) is cut at the rule and each part recognised again on its own. A cell's lines are
put in reading order and joined as the PDF reader joins a cell's wrapped lines; its confidence is that of its
least certain line, so one doubtful line makes the whole cell doubtful. A cell with ink in it where no line was
found gets no text and the confidence :data:`~jixiao.io.ocr.doubt.UNREAD`: a gap is never silent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ...grid import Cell, Region
from ..pdf import PageTable, join_lines
from ..segment import clean_text
from .doubt import UNREAD
from .engine import Engine, TextLine
from .pages import PageImage
from .rules import CellBox, TableFrame, slope, straighten, tables

#: Width all tables are measured in when a table continued on the next page is matched to its first part.
FRAME_WIDTH = 600.0
#: How far (in line heights) a line may reach past its cell before it is taken to run across a rule.
_OVERRUN = 0.6
#: Pixels next to a cell's rules left out when looking for ink in it, and the grey level that counts as ink.
_BORDER = 6
_DARK = 110


@dataclass(frozen=True)
class _Placed:
    cell: CellBox
    line: TextLine


def read_page(page: PageImage, engine: Engine) -> list[PageTable]:
    """The ruled tables of ``page`` with their cells' text, confidence and place, top to bottom."""
    angle = slope(page.pixels)
    image = straighten(page.pixels, angle)
    frames = tables(image)
    lines = engine.read_page(image)
    found: list[PageTable] = []
    outside: list[TextLine] = []
    placed: dict[int, list[_Placed]] = {index: [] for index in range(len(frames))}
    for line in _cut_at_rules(lines, frames, image, engine):
        where = _locate(line, frames)
        if where is None:
            outside.append(line)
        else:
            index, cell = where
            placed[index].append(_Placed(cell, line))
    previous_bottom = -1.0
    for index, frame in enumerate(frames):
        above = [line for line in outside if previous_bottom <= line.centre[1] < frame.ys[0]]
        found.append(
            PageTable(
                _rows(frame, placed[index], page, image, angle),
                _columns(frame),
                _text_lines(above),
                right=FRAME_WIDTH,
                page=page.number,
            )
        )
        previous_bottom = frame.ys[-1]
    if found:
        found[-1].lines_below = _text_lines([line for line in outside if line.centre[1] >= previous_bottom])
    return found


def _locate(line: TextLine, frames: Sequence[TableFrame]) -> tuple[int, CellBox] | None:
    x, y = line.centre
    for index, frame in enumerate(frames):
        left, top, right, bottom = frame.box
        if not (left <= x <= right and top <= y <= bottom):
            continue
        for cell in frame.cells:
            x0, y0, x1, y1 = cell.box
            if x0 <= x <= x1 and y0 <= y <= y1:
                return index, cell
    return None


def _cut_at_rules(
    lines: list[TextLine], frames: Sequence[TableFrame], image: np.ndarray, engine: Engine
) -> list[TextLine]:
    """Lines that run across a column rule cut at it, each part recognised again."""
    kept: list[TextLine] = []
    parts: list[tuple[float, float, float, float]] = []
    for line in lines:
        cells = _crossed(line, frames)
        if len(cells) < 2:
            kept.append(line)
            continue
        left, top, right, bottom = line.box
        for cell in cells:
            start, end = max(left, cell.box[0] + 2), min(right, cell.box[2] - 2)
            if end - start > 4:
                parts.append((start, top, end, bottom))
    crops = [image[round(top) : round(bottom), round(left) : round(right)] for left, top, right, bottom in parts]
    for box, (text, confidence) in zip(parts, engine.read_lines(crops), strict=True):
        if text.strip():
            kept.append(TextLine(box, text, confidence))
    return kept


def _crossed(line: TextLine, frames: Sequence[TableFrame]) -> list[CellBox]:
    """The cells of the row a line sits in that it reaches well into, left to right."""
    where = _locate(line, frames)
    if where is None:
        return []
    left, top, right, bottom = line.box
    reach = _OVERRUN * (bottom - top)
    y = line.centre[1]
    return sorted(
        (
            cell
            for cell in frames[where[0]].cells
            if cell.box[1] <= y <= cell.box[3] and min(right, cell.box[2]) - max(left, cell.box[0]) > reach
        ),
        key=lambda cell: cell.box[0],
    )


def _visual_rows(lines: list[TextLine]) -> list[list[TextLine]]:
    """Lines grouped into the rows a reader sees, top to bottom, each row's pieces left to right."""
    rows: list[list[TextLine]] = []
    for line in sorted(lines, key=lambda item: item.centre[1]):
        height = line.box[3] - line.box[1]
        if rows and abs(rows[-1][-1].centre[1] - line.centre[1]) < height / 2:
            rows[-1].append(line)
        else:
            rows.append([line])
    return [sorted(row, key=lambda item: item.box[0]) for row in rows]


def _reading_order(lines: list[TextLine]) -> str:
    """Lines of one cell as text: pieces on the same visual line left to right, visual lines top to bottom."""
    texts = [
        join_lines("\n".join(piece.text.strip() for piece in row)).replace("\n", "") for row in _visual_rows(lines)
    ]
    return join_lines(clean_text("\n".join(texts)))


def _has_ink(image: np.ndarray, box: tuple[int, int, int, int]) -> bool:
    """True when a cell's inside, away from its rules, has dark strokes: text the detector did not find."""
    left, top, right, bottom = box
    inside = image[top + _BORDER : bottom - _BORDER, left + _BORDER : right - _BORDER]
    dark = int((inside < _DARK).sum()) if inside.size else 0
    return dark >= 20 and dark > inside.size * 0.003


def _rows(
    frame: TableFrame, placed: list[_Placed], page: PageImage, image: np.ndarray, angle: float
) -> list[tuple[Cell, ...]]:
    by_cell: dict[tuple[int, int], list[TextLine]] = {}
    for item in placed:
        by_cell.setdefault((item.cell.row, item.cell.column), []).append(item.line)
    rows: list[list[Cell]] = [[] for _ in range(len(frame.ys) - 1)]
    for cell in frame.cells:
        lines = by_cell.get((cell.row, cell.column), [])
        text = _reading_order(lines)
        confidence = round(min(line.confidence for line in lines), 3) if lines else None
        if not lines and _has_ink(image, cell.box):
            confidence = UNREAD
        rows[cell.row].append(
            Cell(
                text,
                cell.row + 1,
                cell.column + 1,
                cell.rowspan,
                cell.colspan,
                confidence=confidence,
                region=Region(page.number, cell.box, page.scale, angle),
            )
        )
    return [tuple(sorted(row, key=lambda c: c.column)) for row in rows]


def _columns(frame: TableFrame) -> tuple[float, ...]:
    left, width = frame.xs[0], frame.xs[-1] - frame.xs[0]
    return tuple(round((x - left) / width * FRAME_WIDTH, 1) for x in frame.xs[:-1])


def _text_lines(lines: list[TextLine]) -> list[str]:
    """Text outside the tables as lines, top to bottom."""
    return [clean_text(" ".join(piece.text for piece in row)) for row in _visual_rows(lines)]
