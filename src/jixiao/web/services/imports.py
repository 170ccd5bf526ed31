"""Importing a file: check its size and sniff its type from the content, keep it, read it through the core.

The file goes to :func:`jixiao.reading.read_grids` (the one road: reader → Grid → recognizer), which picks the
reader from the content; formats the installed core cannot read yet give a clear error, not a crash.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from jixiao.errors import JixiaoError
from jixiao.model import TargetTable
from jixiao.reading import read_grids
from jixiao.recognize import recognize

from ..models import Unit, UploadedFile

#: Detected type → (label, file suffix). Detection looks at the bytes, never at the name.
TYPES = {
    "xlsx": ("Excel 工作簿", ".xlsx"),
    "docx": ("Word 文档", ".docx"),
    "xls": ("Excel 97-2003 工作簿", ".xls"),
    "ods": ("OpenDocument 表格", ".ods"),
    "pdf": ("PDF 文档", ".pdf"),
    "html": ("网页", ".html"),
    "json": ("JSON", ".json"),
    "text": ("文本（制表符分隔）", ".txt"),
}


class UploadRefused(Exception):
    """The upload is too large, empty, of a type we do not read, or has no table in it."""


def sniff(content: bytes) -> str:
    """The file's type from its first bytes (and, for zip files, the parts inside)."""
    head = content[:2048]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    if head.startswith(b"PK\x03\x04"):
        if b"application/vnd.oasis.opendocument.spreadsheet" in head:
            return "ods"
        if b"xl/" in content[:65536] or b"xl/workbook" in content:
            return "xlsx"
        if b"word/" in content[:65536] or b"word/document" in content:
            return "docx"
        raise UploadRefused("这是一个压缩包，但不是 Excel、WPS 表格或 Word 文件")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        stripped = text.lstrip()[:512].lower()
        if stripped.startswith(("<!doctype html", "<html", "<table", "<meta")):
            return "html"
        if stripped.startswith(("{", "[")):
            return "json"
        return "text"
    raise UploadRefused("无法识别的文件类型：请上传 Excel、Word、PDF、网页或文本格式的目标表")


def check(name: str, content: bytes) -> str:
    limit = settings.JIXIAO_UPLOAD_MAX_BYTES
    if not content:
        raise UploadRefused("文件是空的")
    if len(content) > limit:
        raise UploadRefused(f"文件有 {len(content) / 1048576:.1f} MB，超过 {limit / 1048576:.0f} MB 的上限")
    return sniff(content)


def store(unit: Unit, *, actor: Any, name: str, content: bytes) -> UploadedFile:
    """Keep the uploaded file as it came (原始文件), after the size and type checks."""
    detected = check(name, content)
    with transaction.atomic():
        return UploadedFile.objects.create(
            name=Path(name).name[:255] or "upload",
            content=content,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            detected_type=detected,
            unit=unit,
            uploaded_by=actor,
        )


@dataclass(frozen=True)
class Parsed:
    tables: list[TargetTable]
    error: str | None = None


def parse(upload: UploadedFile) -> Parsed:
    """The target tables in an uploaded file, or the reader's error in plain words."""
    suffix = TYPES.get(upload.detected_type, ("", ".bin"))[1]
    with tempfile.TemporaryDirectory(prefix="jixiao-upload-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(bytes(upload.content))
        try:
            tables = [table for grid in read_grids(path) for table in recognize(grid)]
        except JixiaoError as error:
            message = str(error).replace(str(path), upload.name)
            return Parsed([], message)
    if not tables:
        return Parsed([], "文件里没有找到项目支出绩效目标表")
    return Parsed(tables)
