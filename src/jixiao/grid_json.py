"""Grids as JSON: how a scan's reading is kept between the OCR run and a person's confirmation.

OCR takes seconds a page, so the web import reads a scan once, keeps its grids (cells with their spans, confidence
and region on the page, and the reading notes) with the upload, and builds the tables from them after the person
has confirmed the doubtful cells. Plain JSON, never pickle: what is stored is data, and loading it runs no code.
"""

from __future__ import annotations

from typing import Any

from .errors import InputError
from .grid import Cell, Grid, Region
from .notes import NoteKind, ReadingNote

#: Version of the stored shape; a stored reading of another version is read again from the file.
VERSION = 1


def dump(grids: list[Grid]) -> dict[str, Any]:
    """``grids`` as a JSON-ready dict."""
    return {"version": VERSION, "grids": [_grid(grid) for grid in grids]}


def load(data: Any) -> list[Grid]:
    """The grids :func:`dump` wrote; :class:`~jixiao.errors.InputError` when ``data`` is not such a dict."""
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("grids"), list):
        raise InputError("保存的识别结果格式不对，需要重新识别")
    try:
        return [_grid_from(grid) for grid in data["grids"]]
    except (KeyError, TypeError, ValueError) as error:
        raise InputError(f"保存的识别结果格式不对，需要重新识别（{error}）") from None


def _grid(grid: Grid) -> dict[str, Any]:
    return {
        "source": grid.source,
        "title": grid.title,
        "title_row": grid.title_row,
        "rows": [[_cell(cell) for cell in row] for row in grid.rows],
        "notes": [note.to_dict() for note in grid.notes],
    }


def _cell(cell: Cell) -> dict[str, Any]:
    data: dict[str, Any] = {"text": cell.text, "row": cell.row, "column": cell.column}
    if cell.rowspan != 1:
        data["rowspan"] = cell.rowspan
    if cell.colspan != 1:
        data["colspan"] = cell.colspan
    if cell.confidence is not None:
        data["confidence"] = cell.confidence
    if cell.region is not None:
        region = cell.region
        data["region"] = {"page": region.page, "box": list(region.box), "scale": region.scale, "angle": region.angle}
    return data


def _grid_from(data: dict[str, Any]) -> Grid:
    return Grid(
        rows=tuple(tuple(_cell_from(cell) for cell in row) for row in data["rows"]),
        source=str(data["source"]),
        title=data["title"],
        title_row=data["title_row"],
        notes=tuple(_note_from(note) for note in data["notes"]),
    )


def _cell_from(data: dict[str, Any]) -> Cell:
    region = data.get("region")
    return Cell(
        text=str(data["text"]),
        row=int(data["row"]),
        column=int(data["column"]),
        rowspan=int(data.get("rowspan", 1)),
        colspan=int(data.get("colspan", 1)),
        confidence=None if data.get("confidence") is None else float(data["confidence"]),
        region=None
        if region is None
        else Region(
            page=int(region["page"]),
            box=(int(region["box"][0]), int(region["box"][1]), int(region["box"][2]), int(region["box"][3])),
            scale=float(region["scale"]),
            angle=float(region["angle"]),
        ),
    )


def _note_from(data: dict[str, Any]) -> ReadingNote:
    return ReadingNote(
        kind=NoteKind(data["kind"]),
        message=str(data["message"]),
        row=data["row"],
        column=data["column"],
        field=data["field"],
        text=data["text"],
        suggestion=data["suggestion"],
        confidence=data["confidence"],
    )
