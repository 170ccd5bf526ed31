"""Checks on ZIP containers (xlsx, ods, docx) before a library opens them.

A truncated file, a zip bomb, too many parts or a worksheet whose used range would need gigabytes of
memory are refused here with a one-line error. Every part is decompressed once, in a stream and
within :data:`~jixiao.io.limits.MAX_UNCOMPRESSED_BYTES`, so a part whose real size differs from the
size it declares fails its CRC check instead of filling memory.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..errors import InputError
from .limits import MAX_COMPRESSION_RATIO, MAX_SHEET_AREA, MAX_UNCOMPRESSED_BYTES, MAX_ZIP_ENTRIES
from .ods_scan import OdsScan
from .workbook_parts import percent_styles

_CELL_TAG = re.compile(rb"<(?:\w+:)?c(?:\s([^>]*))?/?>")
_REF = re.compile(rb'\br="([A-Za-z]+)(\d+)"')
_STYLE = re.compile(rb'\bs="(\d+)"')
_STYLES_PART = "xl/styles.xml"
_MAX_STYLES_BYTES = 16 * 1024 * 1024
_CHUNK = 1 << 20
#: What the zipfile module raises for a damaged directory: a bad signature, an unknown version needed to extract
#: (NotImplementedError), a name flagged UTF-8 that is not (UnicodeDecodeError), sizes that do not add up.
BROKEN_ZIP = (zipfile.BadZipFile, NotImplementedError, UnicodeDecodeError, ValueError, EOFError, OverflowError)
#: Excel's own bounds: a reference past them comes from a damaged or crafted file.
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384


def column_number(letters: bytes | str) -> int:
    """'A' → 1, 'AB' → 28."""
    text = letters.decode() if isinstance(letters, bytes) else letters
    number = 0
    for letter in text:
        number = number * 26 + ord(letter) - 64
    return number


@dataclass
class ZipContents:
    """What checking a ZIP found: its part names and, per worksheet part, the cells formatted as percentages."""

    names: list[str] = field(default_factory=list)
    percent_cells: dict[str, set[tuple[int, int]]] = field(default_factory=dict)


def check_zip(path: Path, *, kind: str, sheets_prefix: str | None = None, ods: bool = False) -> ZipContents:
    """The parts of the ZIP at ``path`` after checking it; :class:`InputError` when it is unsafe or broken.

    With ``sheets_prefix`` (xlsx), worksheet parts are also scanned for their used range and for cells whose
    style is a percentage format (calamine gives 45% as 0.45 and does not say how it was shown). With ``ods``,
    the spreadsheet's ``content.xml`` is scanned for the used range of each table, repeated rows and columns
    counted as the spreadsheet program would expand them.
    """
    try:
        archive = zipfile.ZipFile(path)
    except BROKEN_ZIP:
        raise InputError(f"{kind}文件已损坏或不完整（ZIP 结构无法打开），请重新保存或重新下载", file=path) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_ENTRIES:
            raise InputError(f"{kind}文件包含 {len(infos)} 个部件，超过 {MAX_ZIP_ENTRIES} 个的上限", file=path)
        declared = sum(info.file_size for info in infos)
        if declared > MAX_UNCOMPRESSED_BYTES:
            raise InputError(_too_big(kind, declared), file=path)
        for info in infos:
            if info.flag_bits & 0x1:
                raise InputError(f"{kind}文件已加密，请去掉密码后再试", file=path)
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > 1 << 20 and ratio > MAX_COMPRESSION_RATIO:
                raise InputError(
                    f"{kind}文件的部件 {info.filename} 压缩比 {ratio:.0f}:1 异常（疑似压缩炸弹），拒绝读取", file=path
                )
        contents = ZipContents([info.filename for info in infos])
        percent = _percent_styles(archive, infos) if sheets_prefix else frozenset()
        total = 0
        for info in infos:
            if sheets_prefix is not None and info.filename.startswith(sheets_prefix):
                scan = SheetScan(percent)
                total += _stream(archive, info, path, kind, scan, total)
                contents.percent_cells[info.filename] = scan.percent_cells
            elif ods and info.filename == "content.xml":
                total += _stream(archive, info, path, kind, OdsScan(), total)
            else:
                total += _stream(archive, info, path, kind, None, total)
        return contents


def _percent_styles(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> frozenset[int]:
    info = next((i for i in infos if i.filename == _STYLES_PART), None)
    if info is None or info.file_size > _MAX_STYLES_BYTES:
        return frozenset()
    try:
        return percent_styles(archive.read(info))
    except (*BROKEN_ZIP, zlib.error):
        return frozenset()  # a broken styles part is reported when the part is streamed below


class RangeScan(Protocol):
    """A worksheet scan: fed a part's bytes, whole tags at a time; its used range is checked against the limit."""

    rows: int
    columns: int

    def feed(self, window: bytes) -> None: ...

    def area(self) -> int: ...


@dataclass
class SheetScan:
    """The used range of one xlsx worksheet part and its percentage-formatted cells, from its cell tags.

    A reference past Excel's last row or column cannot come from Excel and is refused at once: calamine would
    allocate the whole range it spans.
    """

    percent: frozenset[int]
    top: int = 1 << 30
    left: int = 1 << 30
    bottom: int = 0
    right: int = 0
    rows: int = 0
    columns: int = 0
    cells: int = 0
    percent_cells: set[tuple[int, int]] = field(default_factory=set)

    def feed(self, window: bytes) -> None:
        for tag in _CELL_TAG.finditer(window):
            self.cells += 1
            attributes = tag.group(1) or b""
            ref = _REF.search(attributes)
            if ref is None:
                continue
            letters, digits = ref.group(1).upper(), ref.group(2)
            if len(letters) > 3 or len(digits) > 7:
                raise ValueError(f"单元格引用 {(letters + digits)[:20].decode()} 超出 Excel 的范围")
            column, row = column_number(letters), int(digits)
            if row > EXCEL_ROWS or column > EXCEL_COLUMNS or row < 1:
                raise ValueError(f"单元格引用 {(letters + digits).decode()} 超出 Excel 的范围")
            self.top, self.bottom = min(self.top, row), max(self.bottom, row)
            self.left, self.right = min(self.left, column), max(self.right, column)
            if self.percent:
                style = _STYLE.search(attributes)
                if style is not None and int(style.group(1)) in self.percent:
                    self.percent_cells.add((row, column))

    def area(self) -> int:
        if not self.bottom:
            return self.cells
        self.rows, self.columns = self.bottom - self.top + 1, self.right - self.left + 1
        return max(self.rows * self.columns, self.cells)


def _too_big(kind: str, size: int) -> str:
    return f"{kind}文件解压后有 {size // (1024 * 1024)} MB，超过 {MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB 的上限"


def _stream(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, kind: str, scan: RangeScan | None, done: int
) -> int:
    """Decompress one part in chunks; return its size. Feeds worksheet parts to ``scan``, whole tags at a time."""
    size = 0
    rest = b""
    try:
        with archive.open(info) as part:
            while chunk := part.read(_CHUNK):
                size += len(chunk)
                if done + size > MAX_UNCOMPRESSED_BYTES:
                    raise InputError(_too_big(kind, done + size), file=path)
                if scan is not None:
                    window = rest + chunk
                    cut = window.rfind(b">") + 1
                    scan.feed(window[:cut])
                    rest = window[cut:]
    except (*BROKEN_ZIP, zlib.error, OSError) as error:
        raise InputError(f"{kind}文件已损坏或不完整（部件 {info.filename}：{error}）", file=path) from None
    if scan is not None and scan.area() > MAX_SHEET_AREA:
        sheet = "一张工作表" if info.filename == "content.xml" else f"工作表 {info.filename.rsplit('/', 1)[-1]} "
        raise InputError(
            f"{sheet}的使用范围有 {scan.rows} 行 × {scan.columns} 列，"
            f"超过 {MAX_SHEET_AREA} 个单元格的上限；请删除多余的行和列后再试",
            file=path,
        )
    return size
