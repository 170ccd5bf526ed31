"""Finding a pasted text's shape and cutting it into cells.

:func:`split_cells` yields *runs*: for the row layouts (``|``-rows, space-separated rows) one run is one printed row;
for the cell layouts (one cell a line, with or without ``|``) one run is the cells up to a row end the text marks
(``||``), or the whole text where it marks none. Every regular expression here is linear: no nested repetition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from ...grid import Cell
from ..segment import CellBudget, is_title

_SPACES = re.compile(r"[ \u3000\xa0]+")
_ASCII_END = re.compile(r"[A-Za-z0-9]$")
_ASCII_START = re.compile(r"^[A-Za-z0-9]")
_CLOSING = (")", "）")


class Layout(StrEnum):
    PIPE_ROWS = "pipe_rows"  # 项目名称 | 春节走访慰问经费 | ||||
    PIPE_CELLS = "pipe_cells"  # 项目名称 |  (one cell a line, each closed by a |)
    LINE_CELLS = "line_cells"  # one cell a paragraph
    SPACE_ROWS = "space_rows"  # 产出指标 数量指标 流转土地 >=60亩

    @property
    def rows_known(self) -> bool:
        """Whether a line of the text is a row of the table."""
        return self in (Layout.PIPE_ROWS, Layout.SPACE_ROWS)


@dataclass(frozen=True)
class Piece:
    """One cell's text with the source line it starts on."""

    text: str
    line: int


def _lines(text: str) -> list[tuple[int, str]]:
    return [(number, line.strip()) for number, line in enumerate(text.splitlines(), start=1)]


def layout_of(text: str) -> Layout | None:
    """The shape of a pasted text, or None when it has too little to be a table."""
    lines = [line for _, line in _lines(text) if line]
    if len(lines) < 2:
        return None
    piped = [line for line in lines if "|" in line]
    if len(piped) >= 3 and len(piped) * 4 >= len(lines):
        rows = sum(1 for line in piped if sum(1 for part in line.split("|") if part.strip()) >= 2)
        return Layout.PIPE_ROWS if rows * 5 >= len(piped) * 2 else Layout.PIPE_CELLS
    blank = sum(1 for _, line in _lines(text) if not line)
    if blank * 2 >= len(lines):
        return Layout.LINE_CELLS
    spaced = sum(1 for line in lines if len(_SPACES.split(line)) >= 2)
    if spaced * 3 >= len(lines):
        return Layout.SPACE_ROWS
    return Layout.LINE_CELLS


def cut_short(text: str, layout: Layout) -> bool:
    """Whether the text stops inside a row: its rows end with ``|`` and its last line does not."""
    lines = [line for _, line in _lines(text) if line]
    if layout is Layout.PIPE_CELLS:
        return bool(lines) and not lines[-1].endswith("|")
    if layout is Layout.PIPE_ROWS:
        piped = [line for line in lines if "|" in line]
        closed = sum(1 for line in piped if line.endswith("|"))
        return closed * 5 >= len(piped) * 3 and not lines[-1].endswith("|")
    return False


def join_lines(parts: list[str]) -> str:
    """Lines of one cell joined as printed: Chinese text runs on, Latin words keep a space between them."""
    text = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if text and _ASCII_END.search(text) and _ASCII_START.match(part):
            text += " "
        text += part
    return text


def split_cells(text: str, layout: Layout, source: str) -> list[list[Piece]]:
    """The text's runs of cells (see the module's docstring), counted against the file's cell limit."""
    budget = CellBudget(source)
    if layout is Layout.PIPE_ROWS:
        runs = _pipe_rows(text)
    elif layout is Layout.PIPE_CELLS:
        runs = _pipe_cells(text)
    elif layout is Layout.SPACE_ROWS:
        runs = _space_rows(text)
    else:
        runs = [[Piece(line, number) for number, line in _lines(text) if _SPACES.sub("", line)]]
    for run in runs:
        budget.add(sum(1 for piece in run if piece.text))
    return [run for run in runs if any(piece.text for piece in run)]


def _pipe_rows(text: str) -> list[list[Piece]]:
    lines = [(number, line) for number, line in _lines(text) if line]
    piped = [line for _, line in lines if "|" in line]
    bordered = sum(1 for line in piped if line.startswith("|")) * 5 >= len(piped) * 4
    runs = []
    for number, line in lines:
        parts = [part.strip() for part in line.split("|")]
        if bordered and line.startswith("|"):
            parts = parts[1:]
        while parts and not parts[-1]:
            parts.pop()
        runs.append([Piece(_SPACES.sub(" ", part), number) for part in parts])
    return runs


def _pipe_cells(text: str) -> list[list[Piece]]:
    """Cells closed by ``|``; a cell may run over several lines; a line with two or more ``|`` ends a row."""
    runs: list[list[Piece]] = [[]]
    buffer: list[str] = []
    start = 0
    for number, line in _lines(text):
        if "|" not in line:
            if line and buffer and (_stands_alone(line) or _stands_alone(join_lines(buffer))):
                runs[-1].append(Piece(join_lines(buffer), start))  # a caption or a label is a cell of its own
                runs.append([])
                buffer, start = [], 0
            if line:
                start = start or number
                buffer.append(line)
            continue
        parts = line.split("|")
        buffer.append(parts[0])
        rest = parts[1:]
        ends_row = line.count("|") >= 2 and not "".join(rest).strip()
        cell = join_lines(buffer)
        if cell or not ends_row:
            runs[-1].append(Piece(_SPACES.sub(" ", cell), start or number))
        if not ends_row:
            runs[-1].extend(Piece(_SPACES.sub(" ", part.strip()), number) for part in rest[:-1])
        buffer, start = [rest[-1]] if rest[-1].strip() else [], number if rest[-1].strip() else 0
        if ends_row:
            runs.append([])
    if join_lines(buffer):
        runs[-1].append(Piece(join_lines(buffer), start))
    return runs


def _stands_alone(line: str) -> bool:
    """A line that is never the second line of a cell: a table's caption, a header label."""
    from ...recognize.labels import column_role, field_of

    return is_title((Cell(line, 1, 1),)) or field_of(line) is not None or column_role(line) is not None


def _space_rows(text: str) -> list[list[Piece]]:
    """Cells between spaces, a bracketed remark kept with the word before it: ``产出指标 (50分)``."""
    runs = []
    for number, line in _lines(text):
        if line:
            runs.append([Piece(word, number) for word in _rejoin_brackets(_SPACES.split(line))])
    return runs


_BRACKET_ONLY = re.compile(r"^[(（][^()（）]{0,30}[)）]$")


def _rejoin_brackets(words: list[str]) -> list[str]:
    """A bracket opened in one word and closed in a later one, or a word that is only a bracket, stays in one cell."""
    joined: list[str] = []
    open_depth = 0
    for word in words:
        if joined and (open_depth > 0 or _BRACKET_ONLY.match(word) or word in _CLOSING):
            joined[-1] += " " + word
        else:
            joined.append(word)
        open_depth = max(0, open_depth + word.count("(") + word.count("（") - word.count(")") - word.count("）"))
    return joined
