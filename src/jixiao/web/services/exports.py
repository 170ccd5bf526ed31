"""Exports of a table version: JSON (the core's document), xlsx in the official layout, PDF of the print page."""

from __future__ import annotations

import io
from typing import Any

from django.template.loader import render_to_string

from jixiao.jsonout import dumps, parse_document
from jixiao.model import TargetTable

from ..models import TableVersion
from .findings import review_data

CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
COLUMNS = ("一级指标", "二级指标", "三级指标", "指标值", "指标值设置依据", "上年完成值", "指标分值权重", "指标赋分规则",
           "佐证资料")


def to_json(table: TargetTable) -> bytes:
    return dumps(parse_document([table])).encode()


def to_xlsx(table: TargetTable) -> bytes:
    """The official layout: title, header block, indicator rows with 一级/二级 merged down."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    book = Workbook()
    sheet = book.active
    sheet.title = "绩效目标表"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center")
    sheet.append([f"{table.year}年度项目支出绩效目标表" if table.year else "项目支出绩效目标表"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=9)
    sheet["A1"].font = Font(size=16, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center")
    funding = table.funding
    header = [
        ("项目名称", table.project_name), ("预算单位", table.budget_unit), ("项目负责人", table.project_lead),
        (f"项目资金（{funding.unit}）", f"年度预算总额：{funding.total_text or ''}  其中：财政拨款 "
         f"{funding.fiscal_text or ''}  其他资金 {funding.other_text or ''}"),
        ("年度总体目标", table.overall_goal),
    ]
    for label, value in header:
        sheet.append([label, value or ""])
        row = sheet.max_row
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=9)
    sheet.append(list(COLUMNS))
    first = sheet.max_row + 1
    for ind in table.indicators:
        sheet.append([ind.level1_text or ind.level1 or "", ind.level2_text or ind.level2 or "", ind.name,
                      ind.target.text if ind.target else "", ind.basis or "", ind.prior.text if ind.prior else "",
                      float(ind.weight) if ind.weight is not None else "", ind.scoring_rule or "", ind.evidence or ""])
    _merge_down(sheet, first, sheet.max_row, 1)
    _merge_down(sheet, first, sheet.max_row, 2)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.border, cell.alignment = border, wrap
    for letter, width in zip("ABCDEFGHI", (12, 14, 30, 18, 14, 16, 10, 16, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _merge_down(sheet: Any, first: int, last: int, column: int) -> None:
    start = first
    for row in range(first + 1, last + 2):
        value = sheet.cell(row, column).value if row <= last else None
        if row > last or (value and value != sheet.cell(start, column).value):
            if row - 1 > start:
                sheet.merge_cells(start_row=start, start_column=column, end_row=row - 1, end_column=column)
            start = row
        elif not value:
            continue


def to_pdf(version: TableVersion) -> bytes:
    from weasyprint import HTML

    from .. import layout

    result = review_data(version.data)
    html = render_to_string("web/print.html", {"version": version, "record": version.record, "result": result,
                                               "rows": layout.rows(result)})
    return HTML(string=html).write_pdf()  # type: ignore[no-any-return]


def export(version: TableVersion, kind: str) -> bytes:
    table = review_data(version.data).table
    if kind == "json":
        return to_json(table)
    if kind == "xlsx":
        return to_xlsx(table)
    if kind == "pdf":
        return to_pdf(version)
    raise ValueError(kind)
