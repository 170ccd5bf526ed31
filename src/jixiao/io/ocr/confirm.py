"""Confirmation by a person: the doubtful cells of a scan with where they are, and applying what the person says.

The web import shows each :class:`Doubt` (its note, and the cell as scanned from :func:`~jixiao.io.ocr.crop_png`)
and collects :class:`Correction`\\ s; ``jixiao parse --confirm`` asks for them at the terminal. Applied to the grid,
a correction replaces the cell's text, marks it as read by a person, and drops its notes; the grid is then
recognized again, so the table holds what the person confirmed. A table is free of doubt when no note of it
:attr:`~jixiao.notes.ReadingNote.needs_confirmation`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from ...grid import Cell, Grid, Region
from ...notes import ReadingNote

#: Confidence of a cell a person has read: certain.
CONFIRMED = 1.0


@dataclass(frozen=True)
class Doubt:
    """A cell a person must confirm: the note that says why, the cell, and where it is on the scan."""

    note: ReadingNote
    cell: Cell
    region: Region | None


@dataclass(frozen=True)
class Correction:
    """What a person read in a cell (row and column as in the grid and the note): the text to keep."""

    row: int
    column: int
    text: str


def doubts(grid: Grid) -> list[Doubt]:
    """The cells of ``grid`` a person must confirm, top to bottom."""
    cells = {(cell.row, cell.column): cell for row in grid.rows for cell in row}
    found = []
    for note in grid.notes:
        if not note.needs_confirmation or note.row is None or note.column is None:
            continue
        cell = cells.get((note.row, note.column))
        if cell is not None:
            found.append(Doubt(note, cell, cell.region))
    return sorted(found, key=lambda doubt: (doubt.cell.row, doubt.cell.column))


def apply_corrections(grid: Grid, corrections: Iterable[Correction]) -> Grid:
    """``grid`` with each corrected cell's text as the person gave it and the notes about those cells dropped.

    A correction for a cell that is not in the grid is refused with :class:`KeyError`: it was meant for another table.
    """
    wanted = {(correction.row, correction.column): correction.text.strip() for correction in corrections}
    present = {(cell.row, cell.column) for row in grid.rows for cell in row}
    unknown = sorted(set(wanted) - present)
    if unknown:
        raise KeyError(f"表格里没有第{unknown[0][0]}行第{unknown[0][1]}列的单元格")
    rows = tuple(
        tuple(
            replace(cell, text=wanted[(cell.row, cell.column)], confidence=CONFIRMED)
            if (cell.row, cell.column) in wanted
            else cell
            for cell in row
        )
        for row in grid.rows
    )
    notes = tuple(note for note in grid.notes if (note.row, note.column) not in wanted)
    return replace(grid, rows=rows, notes=notes)


def unconfirmed(notes: Iterable[ReadingNote]) -> list[ReadingNote]:
    """The notes a person has still to confirm."""
    return [note for note in notes if note.needs_confirmation]
