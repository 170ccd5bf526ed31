"""`read(path)`: any supported file → target tables, through a reader and the one recognizer."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable, Iterator
from functools import partial
from itertools import chain
from pathlib import Path

from .errors import InputError, JixiaoError, LayoutError
from .grid import Grid
from .io import ocr
from .io.container import BROKEN_ZIP
from .io.isolation import Progress, read_isolated
from .io.limits import MAX_FILE_BYTES
from .io.pdf import NoTextLayer
from .io.text import read_text_file, text_file_grids
from .model import TargetTable
from .recognize import recognize
from .recognize.columns import is_indicator_header
from .recognize.labels import field_of

__all__ = [
    "MAX_FILE_BYTES", "Progress", "Reader", "ScanRefused", "format_of", "read", "read_grids", "sniff", "tables_in",
]  # fmt: skip

Reader = Callable[[Path], list[Grid]]


class ScanRefused(InputError):
    """A scan (a PDF without text, an image) met with ``scans=False``: it needs OCR and a person's confirmation."""


#: Formats read by libraries that cannot be bounded in-process: read in a bounded child process.
ISOLATED = frozenset({"xlsx", "xls", "ods", "docx", "pdf", "html"})

_PDF = b"%PDF-"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_MARKS = (b"<!doctype html", b"<html", b"<table", b"<head", b"<body", b"<meta", b"<div", b"<?xml")
#: Image files a scan or a photo of a table comes as: PNG, JPEG, TIFF (both byte orders), BMP, WebP.
_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM")


def format_of(path: Path, data: bytes | None = None) -> str:
    """'pdf', 'image', 'xlsx', 'docx', 'ods', 'xls', 'html', 'json' or 'text', from the file's first bytes.

    A PDF is 'pdf' whether or not it has text: whether it is a scan is found when it is read. ``data``: the file's
    content when it is already read (it is not read again).
    """
    if data is None:
        with path.open("rb") as stream:
            head = stream.read(8192)
    else:
        head = data[:8192]
    if _PDF in head[:1024]:
        return "pdf"
    if head.startswith(_IMAGES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return "image"
    if head.startswith(_ZIP):
        return _zip_format(path)
    if head.startswith(_OLE):
        return "xls"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    lowered = text[:2048].lower()
    if text[:1] == b"{" or (text[:1] == b"[" and _parses_as_json(path.read_bytes() if data is None else data)):
        return "json"
    if (text[:1] == b"<" and any(mark in lowered for mark in _HTML_MARKS)) or b"<table" in lowered:
        return "html"
    return "text"


def _parses_as_json(data: bytes) -> bool:
    """Whether a text starting with ``[`` is JSON: a pasted table may start with ``[索引号]``."""
    try:
        json.loads(data.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        return False
    except RecursionError:
        return True  # JSON nested too deep: the JSON reader says so
    return True


def _zip_format(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except BROKEN_ZIP:
        # A truncated ZIP has lost its directory; the local header of the first part still names it.
        with path.open("rb") as stream:
            head = stream.read(4096)
        for marker, kind in ((b"xl/", "xlsx"), (b"word/", "docx"), (b"[Content_Types].xml", "xlsx")):
            if marker in head:
                return kind
        raise InputError("ZIP 文件已损坏或不完整，也不是 Excel 或 Word 文件", file=path) from None
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names and "mimetype" in names:
        return "ods"
    raise InputError("这是一个 ZIP 压缩包，不是 Excel（.xlsx）或 Word（.docx）文件", file=path)


_BINARY_NAMES = {".xlsx": "Excel", ".xlsm": "Excel", ".xls": "Excel", ".ods": "表格", ".docx": "Word", ".doc": "Word",
                 ".pdf": "PDF"}  # fmt: skip


def _read_named_binary(path: Path) -> list[Grid]:
    """A file named like an Excel, Word or PDF file whose content is none of them: read it as text if it is."""
    try:
        return read_text_file(path)
    except InputError:
        kind = _BINARY_NAMES[path.suffix.lower()]
        raise InputError(
            f"文件名是 {path.suffix}，内容却不是有效的 {kind} 文件：可能已损坏，或只是改了扩展名", file=path
        ) from None


def _read_pdf(path: Path, *, progress: Progress | None = None, scans: bool = True) -> list[Grid]:
    """A PDF's tables from its text, or by OCR when it has none (a scan)."""
    try:
        return read_isolated("pdf", path)
    except NoTextLayer as error:
        return _read_scan(path, progress=progress, why=error.message, scans=scans)


def _read_scan(
    path: Path, *, progress: Progress | None = None, why: str = "这是一张图片", scans: bool = True
) -> list[Grid]:
    """A scan or an image file read by OCR, or refused in one line naming the extra it needs."""
    if not scans:
        raise ScanRefused(f"{why}：这里不识别扫描件，请提供 Excel 或 Word 原件", file=path)
    if not ocr.available():
        raise InputError(f"{why}：{ocr.MISSING}", file=path)
    return read_isolated("scan", path, progress=progress)


def sniff(path: Path, *, progress: Progress | None = None, scans: bool = True, data: bytes | None = None) -> Reader:
    """The reader for ``path``, chosen from its content, not its name; a scan tells ``progress`` page by page.

    ``scans=False`` refuses a scan (a PDF without text, an image) instead of reading it by OCR. ``data``: the
    file's content when it is already read.
    """
    kind = format_of(path, data)
    if kind == "text":
        return _read_named_binary if path.suffix.lower() in _BINARY_NAMES else read_text_file
    if kind == "pdf":
        return partial(_read_pdf, progress=progress, scans=scans)
    if kind == "image":
        return partial(_read_scan, progress=progress, scans=scans)
    if kind in ISOLATED:
        return partial(read_isolated, kind)
    from .io import readers

    return readers.READERS[kind]


def read_grids(
    path: str | Path, *, progress: Progress | None = None, scans: bool = True, data: bytes | None = None
) -> list[Grid]:
    """The grids in a file: each reader's output before recognition.

    ``progress`` is told (pages done, pages in all) after each page of a scan read by OCR; other files do not call it.
    ``data``: the file's content when the caller has read it already (to hash it): its format is found and a text
    file decoded from these bytes, not from a second read; formats read in a child process are read there by path.
    """
    return list(_grids(path, progress=progress, scans=scans, data=data))


def _grids(
    path: str | Path, *, progress: Progress | None = None, scans: bool = True, data: bytes | None = None
) -> Iterator[Grid]:
    """:func:`read_grids` one grid at a time: a text file's as its lines are read, other formats' once all are read."""
    file = Path(path)
    if data is not None:
        size = len(data)
    elif not file.exists():
        raise InputError("文件不存在", file=file)
    elif file.is_dir():
        raise InputError("这是一个文件夹，不是文件", file=file)
    else:
        size = file.stat().st_size
    if size == 0:
        raise InputError("文件是空的", file=file)
    if size > MAX_FILE_BYTES:
        raise InputError(f"文件超过 {MAX_FILE_BYTES // (1024 * 1024)} MB 的上限", file=file)
    found = 0
    try:
        reader = sniff(file, progress=progress, scans=scans, data=data)
        for grid in text_file_grids(file, data) if reader is read_text_file else reader(file):
            found += 1
            yield grid
    except JixiaoError as error:
        raise error.located(file=file) from None
    except OSError as error:
        raise InputError(f"无法读取：{error.strerror or error}", file=file) from None
    except MemoryError:
        raise InputError("文件内容过大，内存不足以读取", file=file) from None
    if not found:
        raise InputError("文件里没有任何表格内容", file=file)


def read(path: str | Path, *, progress: Progress | None = None, scans: bool = True) -> list[TargetTable]:
    """All target tables in the file at ``path``.

    A file with several tables (a disclosure page, a workbook with a cover sheet) may hold tables that
    are not target tables; those are passed over. When none is a target table the first table's
    :class:`~jixiao.errors.LayoutError` is raised. A scan (a PDF without text, an image) is read by OCR
    when the ``jixiao[ocr]`` extra is installed; its doubtful cells are reading notes that need confirmation,
    and ``progress`` is told after each page.

    A text file's tables are recognized as they are read, so that its cells are not all kept at once.
    """
    grids = _grids(path, progress=progress, scans=scans)
    return _tables(next(grids), grids)


def tables_in(grids: list[Grid]) -> list[TargetTable]:
    """The target tables the recognizer finds in ``grids`` (one file's), passing over grids that are no target table.

    A grid read by OCR that has a 项目名称 or a table title but no indicator header is not passed over: a misread
    header would otherwise lose a whole table without a word.
    """
    return _tables(grids[0], iter(grids[1:]))


def _tables(first: Grid, rest: Iterator[Grid]) -> list[TargetTable]:
    """:func:`tables_in` for the grids ``first`` and then ``rest``, taken from ``rest`` one at a time."""
    second = next(rest, None)
    single = second is None
    tables: list[TargetTable] = []
    for grid in chain([first], [] if second is None else [second], rest):
        try:
            tables.extend(_recognized(grid))
        except LayoutError:
            if single or any(is_indicator_header(row) for row in grid.rows) or _scanned_table(grid):
                _read_to_end(rest)
                raise  # a target table with a real problem, not some other table in the file
        except Exception:
            _read_to_end(rest)
            raise
    if not tables:
        tables = _recognized(first)  # raises the LayoutError that says what is missing
    return tables


def _read_to_end(rest: Iterator[Grid]) -> None:
    """The rest of a file read before a table's error is raised: the reader's refusal of the file (too many cells)
    wins, as it did when every grid was read before any was recognized."""
    for _unread in rest:
        pass


def _recognized(grid: Grid) -> list[TargetTable]:
    try:
        return recognize(grid)
    except LayoutError as error:
        if not _scanned(grid):
            raise
        raise LayoutError(
            f"扫描件里认不出目标表（{error.message}）；只能识别有表格线的表格，否则请提供 Excel 或 Word 原件",
            file=error.file,
            row=error.row,
            column=error.column,
        ) from None


def _scanned(grid: Grid) -> bool:
    return any(cell.confidence is not None for row in grid.rows for cell in row)


def _scanned_table(grid: Grid) -> bool:
    """A grid read by OCR with a table title or a 项目名称: a target table whose header was not read."""
    if not _scanned(grid):
        return False
    cells = [cell for row in grid.rows for cell in row if not cell.empty]
    return grid.title is not None or any(field_of(cell.text) == "project_name" for cell in cells)
