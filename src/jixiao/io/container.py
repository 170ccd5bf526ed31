"""Checks on ZIP containers (xlsx, docx) before a library opens them.

A truncated file, a zip bomb, too many parts or a worksheet whose used range would need gigabytes of
memory are refused here with a one-line error. Every part is decompressed once, in a stream and
within :data:`~jixiao.io.limits.MAX_UNCOMPRESSED_BYTES`, so a part whose real size differs from the
size it declares fails its CRC check instead of filling memory.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from ..errors import InputError
from .limits import MAX_COMPRESSION_RATIO, MAX_SHEET_AREA, MAX_UNCOMPRESSED_BYTES, MAX_ZIP_ENTRIES

_CELL_REF = re.compile(rb'<(?:\w+:)?c\b[^>]*?\sr="([A-Z]{1,3})(\d{1,7})"')
_CHUNK = 1 << 20


def column_number(letters: bytes | str) -> int:
    """'A' → 1, 'AB' → 28."""
    text = letters.decode() if isinstance(letters, bytes) else letters
    number = 0
    for letter in text:
        number = number * 26 + ord(letter) - 64
    return number


def check_zip(path: Path, *, kind: str, sheets_prefix: str | None = None) -> list[str]:
    """The part names of the ZIP at ``path`` after checking it; :class:`InputError` when it is unsafe or broken."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
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
        total = 0
        for info in infos:
            scan = sheets_prefix is not None and info.filename.startswith(sheets_prefix)
            total += _stream(archive, info, path, kind, scan, total)
        return [info.filename for info in infos]


def _too_big(kind: str, size: int) -> str:
    return f"{kind}文件解压后有 {size // (1024 * 1024)} MB，超过 {MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB 的上限"


def _stream(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, kind: str, scan: bool, done: int) -> int:
    """Decompress one part in chunks; return its size. Scans worksheet parts for their used range."""
    size = 0
    top = left = 1 << 30
    bottom = right = 0
    tail = b""
    try:
        with archive.open(info) as part:
            while chunk := part.read(_CHUNK):
                size += len(chunk)
                if done + size > MAX_UNCOMPRESSED_BYTES:
                    raise InputError(_too_big(kind, done + size), file=path)
                if scan:
                    window = tail + chunk
                    for match in _CELL_REF.finditer(window):
                        column, row = column_number(match.group(1)), int(match.group(2))
                        top, bottom = min(top, row), max(bottom, row)
                        left, right = min(left, column), max(right, column)
                    tail = window[-64:]
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError) as error:
        raise InputError(f"{kind}文件已损坏或不完整（部件 {info.filename}：{error}）", file=path) from None
    if scan and bottom:
        area = (bottom - top + 1) * (right - left + 1)
        if area > MAX_SHEET_AREA:
            raise InputError(
                f"工作表 {info.filename.rsplit('/', 1)[-1]} 的使用范围有 {bottom - top + 1} 行 × "
                f"{right - left + 1} 列，"
                f"超过 {MAX_SHEET_AREA} 个单元格的上限；请删除多余的行和列后再试",
                file=path,
            )
    return size
