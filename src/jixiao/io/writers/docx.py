"""Writer for Word: one official-layout table per project on A4 landscape pages, merged cells included."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ...findings import Finding
from ...model import TargetTable
from .findings import FINDING_COLUMNS, finding_rows
from .layout import TableLayout, table_layout

FONT = "宋体"
_CENTERED = {"title", "subtitle", "label", "head", "level", "number"}


def _font(run: Any, size: float, bold: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = FONT
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), FONT)


def _shade(cell: Any) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), "F2F2F2")
    cell._tc.get_or_add_tcPr().append(shading)


def new_document() -> Any:
    """An empty Word document on A4 landscape pages."""
    document = docx.Document()
    _page_setup(document)
    return document


def page_break(document: Any) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _page_setup(document: Any) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(12)
    section.top_margin = section.bottom_margin = Mm(15)


def _paragraph(document: Any, text: str, size: float, bold: bool = False) -> Any:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(paragraph.add_run(text), size, bold)
    return paragraph


def _write_cell(cell: Any, text: str, style: str) -> None:
    lines = text.split("\n") if text else [""]
    paragraph = cell.paragraphs[0]
    for index, line in enumerate(lines):
        if index:
            paragraph = cell.add_paragraph()
        if style in _CENTERED:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        _font(paragraph.add_run(line), 10, bold=style in ("label", "head"))
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    if style in ("label", "head"):
        _shade(cell)


def write_table(document: Any, layout: TableLayout) -> None:
    _paragraph(document, layout.title, 16, bold=True)
    rows = layout.rows[1:]
    if rows and rows[0] and rows[0][0].style == "subtitle":
        _paragraph(document, rows[0][0].text, 11)
        rows = rows[1:]
    first = rows[0][0].row if rows else 1
    table = document.add_table(rows=len(rows), cols=layout.width)
    table.style = "Table Grid"
    usable = Mm(297 - 24)
    total = sum(layout.widths)
    for column, width in zip(table.columns, layout.widths, strict=True):
        column.width = int(usable * width / total)
    for row in rows:
        for item in row:
            r, c = item.row - first, item.column - 1
            cell = table.cell(r, c)
            if item.rowspan > 1 or item.colspan > 1:
                cell = cell.merge(table.cell(r + item.rowspan - 1, c + item.colspan - 1))
            _write_cell(cell, item.text, item.style)
    _repeat_on_each_page(table.rows[layout.header_row - first])


def _repeat_on_each_page(row: Any) -> None:
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(repeat)


def write_docx(
    tables: Sequence[TargetTable], path: Path, *, findings: Sequence[Sequence[Finding]] | None = None
) -> None:
    document = new_document()
    for index, table in enumerate(tables):
        if index:
            page_break(document)
        write_table(document, table_layout(table))
    if findings and any(findings):
        page_break(document)
        _paragraph(document, "审核意见", 16, bold=True)
        values = list(finding_rows(tables, findings))
        sheet = document.add_table(rows=len(values) + 1, cols=len(FINDING_COLUMNS))
        sheet.style = "Table Grid"
        total = sum(width for _, width in FINDING_COLUMNS)
        for column, (_, width) in zip(sheet.columns, FINDING_COLUMNS, strict=True):
            column.width = int(Mm(297 - 24) * width / total)
        for c, (label, _) in enumerate(FINDING_COLUMNS):
            _write_cell(sheet.cell(0, c), label, "head")
        _repeat_on_each_page(sheet.rows[0])
        for r, row in enumerate(values, 1):
            for c, value in enumerate(row):
                _write_cell(sheet.cell(r, c), value, "data")
    document.save(str(path))
