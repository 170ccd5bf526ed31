"""Scoring a target table from an actuals file (CSV or JSON) instead of a 自评表."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.errors import InputError
from jixiao.reading import read
from jixiao.scoring import score
from jixiao.scoring.actuals import pair_tables, read_actuals

ROOT = Path(__file__).parent.parent.parent
SEED = read(ROOT / "examples" / "seed_2024.txt")


def test_csv_actuals_score_the_first_seed_table() -> None:
    (selfeval,) = pair_tables(SEED, read_actuals(ROOT / "examples" / "actuals_2024.csv"), "actuals_2024.csv")
    sheet = score(selfeval)
    assert sheet.budget.score == Decimal("9.62")  # 110000 / 114352 × 10
    scores = {item.name: item.score for item in sheet.indicators}
    assert scores["支持项目数量"] == Decimal("6.40")  # 8 × 8/10
    assert scores["利润总额（万元）"] == Decimal("4.00")  # 12.5亿元 = 125000万元 ≥ 100000
    assert scores["资产保值增值率（%）"] == Decimal("3.92")  # 4 × 103/105
    assert scores["按时下达预算批复"] == Decimal("8.00")  # 12日 within 15日, 直接赋分
    assert sheet.total == Decimal("97.54")
    assert sheet.findings.codes() == []  # nothing published, nothing missing


def test_json_actuals_with_not_applicable_and_compound_units() -> None:
    (selfeval,) = pair_tables(SEED, read_actuals(ROOT / "tests" / "data" / "actuals" / "seed_fin.json"), "x.json")
    sheet = score(selfeval)
    scores = {item.name: item.score for item in sheet.indicators}
    # 兼职 ≤6000元/月、人 with 0.75万元/月、人 = 7500: ratio 6000/7500 → 80 % of 15, ×90/85 for the dropped 满意度 5.
    assert scores["兼职外部董事薪酬发放标准"] == Decimal("12.71")
    assert scores["国有企业外部董事满意度（%）"] is None
    assert sheet.indicators[-1].status == "not_applicable"
    # Full scores are capped at the rescaled weight rounded down (10 × 90/85 = 10.588… → 10.58).
    assert scores["保障发放薪酬人数"] == Decimal("10.58")
    assert sheet.budget.score == Decimal("9.71")  # 1200 / 1236
    assert sheet.total == Decimal("96.50")


def test_unknown_indicator_names_the_row(tmp_path: Path) -> None:
    actuals = tmp_path / "a.csv"
    actuals.write_text("project,indicator,actual\n国有资本经营预算项目,不存在的指标,1\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        pair_tables(SEED, read_actuals(actuals), str(actuals))
    assert "找不到三级指标“不存在的指标”" in str(error.value)
    assert error.value.row == 2


def test_missing_project_column_with_several_tables(tmp_path: Path) -> None:
    actuals = tmp_path / "a.csv"
    actuals.write_text("三级指标,实际完成值\n支持国有企业户数,12户\n", encoding="utf-8")
    with pytest.raises(InputError, match="请在实际完成值文件的 project 列注明项目名称"):
        pair_tables(SEED, read_actuals(actuals), str(actuals))


def test_bad_judgement_is_refused(tmp_path: Path) -> None:
    actuals = tmp_path / "a.csv"
    actuals.write_text("project,indicator,actual,judgement\n国有资本经营预算项目,支持国有企业户数,12户,很好\n", "utf-8")
    with pytest.raises(InputError, match="达成情况“很好”应为"):
        pair_tables(SEED, read_actuals(actuals), str(actuals))


def test_indicators_by_unique_number_or_by_level2_and_number(tmp_path: Path) -> None:
    actuals = tmp_path / "a.csv"
    actuals.write_text(
        "project,indicator,actual\n国有资本经营预算项目,时效指标/2,20日\n国有资本经营预算项目,质量指标/1,40%\n",
        encoding="utf-8",
    )
    (selfeval,) = pair_tables(SEED, read_actuals(actuals), str(actuals))
    given = {r.name: r.actual.text for r in selfeval.results if r.actual is not None}
    assert given == {"按时下达预算批复": "20日", "项目完工进度（%）": "40%"}
    sheet = score(selfeval)
    late = next(item for item in sheet.indicators if item.name == "按时下达预算批复")
    assert late.score == Decimal("0.00")  # 直接赋分: 20日 misses 15日内
    assert late.rule.endswith("直接赋分，未达标得 0.00%")
    # numbering restarts in every 二级 of the seed, so a bare number is ambiguous there
    ambiguous = tmp_path / "b.csv"
    ambiguous.write_text("project,indicator,actual\n国有资本经营预算项目,1,1\n", encoding="utf-8")
    with pytest.raises(InputError, match="找不到三级指标“1”"):
        pair_tables(SEED, read_actuals(ambiguous), str(ambiguous))


def test_budget_amounts_convert_to_the_table_unit(tmp_path: Path) -> None:
    actuals = tmp_path / "a.csv"
    actuals.write_text(
        "project,indicator,actual\n国有资本经营预算项目,全年预算数,11.4352亿元\n国有资本经营预算项目,全年执行数,1100000000元\n",
        encoding="utf-8",
    )
    (selfeval,) = pair_tables(SEED[:1], read_actuals(actuals), str(actuals))
    assert (selfeval.budget.full_year, selfeval.budget.executed) == (Decimal("114352"), Decimal("110000"))
    assert score(selfeval).budget.score == Decimal("9.62")
    # a table kept in 元 (上海普陀): 21.54576万元 is 215457.6元, a bare number is already in 元
    putuo = read(ROOT / "tests" / "data" / "samples" / "003_a.tsv")
    actuals.write_text("indicator,actual\n全年执行数,21.54576万元\n", encoding="utf-8")
    (selfeval,) = pair_tables(putuo, read_actuals(actuals), str(actuals))
    assert (selfeval.budget.full_year, selfeval.budget.executed) == (Decimal("250000.00"), Decimal("215457.6"))
    assert score(selfeval).budget.score == Decimal("8.62")
    actuals.write_text("indicator,actual\n全年执行数,215457.6\n", encoding="utf-8")
    (selfeval,) = pair_tables(putuo, read_actuals(actuals), str(actuals))
    assert selfeval.budget.executed == Decimal("215457.6")
    actuals.write_text("indicator,actual\n全年执行数,30人\n", encoding="utf-8")
    with pytest.raises(InputError, match="预算金额“30人”的单位不是金额单位") as error:
        pair_tables(putuo, read_actuals(actuals), str(actuals))
    assert error.value.row == 2
