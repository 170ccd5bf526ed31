"""Exports of a table version through the core's writers: the one official layout in xlsx, docx, PDF, JSON."""

from __future__ import annotations

import tempfile
from pathlib import Path

from jixiao.io.writers import write

from ..models import TableVersion
from .findings import review_data

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "json": "application/json; charset=utf-8",
}
LABELS = {"xlsx": "Excel（xlsx）", "docx": "Word（docx）", "pdf": "PDF", "json": "JSON"}


def export(version: TableVersion, kind: str) -> bytes:
    """The version's table as a file of ``kind`` (a key of :data:`CONTENT_TYPES`)."""
    if kind not in CONTENT_TYPES:
        raise ValueError(kind)
    table = review_data(version.data).table
    with tempfile.TemporaryDirectory(prefix="jixiao-export-") as folder:
        path = write([table], Path(folder) / f"table.{kind}")
        return path.read_bytes()
