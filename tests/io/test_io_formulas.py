"""User text written into xlsx and csv never becomes a live formula (CSV and formula injection)."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from jixiao import read, review
from jixiao.cli.app import app
from jixiao.io.writers import write
from jixiao.io.writers.formulas import csv_value, is_formula_like
from testdata import SEED

HOSTILE_NAME = '=HYPERLINK("http://example.invalid","点我")'
DDE = "=cmd|' /C calc'!A0"


def test_which_texts_are_neutralised() -> None:
    for text in (HOSTILE_NAME, DDE, "+1+1", "@SUM(A1)", "-2+3+cmd|x", "\t=1", "\r=1"):
        assert is_formula_like(text) and csv_value(text) == "'" + text
    for text in ("-", "-5", "-3.2%", "≥95%", "培训人数", ""):
        assert not is_formula_like(text) and csv_value(text) == text
    assert csv_value(12) == 12


def test_review_findings_sheet_and_layout_keep_hostile_names_as_text(tmp_path: Path) -> None:
    table = read(SEED)[0]
    indicator = dataclasses.replace(table.indicators[0], name=DDE, number=None)
    hostile = dataclasses.replace(table, project_name=HOSTILE_NAME, indicators=(indicator, *table.indicators[1:]))
    out = tmp_path / "审核.xlsx"
    write([hostile], out, findings=[review(hostile).findings])
    book = load_workbook(out)
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    written = [cell for cell in cells if cell.value in (HOSTILE_NAME, DDE)]
    assert {cell.value for cell in written} == {HOSTILE_NAME, DDE}
    assert all(cell.data_type == "s" for cell in written)
    assert "审核意见" in book.sheetnames
    findings = book["审核意见"]
    assert any(cell.value == HOSTILE_NAME and cell.data_type == "s" for row in findings.iter_rows() for cell in row)
    assert not any(cell.data_type == "f" for cell in cells)


def test_batch_summaries_neutralise_hostile_names(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8").replace("国有资本经营预算项目", DDE, 1)
    (folder / "hostile.txt").write_text(text, encoding="utf-8")
    runner = CliRunner()
    summary_csv, summary_xlsx = tmp_path / "汇总.csv", tmp_path / "汇总.xlsx"
    for out in (summary_csv, summary_xlsx):
        assert runner.invoke(app, ["batch", str(folder), "--out", str(out)]).exit_code in (0, 1)
    with summary_csv.open(encoding="utf-8-sig", newline="") as handle:
        names = [row[2] for row in csv.reader(handle)]
    assert "'" + DDE in names and DDE not in names
    sheet = load_workbook(summary_xlsx).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert any(cell.value == DDE and cell.data_type == "s" for cell in cells)
    assert not any(cell.data_type == "f" for cell in cells)
