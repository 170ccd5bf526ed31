"""The `Grid`: what every reader yields and the one recognizer reads.

A grid is rows of cells with their position in the source (1-based row and column) and their
row/column spans. Readers know file formats; the grid knows nothing of 三级指标.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .notes import ReadingNote


@dataclass(frozen=True)
class Region:
    """Where on a page image a cell was read by OCR, so that a person can be shown the cell as scanned.

    ``box`` is (left, top, right, bottom) in pixels of the page image as read: the source page rendered at
    ``scale`` (pixels per PDF point, or per pixel of an image file) and then turned by ``angle`` degrees to
    straighten it. :func:`jixiao.io.ocr.crop_png` makes the same image again and cuts the box out of it.
    """

    page: int  # 1-based
    box: tuple[int, int, int, int]
    scale: float
    angle: float = 0.0


@dataclass(frozen=True, init=False)
class Cell:
    """A cell's text and where it stands. The position is kept in slots; the spans, confidence and region, which
    nearly every cell leaves at their defaults, are read from the class unless a cell sets them (in its
    ``__dict__``, made only then), so that a plain cell is made with three writes instead of seven and holds no
    dictionary."""

    __slots__ = ("__dict__", "column", "row", "text")

    text: str
    row: int  # 1-based row (line, sheet row, table row) in the source
    column: int  # 1-based column in the source
    rowspan: int = 1
    colspan: int = 1
    confidence: float | None = None  # 0–1 for recognized (OCR) text; None where the text was in the file
    region: Region | None = None  # where an OCR reader saw it

    def __init__(
        self,
        text: str,
        row: int,
        column: int,
        rowspan: int = 1,
        colspan: int = 1,
        confidence: float | None = None,
        region: Region | None = None,
    ) -> None:
        _set_text(self, text)
        _set_row(self, row)
        _set_column(self, column)
        plain = (
            rowspan == colspan == 1 and type(rowspan) is type(colspan) is int and confidence is None and region is None
        )
        if not plain:
            self.__dict__.update(rowspan=rowspan, colspan=colspan, confidence=confidence, region=region)

    @property
    def empty(self) -> bool:
        text = self.text
        return not text or text.isspace()

    @classmethod
    def plain(cls, text: str, row: int, column: int) -> Cell:
        """``Cell(text, row, column)``, made faster: the position is set through its slots directly rather than
        through the frozen class's checked attribute writes (a text file of thousands of tables makes millions)."""
        return plain_row((text,), row, column)[0]

    def __reduce__(self) -> tuple[type[Cell], tuple[object, ...]]:
        # The default reduction would restore the slots through the frozen class's attribute write, which refuses.
        return Cell, (self.text, self.row, self.column, self.rowspan, self.colspan, self.confidence, self.region)


def plain_row(texts: Iterable[str], row: int, first_column: int = 1) -> tuple[Cell, ...]:
    """``tuple(Cell.plain(text, row, column) ...)`` for the texts of one row from ``first_column`` on, made in one
    frame for the row."""
    cells: list[Cell] = []
    append = cells.append
    new = object.__new__
    for column, text in enumerate(texts, first_column):
        cell = new(Cell)
        _set_text(cell, text)
        _set_row(cell, row)
        _set_column(cell, column)
        append(cell)
    return tuple(cells)


#: The slots' own setters, for :func:`plain_row`.
_set_text, _set_row, _set_column = (getattr(Cell, name).__set__ for name in ("text", "row", "column"))


def filled(row: Iterable[Cell]) -> list[Cell]:
    """The cells of ``row`` that are not empty, in order (what ``[c for c in row if not c.empty]`` gives, faster)."""
    return [cell for cell in row if (text := cell.text) and not text.isspace()]


@dataclass(frozen=True)
class Grid:
    """One table as read from a file: ``rows`` in order, each a tuple of cells left to right.

    A merged cell appears once, at its top-left position, with its spans; readers do not repeat it.
    ``title`` is the table's caption where the source has one (a ``## `` line, a sheet's title row).
    """

    rows: tuple[tuple[Cell, ...], ...]
    source: str = "<memory>"
    title: str | None = None
    title_row: int | None = None
    notes: tuple[ReadingNote, ...] = field(default=())  # what the reader wants the user to see

    def __iter__(self) -> Iterator[tuple[Cell, ...]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    @classmethod
    def from_texts(
        cls, rows: list[list[str]], *, source: str = "<memory>", title: str | None = None, first_row: int = 1
    ) -> Grid:
        """A grid from plain strings, rows numbered from ``first_row``."""
        return cls(
            tuple(tuple(Cell(text, first_row + r, c + 1) for c, text in enumerate(row)) for r, row in enumerate(rows)),
            source=source,
            title=title,
        )
