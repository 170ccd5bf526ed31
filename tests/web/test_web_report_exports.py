"""A web monitoring or self-evaluation report downloaded as 监控表 / 自评表 (xlsx, docx, PDF) in the official layout,
read back by the library to what the unit entered and the scores reported."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import docx
import pdfplumber
import pytest
from django.urls import reverse

from jixiao.scoring.reading import read_monitoring, read_selfevals
from jixiao.web.models import RoundKind, RoundReport, TableRecord, Unit
from jixiao.web.services import demo, monitoring, rounds, selfeval


def _round(users: dict[str, Any], unit: Unit, kind: str, period: str = "") -> Any:
    return rounds.open_round(
        unit.department.office,
        actor=users["finance"],
        kind=kind,
        year=2024,
        period=period,
        deadline=datetime.date.today() + datetime.timedelta(days=20),
        units=[unit],
    )


@pytest.fixture
def published(draft: TableRecord, walk: Any) -> TableRecord:
    return walk(draft, "published")


@pytest.fixture
def monitored(users: dict[str, Any], published: TableRecord, sasac: Unit) -> RoundReport:
    report = monitoring.get(published, _round(users, sasac, RoundKind.MONITORING, "1-6月"), actor=users["clerk"])
    data = monitoring.empty_data(report.version.data)
    data["budget"].update(
        executed="20000", forecast="100000", reason="项目集中在下半年拨付", measures="三季度加快资金拨付进度"
    )
    for row in data["indicators"]:
        row["likelihood"] = "确定能"
    data["indicators"][8].update(to_date="100", likelihood="有可能", reason="招聘延后", measures="三季度集中招聘")
    monitoring.save(report, actor=users["clerk"], data=data, revision=report.revision)
    report.refresh_from_db()
    return report


@pytest.fixture
def evaluated(users: dict[str, Any], published: TableRecord, sasac: Unit) -> RoundReport:
    report = selfeval.get(published, _round(users, sasac, RoundKind.SELF_EVALUATION), actor=users["clerk"])
    data = selfeval.empty_data(report.version.data)
    data["budget"]["executed"] = "100000"
    for row, indicator in zip(data["indicators"], report.version.data["indicators"], strict=True):
        row["actual"] = indicator.get("target", "")  # every target met as written
    data["indicators"][0].update(score="7", reason="部分企业延期")  # the unit's own score instead of jixiao's
    data["goal_actual"] = "完成年度目标。"
    selfeval.save(report, actor=users["clerk"], data=data, revision=report.revision)
    report.refresh_from_db()
    return report


def download(client: Any, report: RoundReport, kind: str, tmp_path: Path) -> Path:
    response = client.get(reverse("web:report_export", args=[report.pk, kind]))
    assert response.status_code == 200, response.content[:300]
    assert "attachment" in response["Content-Disposition"]
    path = tmp_path / f"report.{kind}"
    path.write_bytes(response.content)
    return path


@pytest.mark.parametrize("kind", ["xlsx", "docx", "pdf"])
def test_a_monitoring_report_downloads_as_the_monitoring_table(
    monitored: RoundReport, client_for: Any, tmp_path: Path, kind: str
) -> None:
    path = download(client_for("deptreviewer"), monitored, kind, tmp_path)
    (back,) = read_monitoring(path)
    assert back.project_name == monitored.record.project_name and back.month == 6
    assert (back.budget.executed, back.budget.forecast) == (Decimal(20000), Decimal(100000))
    assert back.budget.reason == "项目集中在下半年拨付" and back.budget.rate == Decimal("17.49")  # 20000 / 114352
    assert back.suggestions == "三季度加快资金拨付进度"  # the budget's 纠偏措施, as 相关建议或举措
    assert monitoring.entries_from(back, monitored.version.data)[0]["budget"] == monitored.data["budget"]
    assert (back.table.department, back.table.implementer) == (monitored.record.unit.department.name, demo.SASAC)
    employment = back.indicators[8]
    assert employment.to_date is not None and employment.to_date.value == 100
    assert (employment.likelihood.value if employment.likelihood else None) == "有可能"
    assert (employment.deviation, employment.measures) == ("招聘延后", "三季度集中招聘")
    assert [m.likelihood.value if m.likelihood else None for m in back.indicators].count("确定能") == len(
        back.indicators
    ) - 1


@pytest.mark.parametrize("kind", ["xlsx", "docx", "pdf"])
def test_a_self_evaluation_downloads_with_the_scores_reported(
    evaluated: RoundReport, client_for: Any, tmp_path: Path, kind: str
) -> None:
    result = selfeval.evaluation(evaluated)
    path = download(client_for("finance"), evaluated, kind, tmp_path)
    (back,) = read_selfevals(path)
    assert [r.score for r in back.results] == [row.final for row in result.rows]
    assert back.results[0].score == Decimal(7)  # the unit's override, not jixiao's
    assert back.published_total == result.total and back.published_grade == result.grade
    assert back.budget.executed == Decimal(100000) and back.budget.score == result.budget_final
    assert back.goal_actual == "完成年度目标。"


def test_the_file_name_says_the_period(monitored: RoundReport, evaluated: RoundReport, client_for: Any) -> None:
    client = client_for("clerk")
    names = [
        unquote(client.get(reverse("web:report_export", args=[r.pk, "xlsx"]))["Content-Disposition"].split("''")[1])
        for r in (monitored, evaluated)
    ]
    project = monitored.record.project_name
    assert names == [f"2024-{project}-监控表（1-6月）.xlsx", f"2024-{project}-自评表.xlsx"]


def test_the_pdf_and_docx_read_as_documents(monitored: RoundReport, client_for: Any, tmp_path: Path) -> None:
    client = client_for("clerk")
    with pdfplumber.open(download(client, monitored, "pdf", tmp_path)) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    assert "项目支出绩效运行监控表" in text and "1-6月执行数" in text
    table = docx.Document(str(download(client, monitored, "docx", tmp_path))).tables[0]
    assert table.cell(0, 2).text == monitored.record.project_name


def test_the_detail_page_links_each_format(monitored: RoundReport, client_for: Any) -> None:
    html = client_for("clerk").get(reverse("web:report_detail", args=[monitored.pk])).content.decode()
    for kind in ("xlsx", "docx", "pdf"):
        assert reverse("web:report_export", args=[monitored.pk, kind]) in html
    assert "导出监控表" in html


def test_an_unknown_format_is_not_found(monitored: RoundReport, client_for: Any) -> None:
    assert client_for("clerk").get(reverse("web:report_export", args=[monitored.pk, "json"])).status_code == 404
