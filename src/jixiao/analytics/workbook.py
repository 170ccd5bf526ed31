"""The analytics results as one Excel workbook: a sheet per question, shares as percentages."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ..io.writers.formulas import set_value
from .formatting import cell_value, is_ratio, is_share
from .queries import Result

#: Sheet names (at most 31 characters in Excel), by result key.
SHEETS = {
    "ambition_by_department": "目标与上年_部门", "ambition_by_level1": "目标与上年_一级",
    "ambition_by_level2": "目标与上年_二级", "vague_share": "定性与模糊", "frequent_findings": "常见问题",
    "score_breaches": "得分不符", "grade_distribution": "等级分布", "coverage": "覆盖面",
}  # fmt: skip


def write_workbook(results: Sequence[Result], path: Path) -> None:
    """Write to a temporary file beside ``path`` and move it into place when complete."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for result in results:
        sheet = book.create_sheet(SHEETS.get(result.key, result.key)[:31])
        sheet.append([result.title])
        sheet["A1"].font = Font(bold=True)
        if result.note:
            sheet.append([result.note])
        sheet.append(list(result.columns))
        header = sheet.max_row
        for cell in sheet[header]:
            cell.font = Font(bold=True)
        for row in result.rows:
            sheet.append([None] * len(row))
            for column, value in enumerate(row, 1):
                target = sheet.cell(sheet.max_row, column)
                set_value(target, cell_value(value))
                label = result.columns[column - 1]
                if is_share(label):
                    target.number_format = "0.0%"
                elif is_ratio(label):
                    target.number_format = "0.00"
        sheet.freeze_panes = sheet.cell(header + 1, 1)
        for index, label in enumerate(result.columns):
            sheet.column_dimensions[sheet.cell(header, index + 1).column_letter].width = max(10, 2 * len(label) + 2)
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        book.save(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
