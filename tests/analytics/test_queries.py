"""`jixiao analyze`: the questions over a small dataset whose answers are worked out by hand."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from jixiao.analytics import queries
from jixiao.analytics.charts import cjk_font
from jixiao.batch.run import run_batch
from jixiao.batch.schema import DATASETS, table_of
from jixiao.cli.app import app
from testdata import SEED

D = Decimal


def table(
    table_id: str, kind: str, department: str, unit: str, project: str, funding: str, funding_unit: str
) -> dict[str, Any]:
    return {
        "table_id": table_id, "file": f"{table_id}.txt", "file_digest": table_id, "file_seq": len(table_id),
        "table_index": 0, "kind": kind, "department": department, "budget_unit": unit, "project_name": project,
        "funding_total": D(funding), "funding_unit": funding_unit, "codes": [],
    }  # fmt: skip


def indicator(table_id: str, row: int, level1: str, level2: str, operator: str | None, target: str | None,
              prior: str | None, kind: str = "number", text: str | None = "x") -> dict[str, Any]:  # fmt: skip
    return {
        "table_id": table_id, "position": row, "row": row, "level1": level1, "level2": level2, "name": f"指标{row}",
        "operator": operator, "target_kind": kind if text else None, "target_text": text,
        "target_value": D(target) if target else None, "prior_in_target_unit": D(prior) if prior else None,
    }  # fmt: skip


def finding(table_id: str, row: int | None, code: str, severity: str) -> dict[str, Any]:
    return {"table_id": table_id, "position": row or 0, "code": code, "severity": severity, "title": code, "row": row}


ROWS: dict[str, list[dict[str, Any]]] = {
    "tables": [
        table("T1", "target", "甲部门", "U1", "P1", "100", "万元"),
        table("T2", "target", "甲部门", "U2", "P2", "10000", "元"),
        table("T3", "target", "乙部门", "U3", "P3", "1", "亿元"),
        table("S1", "selfeval", "甲部门", "U1", "P1", "100", "万元"),
        table("S2", "selfeval", "乙部门", "U3", "P3", "1", "亿元"),
    ],
    "indicators": [
        indicator("T1", 5, "产出指标", "数量指标", ">=", "120", "100"),  # 1.2
        indicator("T1", 6, "成本指标", "经济成本指标", "<=", "5", "10"),  # reverse: 10 / 5 = 2.0
        indicator("T1", 7, "效益指标", "社会效益指标", None, None, None, kind="qualitative", text="有效提升"),
        indicator("T2", 5, "产出指标", "数量指标", ">=", "80", "100"),  # 0.8
        indicator("T2", 6, "产出指标", "质量指标", ">=", "100", "100"),  # 1.0
        indicator("T3", 5, "效益指标", "社会效益指标", "=", "50", "50"),  # 1.0
        indicator("T3", 6, "满意度指标", "服务对象满意度指标", None, None, None, text=None),  # missing
    ],
    "findings": [
        finding("T1", 7, "JX-M006", "warning"),
        finding("T1", 5, "JX-R001", "warning"),
        finding("T2", 5, "JX-R001", "warning"),
        finding("T3", 6, "JX-C005", "error"),
        finding("S1", None, "JX-S009", "error"),
    ],
    "scores": [
        {"table_id": "S1", "total": D("88.5"), "grade": "良", "published_total": D("95"), "published_grade": "优秀"},
        {"table_id": "S2", "total": D("70"), "grade": "中", "published_total": None, "published_grade": None},
    ],
    "files": [],
}


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    for name in DATASETS:
        (tmp_path / name).mkdir()
        pq.write_table(table_of(name, ROWS[name]), tmp_path / name / "part-0.parquet")
    return tmp_path


@pytest.fixture
def connection(dataset: Path) -> Any:
    connection = queries.connect(dataset)
    yield connection
    connection.close()


def approx(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return [tuple(pytest.approx(float(v)) if isinstance(v, float | Decimal) else v for v in row) for row in rows]


def floats(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return [tuple(float(v) if isinstance(v, Decimal) else v for v in row) for row in rows]


def test_ambition_by_department_and_level(connection: Any) -> None:
    # 甲: 1.2, 2.0 (reverse), 0.8, 1.0; 乙: 1.0
    assert floats(queries.ambition(connection, "department").rows) == approx(
        [("甲部门", 4, 1.1, 1.25, 0.25, 0.25, 0.5), ("乙部门", 1, 1.0, 1.0, 0.0, 1.0, 0.0)]
    )
    by_level1 = queries.ambition(connection, "level1")
    assert by_level1.column("一级指标") == ["产出指标", "成本指标", "效益指标"]  # most indicators first, then by name
    assert floats(by_level1.rows)[0] == approx([("产出指标", 3, 1.0, 1.0, 1 / 3, 1 / 3, 1 / 3)])[0]


def test_share_of_qualitative_vague_and_missing_targets(connection: Any) -> None:
    assert floats(queries.vague_share(connection).rows) == approx(
        [("甲部门", 5, 0.2, 0.2, 0.0), ("乙部门", 2, 0.0, 0.0, 0.5), ("合计", 7, 1 / 7, 1 / 7, 1 / 7)]
    )


def test_most_frequent_findings(connection: Any) -> None:
    result = queries.frequent_findings(connection)
    assert floats(result.rows)[0] == approx([("JX-R001", "JX-R001", "warning", 2, 2, 2 / 3)])[0]
    assert sorted(result.column("代码")) == ["JX-C005", "JX-M006", "JX-R001", "JX-S009"]


def test_published_scores_that_break_the_rules(connection: Any) -> None:
    result = queries.score_breaches(connection)
    assert [row[:7] for row in result.rows] == [("P1", "U1", D("95"), D("88.5"), D("6.5"), "优秀", "良")]
    assert result.note is not None and "复核 1 张" in result.note and "平均 6.50 分" in result.note
    assert "1 张公布等级与按规则等级不同" in result.note


def test_grade_distribution_against_the_quota(connection: Any) -> None:
    result = queries.grade_distribution(connection, {"优": D("0.3")})
    # published 优秀 counts as 优: one of one, 70 points over the 30 % quota; the rules give one 良, one 中
    assert floats(result.rows) == approx(
        [("优", 1, 1.0, 0, 0.0, 0.3, 0.7), ("良", 0, 0.0, 1, 0.5, None, None), ("中", 0, 0.0, 1, 0.5, None, None)]
    )


def test_coverage_weighted_by_funding(connection: Any) -> None:
    # T1 100 万元 (complete, evaluated, published), T2 1 万元 (complete), T3 10000 万元 (evaluated only)
    assert floats(queries.coverage(connection).rows) == approx(
        [
            ("乙部门", 1, 10000, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0),
            ("甲部门", 2, 101, 1.0, 1.0, 0.5, 100 / 101, 0.5, 100 / 101),
            ("合计", 3, 10101, 2 / 3, 101 / 10101, 2 / 3, 10100 / 10101, 1 / 3, 100 / 10101),
        ]
    )


def test_a_folder_that_is_not_a_dataset_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["analyze", str(tmp_path)])
    assert result.exit_code == 2 and "不是 jixiao batch 写的数据集" in result.output


def test_cli_prints_and_writes_the_workbook_and_charts(dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "analysis"
    result = CliRunner().invoke(app, ["analyze", str(dataset), "--out", str(out), "--quota", "优=20"])
    assert result.exit_code == 0, result.output
    assert "等级分布与比例限额" in result.output and "80.0%" in result.output  # 优: 100 % published, quota 20 %
    book = load_workbook(out / "分析.xlsx")
    sheet = book["覆盖面"]
    assert [cell.value for cell in sheet[3]][:3] == ["部门", "项目数", "资金（万元）"]
    assert sheet["A6"].value == "合计" and sheet["C6"].value == 10101 and sheet["D6"].number_format == "0.0%"
    if cjk_font() is None:
        pytest.skip("no CJK font installed: charts are not drawn")
    svg = (out / "coverage.svg").read_text(encoding="utf-8")
    assert "覆盖面" in svg and (out / "coverage.png").stat().st_size > 10_000


def test_over_a_real_batch(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    run_batch([folder], tmp_path / "ds")
    connection = queries.connect(tmp_path / "ds")
    try:
        [(r001,)] = connection.execute("SELECT count(*) FROM findings WHERE code = 'JX-R001'").fetchall()
        frequent = queries.frequent_findings(connection)
        coverage = queries.coverage(connection)
    finally:
        connection.close()
    assert frequent.rows[0][:4] == ("JX-R001", "正向指标值低于上年完成值", "warning", r001) and r001 > 5
    assert coverage.rows[-1][:2] == ("合计", 6)
