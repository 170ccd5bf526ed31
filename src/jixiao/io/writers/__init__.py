"""Writers: target tables → xlsx, docx, html, pdf, json or the text layout, written atomically.

Every writer renders the one official layout of :mod:`.layout`. :func:`write` writes to a temporary file
beside the destination and moves it into place only when complete, so a failure leaves nothing behind.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Sequence
from pathlib import Path

from ...errors import InputError
from ...findings import Finding
from ...model import TargetTable

FORMATS = ("xlsx", "docx", "html", "pdf", "json", "txt")
_ALIASES = {"htm": "html", "tsv": "txt", "text": "txt"}


def format_for(path: Path, requested: str | None = None) -> str:
    """The output format: ``requested`` (--to) or the destination's extension."""
    name = (requested or path.suffix.lstrip(".")).lower()
    name = _ALIASES.get(name, name)
    if name not in FORMATS:
        shown = f"“{requested}”" if requested else f"扩展名“{path.suffix or '（无）'}”"
        raise InputError(f"不支持的输出格式{shown}；可用：{'、'.join(FORMATS)}", file=path)
    return name


def _writer(name: str) -> Callable[..., None]:
    if name == "xlsx":
        from .xlsx import write_xlsx

        return write_xlsx
    if name == "docx":
        from .docx import write_docx

        return write_docx
    if name == "html":
        from .html import write_html

        return write_html
    if name == "pdf":
        from .pdf import write_pdf

        return write_pdf
    if name == "json":
        from .json import write_json

        return write_json
    from .text import write_text

    return write_text


def write(
    tables: Sequence[TargetTable],
    path: str | Path,
    *,
    to: str | None = None,
    findings: Sequence[Sequence[Finding]] | None = None,
) -> Path:
    """Write ``tables`` to ``path`` in the format of its extension (or ``to``); return the path written.

    ``findings`` holds one list of findings per table; the xlsx, docx, html and pdf writers show them.
    """
    destination = Path(path)
    name = format_for(destination, to)
    if not tables:
        raise InputError("没有可写出的目标表", file=destination)
    if not destination.parent.is_dir():
        raise InputError("输出文件夹不存在", file=destination.parent)
    writer = _writer(name)
    if findings is not None and name not in ("json", "txt"):
        atomic_write(destination, lambda temporary: writer(tables, temporary, findings=findings))
    else:
        atomic_write(destination, lambda temporary: writer(tables, temporary))
    return destination


def atomic_write(destination: Path, make: Callable[[Path], None]) -> None:
    """Run ``make`` on a temporary file beside ``destination``, then move it into place; nothing is left on failure."""
    temporary = _new_file_beside(destination)
    try:
        make(Path(temporary))
        if destination.exists():  # a replaced file keeps its permissions
            os.chmod(temporary, destination.stat().st_mode & 0o777)
        os.replace(temporary, destination)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _new_file_beside(destination: Path) -> str:
    """Create an empty hidden file beside ``destination`` with the permissions of any new file (the umask's).

    ``tempfile.mkstemp`` would make it readable by its owner only, and the written table would stay so.
    """
    for _ in range(100):
        name = os.path.join(destination.parent, f".jixiao-{secrets.token_hex(6)}{destination.suffix}")
        try:
            os.close(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return name
    raise InputError("无法在输出文件夹中创建临时文件", file=destination.parent)
