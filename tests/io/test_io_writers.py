"""Golden files and snapshots of every writer's output for the seed.

Regenerate the golden files after an intended layout change with ``JIXIAO_UPDATE_GOLDEN=1 pytest tests/io``
and review the diff.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from io_expected import DATA
from io_support import read_seed, write_seed
from openpyxl import load_workbook

from jixiao.io.writers import format_for, write
from jixiao.io.writers.html import render_html
from jixiao.io.writers.text import render_text
from jixiao.io.writers.xlsx import MAX_FROZEN_POINTS
from jixiao.jsonout import parse_document

GOLDEN = DATA / "io" / "golden"


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("JIXIAO_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


def test_text_writer_golden() -> None:
    seed_tables = list(read_seed())
    check_golden("seed.txt", render_text(seed_tables))


def test_html_writer_golden() -> None:
    seed_tables = list(read_seed())
    check_golden("seed.html", render_html(seed_tables))


def test_json_writer_golden() -> None:
    written = write_seed()
    document = json.loads(written["json"].read_text(encoding="utf-8"))
    for table in document["tables"]:
        table["source"]["file"] = "seed_2024.txt"
    check_golden("seed.json", json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def xlsx_snapshot(path: Path) -> dict[str, Any]:
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    setup = sheet.page_setup
    return {
        "sheets": workbook.sheetnames,
        "merged": sorted(str(r) for r in sheet.merged_cells.ranges),
        "freeze": sheet.freeze_panes,
        "print_titles": sheet.print_title_rows,
        "page": [setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight],
        "widths": [sheet.column_dimensions[c].width for c in "ABCDEFGHI"],
        "title_font": [sheet["A1"].font.name, sheet["A1"].font.sz, sheet["A1"].font.b],
        "borders": [sheet.cell(r, c).border.left.style for r, c in ((2, 1), (8, 9), (20, 5))],
        "rows": [[sheet.cell(r, c).value for c in range(1, 10)] for r in range(1, 11)],
        "types": [sheet.cell(r, 7).data_type for r in range(9, 12)],
        "fiscal_format": sheet["E6"].number_format,
    }


def test_xlsx_writer_snapshot() -> None:
    written = write_seed()
    snapshot = xlsx_snapshot(written["xlsx"])
    check_golden("seed.xlsx.json", json.dumps(snapshot, ensure_ascii=False, indent=1, default=str) + "\n")
    assert snapshot["page"][:2] == ["landscape", 9]  # A4 landscape
    assert snapshot["freeze"] == "A9" and snapshot["print_titles"] == "$8:$8"
    assert "A9:A13" in snapshot["merged"]  # 产出指标 over its five 三级指标


def docx_snapshot(path: Path) -> dict[str, Any]:
    document = docx.Document(str(path))
    section = document.sections[0]
    table = document.tables[0]
    rows = []
    for tr in table._tbl.tr_lst:
        row = []
        for tc in tr.tc_lst:
            span = tc.tcPr.find(qn("w:gridSpan")) if tc.tcPr is not None else None
            merge = tc.tcPr.find(qn("w:vMerge")) if tc.tcPr is not None else None
            mark = "" if merge is None else ("^" if merge.get(qn("w:val")) != "restart" else "v")
            width = "" if span is None else f"*{span.get(qn('w:val'))}"
            row.append(f"{mark}{tc.xpath('string(.)')}{width}")
        rows.append(row)
    return {
        "page_mm": [round(section.page_width.mm), round(section.page_height.mm)],
        "orientation": str(section.orientation),
        "titles": [p.text for p in document.paragraphs if p.text][:2],
        "tables": len(document.tables),
        "rows": rows,
    }


def test_docx_writer_snapshot() -> None:
    written = write_seed()
    snapshot = docx_snapshot(written["docx"])
    check_golden("seed.docx.json", json.dumps(snapshot, ensure_ascii=False, indent=1) + "\n")
    assert snapshot["page_mm"] == [297, 210] and snapshot["tables"] == 6


@pytest.mark.parametrize(
    ("name", "to", "expected"),
    [("out.XLSX", None, "xlsx"), ("out.htm", None, "html"), ("out", "pdf", "pdf"), ("x.tsv", None, "txt")],
)
def test_output_format_from_extension_or_option(name: str, to: str | None, expected: str) -> None:
    assert format_for(Path(name), to) == expected


def test_unknown_output_format_is_refused_and_nothing_written(tmp_path: Path) -> None:
    seed_tables = list(read_seed())
    with pytest.raises(Exception, match="不支持的输出格式"):
        write(seed_tables, tmp_path / "out.odt")
    assert list(tmp_path.iterdir()) == []


def test_json_writer_matches_parse_json() -> None:
    seed_tables = list(read_seed())
    written = write_seed()
    assert json.loads(written["json"].read_text(encoding="utf-8")) == json.loads(
        json.dumps(parse_document(seed_tables), ensure_ascii=False)
    )


def test_a_header_block_taller_than_a_window_is_not_frozen(tmp_path: Path) -> None:
    table = read_seed()[0]
    long_goal = dataclasses.replace(table, overall_goal="；".join([table.overall_goal or ""] * 8))
    path = write([table, long_goal], tmp_path / "goals.xlsx")
    usual, long = load_workbook(path).worksheets
    assert usual.freeze_panes == "A9"
    assert sum(long.row_dimensions[r].height or 15 for r in range(1, 9)) > MAX_FROZEN_POINTS
    assert long.freeze_panes is None and long.print_title_rows == "$8:$8"  # still repeated on printed pages
