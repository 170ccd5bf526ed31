"""Reader for legacy Excel 97–2003 workbooks (.xls, an OLE2 compound file) through python-calamine.

The compound-file format also holds legacy Word (.doc) and password-protected xlsx/docx
(an ``EncryptedPackage`` stream); those are told apart here and refused with a clear message.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..grid import Grid
from .xlsx import read_workbook

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def compound_kind(head: bytes) -> str:
    """'encrypted', 'doc', 'xls' or 'unknown' from the first bytes of a compound file (its directory)."""
    if _utf16("EncryptedPackage") in head or _utf16("EncryptionInfo") in head:
        return "encrypted"
    if _utf16("WordDocument") in head:
        return "doc"
    if _utf16("Workbook") in head or _utf16("Book") in head:
        return "xls"
    return "unknown"


def read_xls(path: Path) -> list[Grid]:
    with path.open("rb") as stream:
        head = stream.read()
    kind = compound_kind(head)
    if kind == "encrypted":
        raise InputError("文件设置了打开密码（已加密），请在 Excel 或 WPS 中去掉密码另存后再试", file=path)
    if kind == "doc":
        raise InputError("这是旧版 Word（.doc）文件，请在 Word 或 WPS 中另存为 .docx 后再试", file=path)
    return read_workbook(path)
