"""`jixiao parse` as a user runs it: output, JSON validated by the committed schema, errors and exit codes."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
from rich.console import Console
from typer.testing import CliRunner

from jixiao.cli.app import app
from jixiao.cli.parse import render_notes
from jixiao.jsonout import parse_document
from jixiao.notes import NoteKind, ReadingNote
from jixiao.reading import read_grids
from jixiao.recognize import recognize
from testdata import SAMPLES, SEED

runner = CliRunner()
SCHEMA = json.loads((resources.files("jixiao") / "schemas" / "parse.schema.json").read_text(encoding="utf-8"))


def test_text_output_shows_every_table_and_indicator() -> None:
    result = runner.invoke(app, ["parse", str(SEED)])
    assert result.exit_code == 0
    for name in ("国有资本经营预算项目", "自治区国有企业改革成本", "农业信贷担保费补助"):
        assert name in result.output
    assert "指标1：财政资金执行率（%）" in result.output
    assert "收到财政厅预算批复后15日内下达企业" in result.output
    assert "年度新增扶持新型农业经营主体笔（户/家）" in result.output


def test_json_output_matches_schema_and_values() -> None:
    result = runner.invoke(app, ["parse", str(SEED), "--format", "json"])
    assert result.exit_code == 0
    document = json.loads(result.output)
    jsonschema.validate(document, SCHEMA)
    tables = document["tables"]
    assert [len(t["indicators"]) for t in tables] == [12, 8, 7, 8, 9, 9]
    assert tables[2]["funding"] == {"total": 32260, "fiscal": 2260, "other": 30000, "unit": "万元"}
    first = tables[0]["indicators"][6]
    assert (first["name"], first["target"]["operator"], first["target"]["value"], first["target"]["unit"]) == (
        "利润总额（万元）", ">=", 100000, "万元",
    )  # fmt: skip
    assert first["target"]["unit_source"] == "name"
    assert tables[3]["indicators"][5]["prior"] == {"text": "9.9万人", "value": 99000, "unit": "人"}


def test_several_files_in_one_run() -> None:
    result = runner.invoke(app, ["parse", str(SEED), str(SAMPLES / "029_a.tsv"), "-f", "json"])
    assert result.exit_code == 0
    assert len(json.loads(result.output)["tables"]) == 7


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from jixiao.cli.app import main; main()", *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_missing_file_is_one_line_exit_2(tmp_path: Path) -> None:
    result = _run("parse", str(tmp_path / "none.txt"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"错误：{tmp_path / 'none.txt'}：文件不存在"
    assert "Traceback" not in result.stderr


def test_layout_error_names_row_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(
        "项目名称\t某项目\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t人数\t10人\t多余\n",
        encoding="utf-8",
    )
    result = _run("parse", str(bad))
    assert result.returncode == 2
    assert result.stderr.strip() == f"错误：{bad}，第3行，第5列：“多余”对不上任何表头列（表头在第2行，共4列）"


def test_usage_error_exit_2() -> None:
    assert runner.invoke(app, ["parse"]).exit_code == 2
    assert runner.invoke(app, ["parse", str(SEED), "--format", "yaml"]).exit_code == 2


def test_reading_notes_of_a_grid_reach_the_table_its_json_and_the_text_output() -> None:
    (grid,) = read_grids(SEED)[:1]
    header_row = next(cell.row for row in grid.rows for cell in row if cell.text == "一级指标")
    doubtful = ReadingNote(
        NoteKind.DOUBTFUL_CELL, "识别置信度 0.42：请核对", row=header_row + 1, column=4, text="2120人"
    )
    elsewhere = ReadingNote(NoteKind.SKIPPED_ROW, "跳过模板行“……”", row=10_000)
    (table,) = recognize(dataclasses.replace(grid, notes=(doubtful, elsewhere)))
    assert table.notes == (doubtful,)  # a note on a row of another table stays with that table
    document = parse_document([table])
    jsonschema.validate(document, SCHEMA)
    assert document["tables"][0]["notes"][0]["kind"] == "doubtful_cell"
    assert doubtful.needs_confirmation and not elsewhere.needs_confirmation
    console = Console(record=True, width=200)
    render_notes(console, table)
    assert f"请核对 第{header_row + 1}行，第4列：识别置信度 0.42：请核对" in console.export_text()
