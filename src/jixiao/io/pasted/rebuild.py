"""Rows of a pasted table rebuilt from the width of its indicator header row and the labels.

Above the indicator header a new row starts at each label (项目名称, 年度资金总额, a run of budget column labels);
below it a row starts at an 一级指标 term, a 二级指标 term, or — once a row is full — at the 三级指标 column. A row
printed without the cells a merged 一级/二级 cell covers above it (as a web page prints rowspans) is moved under the
columns its first cells belong to. The rebuilt rows are the text layout of the seed: an empty leading cell is a cell
merged with the one above. A row that cannot be placed so that its cells fit their columns refuses the text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ...errors import InputError, clip
from ...grid import Cell, Grid
from ...notes import NoteKind, ReadingNote
from ...recognize.columns import is_indicator_header
from ...recognize.labels import budget_role, column_role, field_of, is_budget_total, is_section, is_stop
from ..segment import is_title, split_grids
from .layouts import Layout, Piece
from .levels import level_of
from .words import OPTIONAL, assign_words, fits

_POINTS = re.compile(r"^\d{1,3}(?:\.\d+)?$")
#: Labels of the blocks of a 自评表 that start a row of their own in a one-cell-a-line text.
_BLOCKS = re.compile(
    r"^(?:预算执行情况|年度目标完成情况|年度绩效指标完成情况|年度预算申请|绩效指标|年度绩效目标|总体目标)"
)


@dataclass
class _Header:
    roles: list[str | None]
    line: int

    @property
    def width(self) -> int:
        return len(self.roles)

    def at(self, role: str) -> int | None:
        return self.roles.index(role) if role in self.roles else None


@dataclass
class _State:
    source: str
    layout: Layout
    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    notes: list[ReadingNote] = field(default_factory=list)
    header: _Header | None = None
    shifted: bool = False  # the 一级 column holds another term and 产出/效益 sit in the 二级 column (实施效果指标)
    indicator_rows: list[int] = field(default_factory=list)  # which of ``rows`` were placed under a header
    breaks: list[int] = field(default_factory=list)  # rows that start another table (a wider table below)
    header_roles: list[str | None] | None = None  # the last indicator header's column roles
    levels_seen: bool = False  # a row under the header has named its 一级/二级指标

    def emit(self, placed: Sequence[tuple[int, Piece]], *, indicator: bool = False) -> None:
        if placed:
            if indicator:
                self.indicator_rows.append(len(self.rows))
            self.rows.append(tuple(Cell(piece.text, piece.line, column + 1) for column, piece in placed))


def grids_of(runs: list[list[Piece]], layout: Layout, source: str, *, cut_short: bool = False) -> list[Grid]:
    """The grids of a pasted text; ``cut_short``: the text stops inside a row (an excerpt cut off mid-table)."""
    state = _State(source, layout)
    for run in runs:
        if layout.rows_known:
            _row(state, run)
        else:
            _stream(state, run)
    _drop_cut_row(state, cut_short)
    grids: list[Grid] = []
    bounds = [0, *state.breaks, len(state.rows)]
    for start, end in itertools.pairwise(bounds):
        grids.extend(split_grids(state.rows[start:end], source))
    tables = [grid for grid in grids if any(is_indicator_header(row) for row in grid.rows)]
    grids = tables or grids  # a caption or a page's preamble without indicators is no table of its own
    notes = tuple(state.notes)
    return [
        Grid(grid.rows, source=grid.source, title=grid.title, title_row=grid.title_row, notes=grid.notes + notes)
        for grid in grids
    ]


def _drop_cut_row(state: _State, cut_short: bool) -> None:
    """The text's last row when the excerpt was cut off inside it.

    A row that stops short of the columns the row before it fills is left out; one that fills them is kept, its last
    cell a doubt to confirm when the text stops right after it.
    """
    if not state.indicator_rows or state.indicator_rows[-1] != len(state.rows) - 1 or state.header_roles is None:
        return
    last = state.rows[-1]
    before = state.rows[state.indicator_rows[-2]] if len(state.indicator_rows) > 1 else None
    reached = _reached(last, state.header_roles)
    if before is not None and reached < _reached(before, state.header_roles):
        state.rows.pop()
        state.indicator_rows.pop()
        state.notes.append(
            ReadingNote(
                NoteKind.SKIPPED_ROW,
                f"第{last[0].row}行：文本在这一行中断（复制的内容不完整），这一行未读入",
                text=" | ".join(cell.text for cell in last),
            )
        )
    elif cut_short:
        cell = last[-1]
        state.notes.append(
            ReadingNote(
                NoteKind.DOUBTFUL_CELL,
                "文本在这个单元格处中断（复制的内容不完整），它可能缺了后面的字",
                row=cell.row,
                column=cell.column,
                text=cell.text,
            )
        )


def _reached(row: tuple[Cell, ...], roles: list[str | None]) -> int:
    """The last column of ``row`` that is one a row must fill (not 备注, 计量单位 or a column without a role)."""
    columns = [
        cell.column - 1 for cell in row if cell.column - 1 < len(roles) and roles[cell.column - 1] not in OPTIONAL
    ]
    return max(columns, default=-1)


# --- labels -------------------------------------------------------------------------------------------------------


def _is_label(text: str) -> bool:
    return (
        field_of(text) is not None
        or budget_role(text)[0] is not None
        or is_budget_total(text)
        or column_role(text) is not None
        or is_section(text)
        or bool(_BLOCKS.match(text))
    )


def _ends_block(text: str) -> bool:
    """A cell after which the indicator rows are over: 总分, 审核意见, a new table's 项目名称 or title."""
    return is_stop(text) or field_of(text) in ("project_name", "budget_unit", "department") or _is_title(text)


def _is_title(text: str) -> bool:
    return is_title((Cell(text, 1, 1),))


def _header_at(pieces: Sequence[Piece], start: int = 0, *, here: bool = False) -> tuple[int, int] | None:
    """Where an indicator header run starts and ends among ``pieces``: 一级指标 | 二级指标 | 三级指标 | 指标值 …

    ``here``: only a run starting at ``start``.
    """
    for at in range(start, start + 1 if here else len(pieces)):
        if column_role(pieces[at].text) != "level1":
            continue
        end = at
        while end < len(pieces) and _header_like(pieces[end].text):
            end += 1
        if end < len(pieces) and _POINTS.match(pieces[end].text):
            end += 1  # an unlabelled 得分 column headed by the block's points (年度绩效指标完成情况 … 50)
        if is_indicator_header([Cell(piece.text, 1, i + 1) for i, piece in enumerate(pieces[at:end])]):
            return at, end
    return None


_HEADER_WORDS = re.compile(r"指标|值|分值|得分|权重|单位|性质|依据|说明|标准|备注|原因|措施|方向|符号")


def _header_like(text: str) -> bool:
    """A column label, or a word that reads as one the field table does not hold yet (实际完成指标值)."""
    if column_role(text) is not None:
        return True
    return len(text) <= 14 and bool(_HEADER_WORDS.search(text)) and not level_of(text) and not text[:1].isdigit()


# --- rows as printed (|-rows, space-separated rows) ------------------------------------------------------------------


def _row(state: _State, run: list[Piece]) -> None:
    cells = [Cell(piece.text, piece.line, i + 1) for i, piece in enumerate(run)]
    if is_indicator_header(cells):
        _set_header(state, run)
        return
    glued = _glued_header(run)
    if glued is not None:
        _row(state, glued[0])
        _row(state, glued[1])
        return
    filled = [piece for piece in run if piece.text]
    if state.header is None or not filled or _ends_block(filled[0].text):
        state.header = None if filled and _ends_block(filled[0].text) else state.header
        _as_printed(state, run)
        return
    if len(filled) > state.header.width:
        state.header = None  # a wider table below the indicators: another table
        state.breaks.append(len(state.rows))
        _as_printed(state, run)
        return
    if not state.levels_seen and state.header.at("level1") is not None and not level_of(filled[0].text):
        _as_printed(state, run)  # before the first 一级指标 there is nothing above to be merged with
        return
    state.levels_seen = True
    if len(filled) == 1 and not level_of(filled[0].text):
        state.emit([(0, filled[0])])  # a block label or a note on a row of its own, as the seed's layout has it
        return
    if state.layout is Layout.SPACE_ROWS:
        placed = assign_words(_levels(state, filled), state.header.roles, state.notes, state.source)
        state.emit(placed, indicator=True)
        return
    state.emit(_placed_row(state, run), indicator=True)


def _glued_header(run: list[Piece]) -> tuple[list[Piece], list[Piece]] | None:
    """``说明文字……一级指标 | 二级指标 | …``: text glued before the header's first label, cut off into a row."""
    if not run or "一级指标" not in run[0].text or column_role(run[0].text) is not None:
        return None
    head, _, tail = run[0].text.rpartition("一级指标")
    if tail.strip() or not head.strip():
        return None
    return [Piece(head.strip(), run[0].line)], [Piece("一级指标", run[0].line), *run[1:]]


def _set_header(state: _State, run: list[Piece]) -> None:
    state.header = _Header([column_role(piece.text) for piece in run], run[0].line)
    state.header_roles = state.header.roles
    state.levels_seen = False
    state.shifted = False
    state.emit(list(enumerate(run)))


def _as_printed(state: _State, run: list[Piece]) -> None:
    """A row above or below the indicators: debris cells of a budget label row dropped, a prose line kept whole."""
    cells = [Cell(piece.text, piece.line, i + 1) for i, piece in enumerate(run)]
    if sum(1 for piece in run if budget_role(piece.text)[0]) >= 2:
        run = [piece for piece in run if piece.text]
    elif state.layout is Layout.SPACE_ROWS and len(run) > 1 and not any(_is_label(cell.text) for cell in cells):
        run = [Piece(" ".join(piece.text for piece in run), run[0].line)]
    state.emit(list(enumerate(run)))


def _start(state: _State, pieces: Sequence[Piece]) -> int:
    """The column a row's first cell belongs to, from its vocabulary."""
    header = state.header
    assert header is not None
    level1, level2, name = header.at("level1"), header.at("level2"), header.at("name")
    first = level_of(pieces[0].text) if pieces else 0
    second = level_of(pieces[1].text) if len(pieces) > 1 else 0
    if first and second and level1 is not None and level2 is not None:
        if second == 1:
            state.shifted = True
        return level1
    if first and level2 is not None and (first == 2 or state.shifted or level1 is None):
        return level2
    if first and level1 is not None:
        return level1
    if name is not None:
        return name
    return 0


def _placed_row(state: _State, run: list[Piece]) -> list[tuple[int, Piece]]:
    """A printed row under the header: as printed when its first cell fits its column, else moved by its labels."""
    header = state.header
    assert header is not None
    leading = next(i for i, piece in enumerate(run) if piece.text)
    filled = run[leading:]
    start = _start(state, filled)
    if leading and (leading == start or len(run) == header.width):
        start = leading
    if start + len(filled) > header.width:
        start = max(0, header.width - len(filled))
    return [(start + i, piece) for i, piece in enumerate(filled) if piece.text]


def _levels(state: _State, words: list[Piece]) -> list[tuple[int, Piece]]:
    """The leading level words of a space-separated row placed; the rest left for :func:`assign_words` (column -1)."""
    if words and is_section(words[0].text):
        words = words[1:]
    if not words:
        return []
    start = _start(state, words)
    header = state.header
    assert header is not None
    name = header.at("name")
    placed = []
    column = start
    for word in words:
        if name is not None and column < name and level_of(word.text):
            placed.append((column, word))
            column += 1
        else:
            placed.append((-1, word))
    return placed


# --- one cell a line ------------------------------------------------------------------------------------------------


def _stream(state: _State, run: list[Piece]) -> None:
    """Cells in order, rows rebuilt: labels above the indicator header, the header's width and labels below it."""
    at = 0
    while at < len(run):
        found = _header_at(run, at) if state.header is None else None
        if state.header is None:
            end = found[0] if found else len(run)
            _label_rows(state, run[at:end])
            if found is None:
                return
            _set_header(state, list(run[found[0] : found[1]]))
            at = found[1]
            continue
        at = _indicator_rows(state, run, at)


def _label_rows(state: _State, pieces: Sequence[Piece]) -> None:
    row: list[Piece] = []
    for piece in pieces:
        starts = (
            field_of(piece.text) is not None
            or is_budget_total(piece.text)
            or is_section(piece.text)
            or bool(_BLOCKS.match(piece.text))
            or _is_title(piece.text)
            or is_stop(piece.text)
            or (budget_role(piece.text)[0] is not None and any(p.text and not budget_role(p.text)[0] for p in row[1:]))
        )
        if starts and row:
            _as_printed(state, row)
            row = []
        row.append(piece)
        if _is_title(piece.text):
            _as_printed(state, row)
            row = []
    if row:
        _as_printed(state, row)


def _indicator_rows(state: _State, run: list[Piece], at: int) -> int:
    """Rows from ``run[at:]`` until the block ends; returns where it ended."""
    header = state.header
    assert header is not None
    level2 = header.at("level2")
    while at < len(run):
        if _ends_block(run[at].text) or _header_at(run, at, here=True) is not None:
            state.header = None
            return at
        pieces = _joined_level(run, at)
        start = _typed_start(header, run, at, _start(state, [p for p, _ in pieces[:2]]))
        placed: list[tuple[int, Piece]] = []
        column = start
        while at < len(run) and column < header.width:
            piece, used = _joined_level(run, at)[0]
            if placed and (_ends_block(piece.text) or _header_at(run, at, here=True) is not None):
                break
            if placed and level_of(piece.text) and not (column == level2 and start != level2):
                break
            if piece.text:
                _check_fits(state, header, column, piece)
                placed.append((column, piece))
            column += 1
            at += used
        state.emit(placed, indicator=True)
    return at


def _typed_start(header: _Header, run: list[Piece], at: int, start: int) -> int:
    """``start`` when the cells from ``at`` fit the columns from there; else the first column from which they do.

    A header with several number columns (一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分) tells by the
    numbers where a row that lacks its merged cells begins.
    """
    name = header.at("name")
    last = name if name is not None else 0  # a row never begins to the right of its 三级指标
    candidates: list[int] = [start, *range(last + 1)]
    for candidate in candidates:
        upcoming = run[at : at + header.width - candidate]
        if all(fits(header.roles[candidate + i], piece.text) for i, piece in enumerate(upcoming) if piece.text):
            return candidate
    return start


def _joined_level(run: list[Piece], at: int) -> list[tuple[Piece, int]]:
    """The cell at ``at`` (and the next), a level label broken over two lines joined: 经济效益 / 指标."""
    found: list[tuple[Piece, int]] = []
    while at < len(run) and len(found) < 2:
        piece = run[at]
        if at + 1 < len(run) and run[at + 1].text == "指标" and level_of(piece.text + "指标"):
            found.append((Piece(piece.text + "指标", piece.line), 2))
            at += 2
        else:
            found.append((piece, 1))
            at += 1
    return found


def _check_fits(state: _State, header: _Header, column: int, piece: Piece) -> None:
    role = header.roles[column]
    if fits(role, piece.text):
        return
    raise InputError(
        f"一格一行的文本按指标表头（第{header.line}行，共{header.width}列）还原不出行："
        f"“{clip(piece.text)}”不像“{_ROLE_NAMES.get(role or '', role)}”列的内容，可能有单元格缺失",
        file=state.source,
        row=piece.line,
    )


_ROLE_NAMES = {"name": "三级指标", "weight": "分值", "score": "得分", "level1": "一级指标", "level2": "二级指标"}
