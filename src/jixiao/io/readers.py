"""The readers by format name; :func:`jixiao.reading.sniff` picks one from a file's content.

``scan`` (a PDF without text or an image file, read by OCR) is read page by page and reports its progress; its
reader is imported only when a scan is read, since it needs the ``jixiao[ocr]`` extra.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..grid import Grid
from .docx import read_docx
from .html import read_html
from .json import read_json
from .pdf import read_pdf
from .text import read_text_file
from .xls import read_xls
from .xlsx import read_ods, read_xlsx

READERS: dict[str, Callable[[Path], list[Grid]]] = {
    "xlsx": read_xlsx,
    "xls": read_xls,
    "ods": read_ods,
    "docx": read_docx,
    "pdf": read_pdf,
    "html": read_html,
    "json": read_json,
    "text": read_text_file,
}


def read_kind(kind: str, path: Path, progress: Callable[[int, int], None] | None = None) -> list[Grid]:
    """The grids the reader for ``kind`` finds in ``path``; a scan tells ``progress`` after each page."""
    if kind == "scan":
        from .ocr.reader import read_scan

        return read_scan(path, progress=progress)
    return READERS[kind](path)
