"""自评表 and 监控表 in the official layouts: every format read back to the same values; `jixiao convert`."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import pdfplumber
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from jixiao.cli.app import app
from jixiao.io.writers.reports import write_reports
from jixiao.model import Target
from jixiao.model_selfeval import Likelihood, MonitoringReport, SelfEvaluation
from jixiao.scoring import score
from jixiao.scoring.reading import read_monitoring, read_selfevals
from testdata import SAMPLES

FORMATS = ("xlsx", "docx", "html", "pdf", "txt")
SELFEVALS = ("003_a", "004_a", "011_a")


def _text(target: Target | None) -> str | None:
    return None if target is None else re.sub(r"\s+", "", target.text)


def selfeval_values(selfeval: SelfEvaluation) -> dict[str, Any]:
    budget = selfeval.budget
    return {
        "project": selfeval.project_name,
        "department": selfeval.table.department,
        "budget": (budget.initial, budget.full_year, budget.executed, budget.weight, budget.rate, budget.score),
        "total": selfeval.published_total,
        "grade": selfeval.published_grade,
        "goal_actual": selfeval.goal_actual,
        "indicators": [
            (
                r.indicator.level1,
                r.indicator.level2,
                r.name,
                _text(r.indicator.target),
                _text(r.actual),
                r.weight,
                r.score,
                r.deviation,
            )
            for r in selfeval.results
        ],
    }


def monitor_values(report: MonitoringReport) -> dict[str, Any]:
    budget = report.budget
    return {
        "project": report.project_name,
        "month": report.month,
        "budget": (budget.initial, budget.full_year, budget.executed, budget.forecast, budget.rate, budget.reason),
        "texts": (report.deviation, report.suggestions),
        "indicators": [
            (
                m.indicator.level1,
                m.name,
                _text(m.indicator.target),
                _text(m.to_date),
                _text(m.forecast),
                m.likelihood,
                m.deviation_category,
                m.deviation,
                m.measures,
                m.remark,
            )
            for m in report.indicators
        ],
    }


def _flat(value: Any) -> Any:
    """Texts without line breaks: a PDF breaks a long cell into lines the reader keeps."""
    if isinstance(value, str):
        return re.sub(r"\s+", "", value)
    if isinstance(value, (list, tuple)):
        return type(value)(_flat(v) for v in value)
    if isinstance(value, dict):
        return {k: _flat(v) for k, v in value.items()}
    return value


def full_report() -> MonitoringReport:
    """The 038 sample with every field of a 监控表 filled, as a unit reports it in the web."""
    report = read_monitoring(SAMPLES / "038_a.tsv")[0]
    cost, social = report.indicators
    cost = dataclasses.replace(
        cost,
        forecast=Target("年度预算220万元", cost.to_date.kind) if cost.to_date else None,
        deviation_category="经费保障",
        deviation="采购合同下半年支付",
        measures="9月底前完成支付",
        remark="按合同分期",
    )
    social = dataclasses.replace(social, likelihood=Likelihood.POSSIBLE, measures="加快研究进度")
    budget = dataclasses.replace(
        report.budget, full_year=Decimal(220), forecast=Decimal(210), rate=Decimal("39.80"), reason="合同分期支付"
    )
    return dataclasses.replace(
        report,
        budget=budget,
        indicators=(cost, social),
        deviation="部分合同款项在下半年支付",
        suggestions="加快合同支付进度",
    )


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", SELFEVALS)
def test_selfeval_round_trips(tmp_path: Path, name: str, fmt: str) -> None:
    before = read_selfevals(SAMPLES / f"{name}.tsv")
    written = write_reports(before, tmp_path / f"{name}.{fmt}")
    after = read_selfevals(written)
    assert len(after) == len(before) == 1
    expected, found = selfeval_values(before[0]), selfeval_values(after[0])
    if fmt == "pdf":
        expected, found = _flat(expected), _flat(found)
    assert found == expected


def test_round_trip_keeps_the_published_numbers() -> None:
    values = selfeval_values(read_selfevals(SAMPLES / "003_a.tsv")[0])
    assert values["budget"] == (
        Decimal("250000.00"),
        Decimal("250000.00"),
        Decimal("215457.6"),
        Decimal(10),
        Decimal("86.19"),
        Decimal("8.62"),
    )
    assert values["total"] == Decimal("98.62") and len(values["indicators"]) == 5


@pytest.mark.parametrize("fmt", FORMATS)
def test_monitoring_report_round_trips_with_every_field(tmp_path: Path, fmt: str) -> None:
    report = full_report()
    written = write_reports([report], tmp_path / f"monitor.{fmt}")
    after = read_monitoring(written)
    expected, found = monitor_values(report), monitor_values(after[0])
    if fmt == "pdf":
        expected, found = _flat(expected), _flat(found)
    assert found == expected
    assert found["indicators"][0][6:9] == ("经费保障", "采购合同下半年支付", "9月底前完成支付")


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_038_sample_round_trips(tmp_path: Path, fmt: str) -> None:
    before = read_monitoring(SAMPLES / "038_a.tsv")
    after = read_monitoring(write_reports(before, tmp_path / f"038.{fmt}"))
    assert _flat(monitor_values(after[0])) == _flat(monitor_values(before[0]))


def test_selfeval_xlsx_cells_are_the_national_layout(tmp_path: Path) -> None:
    path = write_reports(read_selfevals(SAMPLES / "003_a.tsv"), tmp_path / "selfeval.xlsx")
    sheet = load_workbook(path).worksheets[0]
    assert sheet["A1"].value == "项目支出绩效自评表" and sheet["A2"].value == "（2022年度）"
    assert [sheet.cell(5, c).value for c in range(1, 8)] == [
        "项目资金（元）",
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
    ]
    assert [sheet.cell(6, c).value for c in range(2, 8)] == [250000, 250000, 215457.6, 10, "86.19%", 8.62]
    assert sheet["B6"].number_format == "#,##0.00"
    assert [sheet.cell(13, c).value for c in range(1, 9)] == [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    assert [sheet.cell(14, c).value for c in range(3, 8)] == ["与委托运营方结算完成率", "=100%", "100%", 10, 10]
    assert "A14:A16" in {str(r) for r in sheet.merged_cells.ranges}  # 产出指标 over its three rows
    assert [sheet.cell(19, c).value for c in range(1, 5)] == ["总分", 100, 98.62, "评价等级"]
    assert sheet.freeze_panes == "A14" and sheet.print_title_rows == "$13:$13"


def test_monitoring_xlsx_cells(tmp_path: Path) -> None:
    path = write_reports([full_report()], tmp_path / "monitor.xlsx")
    sheet = load_workbook(path).worksheets[0]
    assert sheet["A1"].value == "项目支出绩效运行监控表"
    assert [sheet.cell(5, c).value for c in range(3, 9)] == [
        "年初预算数",
        "全年预算数",
        "1-6月执行数",
        "执行率",
        "全年预计执行数",
        "偏差原因",
    ]
    assert [sheet.cell(6, c).value for c in range(3, 9)] == [220, 220, 87.57, "39.8%", 210, "合同分期支付"]
    header = [sheet.cell(11, c).value for c in range(1, 12)]
    assert header[4:] == [
        "1-6月实际完成值",
        "全年预计完成值",
        "完成目标可能性（确定能、有可能、完全不可能）",
        "偏差原因类型",
        "偏差原因分析",
        "完成目标采取的措施",
        "备注",
    ]
    assert [sheet.cell(12, c).value for c in (3, 7, 8, 10)] == ["成本", "确定能", "经费保障", "9月底前完成支付"]
    assert sheet.cell(13, 7).value == "有可能"
    assert (sheet.cell(14, 1).value, sheet.cell(14, 3).value) == (
        "偏差或不能完成目标原因分析",
        "部分合同款项在下半年支付",
    )


def test_monitoring_without_categories_or_remarks_leaves_their_columns_out(tmp_path: Path) -> None:
    path = write_reports(read_monitoring(SAMPLES / "038_a.tsv"), tmp_path / "monitor.xlsx")
    sheet = load_workbook(path).worksheets[0]
    assert [sheet.cell(11, c).value for c in range(7, 11)] == [
        "完成目标可能性（确定能、有可能、完全不可能）",
        "偏差原因分析",
        "完成目标采取的措施",
        None,
    ]


def test_pdf_has_extractable_chinese_text_on_a4_landscape(tmp_path: Path) -> None:
    path = write_reports(read_selfevals(SAMPLES / "003_a.tsv"), tmp_path / "selfeval.pdf")
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        assert (round(page.width), round(page.height)) == (842, 595)
        text = page.extract_text()
    assert "项目支出绩效自评表" in text and "普陀体育中心与委托运营方结算费用" in text and "98.62" in text


def test_docx_has_the_merged_layout(tmp_path: Path) -> None:
    path = write_reports([full_report()], tmp_path / "monitor.docx")
    table = docx.Document(str(path)).tables[0]
    assert table.cell(0, 0).text == "项目名称" and table.cell(0, 2).text == "申遗经费"
    assert table.cell(8, 9).text == "完成目标采取的措施"
    assert table.cell(9, 2).text == "成本" and table.cell(9, 6).text == "确定能"


def test_a_mixed_list_of_reports_is_not_a_target_format(tmp_path: Path) -> None:
    from jixiao.errors import InputError

    with pytest.raises(InputError, match="json"):
        write_reports(read_selfevals(SAMPLES / "003_a.tsv"), tmp_path / "x.json")


runner = CliRunner()


def test_convert_finds_a_selfeval_by_its_title(tmp_path: Path) -> None:
    out = tmp_path / "自评.xlsx"
    result = runner.invoke(app, ["convert", str(SAMPLES / "003_a.tsv"), str(out)])
    assert result.exit_code == 0, result.output
    assert "已写出 1 张自评表" in result.output
    assert selfeval_values(read_selfevals(out)[0]) == selfeval_values(read_selfevals(SAMPLES / "003_a.tsv")[0])


def test_convert_monitoring_to_pdf(tmp_path: Path) -> None:
    out = tmp_path / "监控.pdf"
    result = runner.invoke(app, ["convert", "--kind", "monitor", str(SAMPLES / "038_a.tsv"), str(out)])
    assert result.exit_code == 0, result.output
    assert "已写出 1 张监控表" in result.output
    assert read_monitoring(out)[0].budget.executed == Decimal("87.57")


def test_convert_score_fills_blank_scores_by_the_rules(tmp_path: Path) -> None:
    source = SAMPLES / "011_a.tsv"
    selfeval = read_selfevals(source)[0]
    sheet = score(selfeval, "sichuan")
    out = tmp_path / "scored.xlsx"
    result = runner.invoke(app, ["convert", "--score", "--profile", "sichuan", str(source), str(out)])
    assert result.exit_code == 0, result.output
    after = read_selfevals(out)[0]
    blank = [i for i, r in enumerate(selfeval.results) if r.score is None and not r.score_text]
    assert blank  # the sample publishes most scores blank
    assert [after.results[i].score for i in blank] == [sheet.indicators[i].score for i in blank]
    assert after.published_total == (selfeval.published_total or sheet.total)
    assert after.published_grade == (selfeval.published_grade or sheet.grade)


def test_convert_refuses_review_and_json_for_reports(tmp_path: Path) -> None:
    source = str(SAMPLES / "003_a.tsv")
    reviewed = runner.invoke(app, ["convert", "--review", source, str(tmp_path / "a.xlsx")])
    assert reviewed.exit_code == 2 and "jixiao score" in reviewed.output
    as_json = runner.invoke(app, ["convert", source, str(tmp_path / "a.json")])
    assert as_json.exit_code == 2 and "不能写成 json" in as_json.output
    scored_target = runner.invoke(app, ["convert", "--score", str(SAMPLES / "029_a.tsv"), str(tmp_path / "t.xlsx")])
    assert scored_target.exit_code == 2 and "--score 只用于自评表" in scored_target.output
