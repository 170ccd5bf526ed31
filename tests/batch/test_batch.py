"""`jixiao batch`: every table in every file, one summary row each; unreadable files listed, not fatal."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from jixiao.batch import process_file, run_batch
from jixiao.cli.app import app
from jixiao.findings import Severity
from testdata import SAMPLES, SEED

runner = CliRunner()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    tmp_path = tmp_path / "tables"
    tmp_path.mkdir()
    shutil.copy(SEED, tmp_path / "seed.txt")
    shutil.copy(SAMPLES / "004_a.tsv", tmp_path / "huanggang.tsv")
    shutil.copy(SAMPLES / "038_a.tsv", tmp_path / "huangshi.tsv")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "broken.txt").write_bytes(b"\x00\x01 not a table")
    (tmp_path / ".hidden").write_text("ignored", encoding="utf-8")
    return tmp_path


def test_rows_for_every_table_of_every_kind(folder: Path) -> None:
    rows = list(run_batch([folder]))
    assert [(Path(r.file).name, r.kind) for r in rows] == [
        ("huanggang.tsv", "selfeval"), ("huangshi.tsv", "monitor"), *[("seed.txt", "target")] * 6,
        ("broken.txt", "error"),
    ]  # fmt: skip
    huanggang, huangshi, first, second, *_rest, broken = rows
    assert (huanggang.profile, str(huanggang.total), huanggang.grade, str(huanggang.published_total)) == (
        "hubei", "100.00", "优", "99.6",
    )  # fmt: skip
    assert huanggang.codes == ("JX-S003",)
    assert (huangshi.profile, str(huangshi.total)) == ("hubei", "95.92")
    assert (first.project_name, first.indicators, first.count(Severity.WARNING)) == ("国有资本经营预算项目", 12, 6)
    assert "JX-C003" in second.codes and second.count(Severity.ERROR) == 1
    assert broken.message is not None and "不是文本文件" in broken.message


def test_parallel_run_gives_the_same_rows(folder: Path) -> None:
    assert list(run_batch([folder], jobs=2)) == list(run_batch([folder], jobs=1))


def test_one_profile_for_all(folder: Path) -> None:
    rows = process_file(folder / "huanggang.tsv", "national")
    assert [(r.profile, str(r.total)) for r in rows] == [("national", "100.00")]


def test_cli_writes_csv_json_and_xlsx(folder: Path, tmp_path: Path) -> None:
    for suffix in (".csv", ".json", ".xlsx"):
        out = tmp_path / f"summary{suffix}"
        result = runner.invoke(app, ["batch", str(folder), "--out", str(out)])
        assert result.exit_code == 1, result.output
        assert "4 个文件：目标表 6，自评表 1，监控表 1，无法读取 1" in result.output
    with (tmp_path / "summary.csv").open(encoding="utf-8-sig") as handle:
        records = list(csv.DictReader(handle))
    assert [r["类型"] for r in records].count("目标表") == 6
    assert records[0]["项目名称"] == "水土保持监测" and records[0]["公布得分"] == "99.6"
    document = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert document["tables"][0]["codes"] == ["JX-S003"]
    assert document["tables"][-1]["kind"] == "error"
    sheet = load_workbook(tmp_path / "summary.xlsx").active
    assert sheet is not None and sheet.max_row == 10 and sheet["C2"].value == "水土保持监测"


def test_clean_batch_exits_0(tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "003_a.tsv", tmp_path / "putuo.tsv")
    assert runner.invoke(app, ["batch", str(tmp_path)]).exit_code == 0


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert runner.invoke(app, ["batch", str(tmp_path / "missing")]).exit_code == 2
    assert runner.invoke(app, ["batch", str(SEED), "--out", str(tmp_path / "x.pdf")]).exit_code == 2
