"""Writer for PDF: the printable HTML page rendered by WeasyPrint with a CJK font (Debian fonts-noto-cjk)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ...errors import InputError
from ...findings import Finding
from ...model import TargetTable
from .html import render_html


def write_pdf(
    tables: Sequence[TargetTable], path: Path, *, findings: Sequence[Sequence[Finding]] | None = None
) -> None:
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: Pango or its libraries are not installed
        raise InputError(f"无法生成 PDF：WeasyPrint 不可用（{error}），请安装 Pango 与 fonts-noto-cjk") from None
    weasyprint.HTML(string=render_html(tables, findings=findings)).write_pdf(str(path))
