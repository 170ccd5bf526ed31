"""Reader for the tab-separated text layout of the seed tables.

One line is one row, cells are separated by tabs; a line starting with ``## `` is a title that
starts a new table; ``<b>`` and ``<p>`` tags are removed, each ``<p>…</p>`` paragraph becomes a line
of the cell's text. Several tables per file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from ..errors import InputError
from ..grid import Cell, Grid, plain_row
from .segment import CellBudget

# A paragraph holds no other <p>: a <p> that is never closed then costs one scan to the next tag, not to the end.
_PARAGRAPH = re.compile(r"<p>((?:[^<]|<(?!/?p>))*)</p>", re.IGNORECASE)
_TAG = re.compile(r"</?(?:b|strong|p|span|br|font)\b[^<>]*>", re.IGNORECASE)
_ENCODINGS = ("utf-8-sig", "gb18030")


def decode(data: bytes, source: str) -> str:
    """Bytes of a text file → str, refusing binary data with a clear error."""
    if b"\x00" in data[:8192]:
        raise InputError("不是文本文件（含有二进制内容），请提供 .txt/.tsv、Excel、Word、PDF 或 HTML 文件", file=source)
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError("无法识别文件编码（既不是 UTF-8 也不是 GB18030）", file=source)


def clean_cell(raw: str) -> str:
    """Remove markup from one cell; paragraphs become lines."""
    if "<" not in raw:
        return raw.replace("\u3000", " ").strip()
    paragraphs = _PARAGRAPH.findall(raw)
    if paragraphs:
        text = "\n".join(_TAG.sub("", p).strip() for p in paragraphs if _TAG.sub("", p).strip())
    else:
        text = _TAG.sub("", raw)
    return text.replace("\u3000", " ").strip()


#: Cells up to this length are cleaned once per distinct text (a file of many tables repeats its labels and values).
_CACHED_CHARS = 256
_cleaned = lru_cache(maxsize=65536)(clean_cell)


def _texts(line: str) -> list[str]:
    """One line's cells, cleaned."""
    if len(line) <= _CACHED_CHARS:  # every cell of the line is short
        return list(map(_cleaned, line.split("\t")))
    return [_cleaned(raw) if len(raw) <= _CACHED_CHARS else clean_cell(raw) for raw in line.split("\t")]


def read_text(text: str, source: str = "<memory>") -> list[Grid]:
    """Split text into grids: one per ``## `` title (content before any title is one grid too).

    A text without a tab is pasted text (:mod:`jixiao.io.pasted`): copied out of a web page or a PDF.
    """
    if "\t" not in text:
        from .pasted import read_pasted

        return read_pasted(text, source)
    return list(text_grids(text, source))


def text_grids(text: str, source: str = "<memory>") -> Iterator[Grid]:
    """The grids of a tab-separated text, each given as soon as its lines are read: a caller that recognizes each
    before taking the next keeps one table's cells at a time, not a whole file's."""
    rows: list[tuple[Cell, ...]] = []
    title: str | None = None
    title_row: int | None = None
    budget = CellBudget(source)
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("## "):
            if _has_content(rows):
                yield Grid(tuple(rows), source=source, title=title, title_row=title_row)
            rows, title, title_row = [], clean_cell(line[3:]), number
            continue
        if not line.strip():
            continue
        texts = _texts(line)
        budget.add(len(texts) - texts.count(""))
        rows.append(plain_row(texts, number))
    if _has_content(rows):
        yield Grid(tuple(rows), source=source, title=title, title_row=title_row)


def _has_content(rows: list[tuple[Cell, ...]]) -> bool:
    return any(not cell.empty for row in rows for cell in row)


def read_text_file(path: Path) -> list[Grid]:
    return read_text(decode(path.read_bytes(), str(path)), str(path))


def text_file_grids(path: Path, data: bytes | None = None) -> Iterator[Grid]:
    """:func:`read_text_file`'s grids one by one, as :func:`text_grids` gives them; ``data``: the file's bytes when
    they are already read."""
    text = decode(path.read_bytes() if data is None else data, str(path))
    if "\t" not in text:
        yield from read_text(text, str(path))
        return
    yield from text_grids(text, str(path))
