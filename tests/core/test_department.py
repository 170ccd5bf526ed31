"""Department-wide tables (部门整体): read, reviewed and scored — real published tables and tables in their layouts."""

from __future__ import annotations

import json
from decimal import Decimal
from importlib import resources
from pathlib import Path

import jsonschema
from typer.testing import CliRunner

from jixiao.cli.app import app
from jixiao.department import DepartmentKind, read_departments, score_department

DATA = Path(__file__).resolve().parents[1] / "data"
DEPARTMENT = DATA / "department"
runner = CliRunner()


def _schema(name: str) -> dict[str, object]:
    text = (resources.files("jixiao") / "schemas" / name).read_text(encoding="utf-8")
    loaded: dict[str, object] = json.loads(text)
    return loaded


def test_a_pasted_department_target_table_reads_department_goal_and_indicators(tmp_path: Path) -> None:
    # 041 浮梁县林业局 部门整体绩效目标, as pasted from its page (|-rows)
    lines = (DATA / "pasted" / "041_depttarget_jiangxi_fuliang_linyeju_2026.txt").read_text(encoding="utf-8")
    path = tmp_path / "041.txt"
    path.write_text("\n".join(lines.splitlines()[3:]) + "\n", encoding="utf-8")
    [table] = read_departments(path)
    assert table.kind is DepartmentKind.TARGET
    assert (table.department, table.department_code) == ("浮梁县林业局", "316")
    assert table.overall_goal == "保证林业局职能实现,保障人员经费。"
    assert len(table.indicators) == 13
    first, last = table.indicators[0], table.indicators[-1]
    assert first.name == "保障在职职工人数(人)" and first.target is not None and first.target.value == Decimal(116)
    assert last.name == "工资发放准确性(%)" and last.target is not None and last.target.text.startswith("≥")


def test_a_rubric_reads_weight_standard_and_self_score() -> None:
    # 037 大英县总工会 部门整体支出绩效 评分表 (transcribed): formula-based 9.8 of 10
    [table] = read_departments(DEPARTMENT / "037_a.tsv")
    assert table.kind is DepartmentKind.SELFEVAL
    assert [(s.indicator.name, s.indicator.weight, s.score) for s in table.scores] == [
        ("目标制定", Decimal(10), Decimal(9)),
        ("目标实现", Decimal(10), Decimal(8)),
        ("编制准确", Decimal(10), Decimal("9.8")),
    ]
    assert table.scores[0].standard is not None and table.scores[0].standard.startswith("1.绩效目标编制要素完整的")
    assert table.scores[2].explanation == "评价部门年初预算编制是否科学准确。"
    sheet = score_department(table)
    assert sheet.total == Decimal("26.80")
    assert sheet.grade is None  # 30 of 100 points read: no grade for a table cut short
    assert sheet.findings.flatten() == [("JX-D003", None, "weight")]


def test_a_rubric_cut_before_its_last_score_has_no_total() -> None:
    # 033 寿县 部门整体支出绩效评价自评表: the excerpt stops before 预算执行率's score
    [table] = read_departments(DEPARTMENT / "033_a.tsv")
    assert [s.indicator.weight for s in table.scores] == [Decimal(n) for n in (3, 3, 3, 4, 2, 5)]
    assert table.scores[-1].score is None
    assert score_department(table).total is None


def test_tasks_with_their_funds_and_the_cli_parse_json() -> None:
    result = runner.invoke(app, ["parse", str(DEPARTMENT / "own_target_tasks.txt"), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    jsonschema.validate(document, _schema("parse.schema.json"))
    [table] = document["tables"]
    assert table["kind"] == "dept-target" and table["department"] == "某县文化广电旅游局"
    assert table["total_funds"] == 1695.55
    assert [(t["name"], t["funds"]) for t in table["tasks"]] == [
        ("基本支出", 1478.75),
        ("公共文化服务", 166.8),
        ("文旅融合", 50),
    ]
    assert [i["name"] for i in table["indicators"]] == ["惠民演出场次", "群众满意度"]


def test_cli_score_caps_a_score_at_its_weight_and_flags_the_total() -> None:
    result = runner.invoke(app, ["score", str(DEPARTMENT / "own_selfeval_rubric.txt"), "--format", "json"])
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    jsonschema.validate(document, _schema("score.schema.json"))
    [sheet] = document["tables"]
    assert [(i["score"], i["published_score"]) for i in sheet["indicators"]] == [(28, 28), (19.5, 19.5), (50, 52)]
    assert (sheet["total"], sheet["grade"], sheet["published_total"]) == (97.5, "优", 99.5)
    assert [(f["code"], f["location"]["indicator"]) for f in sheet["findings"]] == [
        ("JX-D002", "预算执行率"),
        ("JX-D004", None),
    ]


def test_cli_review_runs_the_department_rules(tmp_path: Path) -> None:
    text = (DEPARTMENT / "own_target_tasks.txt").read_text(encoding="utf-8").replace("166.80", "100")
    path = tmp_path / "tasks.txt"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["review", str(path), "--format", "json"])
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["tables"][0]["findings"]
    assert [(f["code"], f["message"]) for f in findings] == [
        ("JX-D001", "年度主要任务资金合计 1628.75 万元，预算支出总额 1695.55 万元，相差 66.8 万元")
    ]
    clean = runner.invoke(app, ["review", str(DEPARTMENT / "own_target_tasks.txt")])
    assert clean.exit_code == 0, clean.output


def test_profile_key_sets_full_marks(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("name: local\nextends: national\ndepartment:\n  full_marks: 30\n", encoding="utf-8")
    [table] = read_departments(DEPARTMENT / "037_a.tsv")
    sheet = score_department(table, profile)
    assert sheet.findings.flatten() == []
    assert sheet.grade == "良"  # 26.8 of 30 is 89.3 of 100
