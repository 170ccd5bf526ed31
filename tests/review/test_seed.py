"""The seed's defects, found at the right table, indicator and severity (expected findings are data)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import jixiao
from jixiao.io.text import read_text
from jixiao.model import TargetTable
from jixiao.recognize import recognize
from jixiao.review import review

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "seed_2024.txt"
EXPECTED = ROOT / "tests" / "data" / "review" / "seed_findings.tsv"

Key = tuple[int, str, str, str, str]


def expected_rows() -> list[list[str]]:
    lines = EXPECTED.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


@pytest.fixture(scope="module")
def seed() -> list[TargetTable]:
    return jixiao.read(SEED)


def found(tables: list[TargetTable], profile: str, year: int | None = None) -> Counter[Key]:
    keys: Counter[Key] = Counter()
    for number, table in enumerate(tables, 1):
        for f in review(table, profile, year=year).findings:
            keys[(number, f.code, f.location.indicator or "-", f.location.field or "", f.severity.value)] += 1
    return keys


@pytest.mark.parametrize("profile", ["national", "xinjiang"])
def test_seed_findings_are_exactly_the_expected_ones(seed: list[TargetTable], profile: str) -> None:
    expected = Counter((int(t), code, ind, field, sev) for t, code, ind, field, sev, _ in expected_rows())
    assert found(seed, profile) == expected


def test_every_defect_the_issue_names_is_in_the_expected_data() -> None:
    issue = {(int(r[0]), r[1], r[2]) for r in expected_rows() if r[5] == "issue"}
    assert len(issue) == 18
    assert (1, "JX-M003", "财政资金执行率（%）") in issue
    assert (2, "JX-R002", "兼职外部董事薪酬发放标准") in issue
    assert (5, "JX-R001", "直接或间接带动受保企业新增产值") in issue


def test_missing_level1_names_which(seed: list[TargetTable]) -> None:
    table2 = [f.message for f in review(seed[1]).findings if f.code == "JX-C003"]
    table3 = [f.message for f in review(seed[2]).findings if f.code == "JX-C003"]
    assert len(table2) == 1 and "“效益指标”" in table2[0] and "2024年" in table2[0]
    assert sorted(m[6:10] for m in table3) == ["成本指标", "效益指标"]


def test_before_2022_cost_is_not_a_required_level1(seed: list[TargetTable]) -> None:
    messages = [f.message for f in review(seed[2], year=2021).findings if f.code == "JX-C003"]
    assert len(messages) == 1 and "“效益指标”" in messages[0]


def test_cross_unit_comparisons_in_messages(seed: list[TargetTable]) -> None:
    findings = {f.location.indicator: f for f in review(seed[4]).findings if f.code == "JX-R001"}
    assert "335033.29万元" in findings["新增担保规模"].message
    assert "33.5亿元" in findings["新增担保规模"].message
    row = findings["新增担保规模"].location
    assert (row.row, row.column) == (79, 4)


def test_goal_contradiction_quotes_the_figure_and_the_target() -> None:
    text = SEED.read_text(encoding="utf-8").replace("保障45名", "保障40名")
    tables = [table for grid in read_text(text, "seed") for table in recognize(grid)]
    (finding,) = review(tables[1], selectors=["JX-R008"]).findings
    assert finding.message == "总体目标写“40名”，与指标“保障发放薪酬人数”的指标值“≥45人”不一致。"
    assert (finding.location.indicator, finding.location.row, finding.location.column) == ("保障发放薪酬人数", 30, 4)
    assert review(tables[0], selectors=["JX-R008"]).findings == ()  # 支持10户企业的10个项目 agrees
