"""The `jixiao batch` summary file, written row by row: .csv (UTF-8 with BOM, for Excel), .json or .xlsx."""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..batch.summary import SummaryRow
from ..errors import JixiaoError
from ..io.writers.formulas import csv_value, set_value
from ..jsonout import number

KIND_LABELS = {
    "target": "目标表", "selfeval": "自评表", "monitor": "监控表", "error": "无法读取", "duplicate": "重复文件",
}  # fmt: skip
COLUMNS = (
    "文件", "类型", "项目名称", "预算单位", "指标数", "错误", "警告", "提示", "规则", "得分", "等级", "公布得分",
    "配置", "说明",
)  # fmt: skip
KEYS = (
    "file", "kind", "project_name", "budget_unit", "indicators", "errors", "warnings", "infos", "codes", "total",
    "grade", "published_total", "profile", "message",
)  # fmt: skip
#: Rows of one worksheet at most (Excel's limit, less the header); further rows go on 汇总2, 汇总3 …
SHEET_ROWS = 1_048_575


def cells(row: SummaryRow) -> list[Any]:
    return [
        row.file, KIND_LABELS[row.kind], row.project_name or "", row.budget_unit or "", row.indicators, row.errors,
        row.warnings, row.infos, " ".join(row.codes), number(row.total), row.grade or "", number(row.published_total),
        row.profile or "", row.message or "",
    ]  # fmt: skip


def write_summary(rows: Iterable[SummaryRow], path: Path) -> None:
    """Write to a temporary file beside ``path`` and move it into place when complete."""
    temporary = path.with_name(f".{path.name}.tmp")
    suffix = path.suffix.lower()
    try:
        if suffix == ".json":
            _json(rows, temporary)
        elif suffix == ".csv":
            _csv(rows, temporary)
        else:
            _xlsx(rows, temporary)
        os.replace(temporary, path)
    except OSError as error:
        raise JixiaoError(f"汇总无法写入：{error.strerror or error}", file=path) from None
    finally:
        temporary.unlink(missing_ok=True)


def _json(rows: Iterable[SummaryRow], path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write('{"tables": [')
        for index, row in enumerate(rows):
            record = dict(zip(KEYS, cells(row), strict=True)) | {"kind": row.kind, "codes": list(row.codes)}
            handle.write(("," if index else "") + "\n  " + json.dumps(record, ensure_ascii=False))
        handle.write("\n]}\n")


def _csv(rows: Iterable[SummaryRow], path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows([csv_value(value) for value in cells(row)] for row in rows)


def _xlsx(rows: Iterable[SummaryRow], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = None
    written = SHEET_ROWS
    for row in rows:
        if written >= SHEET_ROWS:
            sheet = book.create_sheet("汇总" if sheet is None else f"汇总{len(book.worksheets) + 1}")
            sheet.freeze_panes = "A2"
            sheet.append(COLUMNS)
            written = 0
        assert sheet is not None
        line = []
        for value in cells(row):
            cell = WriteOnlyCell(sheet)
            set_value(cell, value)
            line.append(cell)
        sheet.append(line)
        written += 1
    if sheet is None:
        book.create_sheet("汇总").append(COLUMNS)
    book.save(path)
