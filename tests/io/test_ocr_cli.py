"""`jixiao parse` of a scan: doubtful cells printed, exit 1 until a person confirms them (``--confirm``), progress."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_ocr_doubt import row, scanned
from typer.testing import CliRunner

from jixiao.cli import parse as parse_command
from jixiao.cli.app import app
from jixiao.grid import Grid
from jixiao.io.ocr.doubt import check
from jixiao.reading import Progress

runner = CliRunner()


@pytest.fixture
def doubtful_scan(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A 'scan' whose grid holds one repaired cell (2120人 read as ≥120人) and reports two pages."""

    def read_grids(path: str | Path, *, progress: Progress | None = None) -> list[Grid]:
        if progress is not None:
            progress(1, 2)
            progress(2, 2)
        return [check(scanned([row("培训人数", "2120人", "118人")]))]

    monkeypatch.setattr(parse_command, "read_grids", read_grids)
    return tmp_path / "scan.pdf"


def test_unconfirmed_doubt_is_printed_and_exits_1(doubtful_scan: Path) -> None:
    result = runner.invoke(app, ["parse", str(doubtful_scan)])
    assert result.exit_code == 1
    assert "读取说明" in result.stdout and "请核对" in result.stdout and "2120人" in result.stdout
    assert "→ ≥ 120 人" in result.stdout  # the table holds the repair, marked for checking
    assert "有 1 处识别结果需要核对" in result.stderr and "--confirm" in result.stderr


def test_json_output_keeps_the_notes_and_exits_1(doubtful_scan: Path) -> None:
    result = runner.invoke(app, ["parse", str(doubtful_scan), "--format", "json"])
    assert result.exit_code == 1
    assert '"kind": "repaired_cell"' in result.stdout and '"suggestion": "≥120人"' in result.stdout


def test_confirming_the_suggestion_exits_0(doubtful_scan: Path) -> None:
    result = runner.invoke(app, ["parse", str(doubtful_scan), "--confirm"], input="\n")
    assert result.exit_code == 0
    assert "→ ≥ 120 人" in result.stdout and "请核对" not in result.stdout


def test_a_correction_typed_at_the_prompt_is_what_the_table_holds(doubtful_scan: Path) -> None:
    result = runner.invoke(app, ["parse", str(doubtful_scan), "--confirm"], input="≥121人\n")
    assert result.exit_code == 0
    assert "→ ≥ 121 人" in result.stdout


def test_progress_page_by_page_on_standard_error(doubtful_scan: Path) -> None:
    result = runner.invoke(app, ["parse", str(doubtful_scan), "--progress"])
    assert "第 1/2 页" in result.stderr and "第 2/2 页" in result.stderr
    assert "第 1/2 页" not in result.stdout
    quiet = runner.invoke(app, ["parse", str(doubtful_scan), "--no-progress"])
    assert "页" not in quiet.stderr.replace("需要核对", "")
