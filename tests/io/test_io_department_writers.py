"""部门整体 tables written in every report format read back to the same department table and the same score."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from jixiao.cli.app import app
from jixiao.department import DepartmentTable, read_departments, score_department
from jixiao.io.writers.reports import write_reports
from testdata import DATA

FORMATS = ("xlsx", "docx", "html", "pdf", "txt")
TARGET = DATA / "department" / "own_target_tasks.txt"
RUBRIC = DATA / "department" / "own_selfeval_rubric.txt"


def department_values(table: DepartmentTable) -> dict[str, Any]:
    scores = {id(item.indicator): item for item in table.scores}
    return {
        "kind": table.kind.value,
        "department": table.department,
        "goal": table.overall_goal,
        "total_funds": table.total_funds,
        "tasks": [(task.name, task.content, task.funds) for task in table.tasks],
        "indicators": [
            (
                i.level1,
                i.level2,
                i.name,
                i.target.text if i.target else None,
                i.weight,
                scores[id(i)].standard if id(i) in scores else None,
                scores[id(i)].score if id(i) in scores else None,
            )
            for i in table.indicators
        ],
        "published_total": table.published_total,
        "year": table.year,
    }


@pytest.mark.parametrize("fmt", FORMATS)
def test_department_target_round_trips(tmp_path: Path, fmt: str) -> None:
    [before] = read_departments(TARGET)
    [after] = read_departments(write_reports([before], tmp_path / f"dept.{fmt}"))
    assert department_values(after) == department_values(before)
    assert department_values(after)["tasks"][1] == ("公共文化服务", "群众文化惠民演出", Decimal("166.80"))
    assert after.department == "某县文化广电旅游局" and after.total_funds == Decimal("1695.55")


@pytest.mark.parametrize("fmt", FORMATS)
def test_department_rubric_round_trips_with_its_score(tmp_path: Path, fmt: str) -> None:
    [before] = read_departments(RUBRIC)
    [after] = read_departments(write_reports([before], tmp_path / f"rubric.{fmt}"))
    assert department_values(after) == department_values(before)
    first, again = score_department(before), score_department(after)
    assert (again.total, again.grade, again.published_total) == (first.total, first.grade, first.published_total)
    assert (again.total, again.grade, again.published_total) == (Decimal("97.5"), "优", Decimal("99.5"))


def test_convert_writes_the_department_layout(tmp_path: Path) -> None:
    out = tmp_path / "d.xlsx"
    result = CliRunner().invoke(app, ["convert", str(TARGET), str(out)])
    assert result.exit_code == 0, result.output
    assert "部门整体支出绩效目标表" in result.output
    sheet = load_workbook(out).active
    texts = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert texts[0][0] == "2024年部门整体支出绩效目标表"
    assert texts[1][:2] == ["部门名称", "某县文化广电旅游局"]
    assert texts[4][:3] == ["任务名称", "主要内容", "预算金额"]
    assert texts[7][:3] == ["文旅融合", "A级景区创建", 50]


def test_convert_score_writes_the_rubric_grade(tmp_path: Path) -> None:
    out = tmp_path / "r.txt"
    result = CliRunner().invoke(app, ["convert", "--score", str(RUBRIC), str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[-2:] == ["总分\t\t\t100\t\t99.5", "评价等级\t优"]


@pytest.mark.parametrize(
    ("options", "source"),
    [(["--kind", "target"], TARGET), (["--review"], RUBRIC), (["--score"], TARGET), (["--to", "json"], TARGET)],
)
def test_convert_refuses_what_a_department_table_cannot_take(tmp_path: Path, options: list[str], source: Path) -> None:
    out = tmp_path / "d.xlsx"
    result = CliRunner().invoke(app, ["convert", *options, str(source), str(out)])
    assert result.exit_code != 0
    assert not out.exists() and not list(tmp_path.iterdir())
