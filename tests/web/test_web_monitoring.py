"""绩效运行监控 in the web: the unit's entries on an approved table, the lights, and the red-light rule."""

from __future__ import annotations

import dataclasses
import datetime
import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from api_helpers import client_of
from django.urls import reverse

from jixiao.io.writers.reports import write_reports
from jixiao.web.models import AuditEntry, Notice, RoundKind, RoundReport, Status, TableRecord, Unit
from jixiao.web.services import monitoring, reports, rounds, workflow


@pytest.fixture
def published(draft: TableRecord, walk: Any) -> TableRecord:
    return walk(draft, "published")


@pytest.fixture
def monitoring_round(users: dict[str, Any], sasac: Unit) -> Any:
    return rounds.open_round(
        sasac.department.office,
        actor=users["finance"],
        kind=RoundKind.MONITORING,
        year=2024,
        period="1-6月",
        deadline=datetime.date.today() + datetime.timedelta(days=20),
        units=[sasac],
    )


def entries(report: RoundReport, **budget: str) -> dict[str, Any]:
    data = monitoring.empty_data(report.version.data)
    data["budget"].update(budget)
    for row in data["indicators"]:
        row["likelihood"] = "确定能"
    return data


def test_month_of_the_period() -> None:
    assert [monitoring.month_of(p) for p in ("1-6月", "1—8月", "1-12", "全年", "1-13月")] == [6, 8, 12, None, None]


def test_a_report_needs_an_approved_table(users: dict[str, Any], draft: TableRecord, monitoring_round: Any) -> None:
    with pytest.raises(workflow.WorkflowError, match="尚未审核通过"):
        monitoring.get(draft, monitoring_round, actor=users["clerk"])


def test_lights_forecast_and_the_red_light_rule(
    users: dict[str, Any], published: TableRecord, monitoring_round: Any
) -> None:
    report = monitoring.get(published, monitoring_round, actor=users["clerk"])
    assert report.status == Status.DRAFT and report.version == published.published_version
    # 114352 万元 a year, 20000 executed by the end of June: 17.49 % against 50 % expected → red
    result = monitoring.save(
        report, actor=users["clerk"], data=entries(report, executed="20000"), revision=report.revision
    )
    assert result.sheet is not None and result.sheet.budget_light is not None
    assert result.sheet.budget_light.value == "red"
    assert result.sheet.rate is not None and round(result.sheet.rate, 2) == Decimal("17.49")
    assert result.sheet.expected == 50
    assert any("预算执行为红灯" in text for text in result.blocking)
    report.refresh_from_db()
    assert (report.budget_light, report.red_count, report.revision) == ("red", 1, 2)
    assert AuditEntry.objects.filter(table=published, action="edit").exists()
    with pytest.raises(workflow.WorkflowError, match="预算执行为红灯"):
        monitoring.submit(report, actor=users["unitlead"], revision=report.revision)
    fixed = entries(report, executed="20000", reason="项目集中在下半年拨付", measures="加快拨付进度")
    monitoring.save(report, actor=users["clerk"], data=fixed, revision=report.revision)
    report.refresh_from_db()
    monitoring.submit(report, actor=users["unitlead"], revision=report.revision)
    report.refresh_from_db()
    assert (report.status, report.stage) == (Status.SUBMITTED, 1)
    assert "review" in reports.actions(report, users["deptreviewer"])
    told = Notice.objects.get(user=users["deptreviewer"], kind="submitted", link=f"/reports/{report.pk}/")
    assert told.title == "待审核：2024 年度绩效监控（1-6月）：国有资本经营预算项目"
    reports.decide(report, actor=users["deptreviewer"], outcome="approved", revision=report.revision)
    reports.decide(report, actor=users["finance"], outcome="approved", revision=report.revision)
    report.refresh_from_db()
    assert report.status == Status.APPROVED and reports.label(report) == "审核通过"
    assert reports.actions(report, users["finance"]) == frozenset()  # a monitoring report is not published
    with pytest.raises(workflow.WorkflowError, match="自评报告才能公开"):
        reports.publish(report, actor=users["finance"], revision=report.revision)


def test_an_indicator_behind_is_red_and_needs_a_reason(
    users: dict[str, Any], published: TableRecord, monitoring_round: Any
) -> None:
    report = monitoring.get(published, monitoring_round, actor=users["clerk"])
    data = entries(report, executed="60000")
    data["indicators"][8].update(to_date="100", likelihood="")  # 解决就业 ≥2400: 100 by June is 4 %, red
    result = monitoring.save(report, actor=users["clerk"], data=data, revision=report.revision)
    row = result.rows[8]
    assert row.light is not None and row.light.value == "red" and row.needs_reason
    assert result.blocking == ["指标“解决就业（人次）”为红灯，请填写偏差原因"]
    assert result.budget_light is not None and result.budget_light.value == "green"


def test_the_unit_of_another_department_cannot_start_one(
    users: dict[str, Any], published: TableRecord, monitoring_round: Any
) -> None:
    with pytest.raises(workflow.WorkflowError, match="由本单位填报"):
        monitoring.get(published, monitoring_round, actor=users["finance"])


FORMATS = ("xlsx", "docx", "pdf", "html", "txt")


def filled_monitoring(report: RoundReport) -> dict[str, Any]:
    """A 监控表's entries with a value in every field the official layout carries."""
    data = monitoring.empty_data(report.version.data)
    data["budget"].update(executed="40000", forecast="110000", reason="部分资金待年底结算")
    for index, row in enumerate(data["indicators"]):
        row.update(to_date=f"{index + 3}户" if index == 0 else "", likelihood="有可能" if index == 1 else "确定能")
    data["indicators"][1].update(reason="审批进度滞后", measures="加快审批")
    return data


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_uploaded_monitoring_table_fills_the_form(
    fmt: str, users: dict[str, Any], published: TableRecord, monitoring_round: Any, tmp_path: Path, client_for: Any
) -> None:
    """A 监控表 written in the official layout (as `jixiao convert --kind monitoring` writes it) and uploaded in
    the round: its entries are the report's, as if typed."""
    report = monitoring.get(published, monitoring_round, actor=users["clerk"])
    typed = filled_monitoring(report)
    table = monitoring.evaluate(typed, report.version.data, "1-6月", "national").table
    model, problems = monitoring.build(typed, table, 6)
    assert not problems
    written = write_reports([model], tmp_path / f"监控表.{fmt}")
    answer = upload(client_for("clerk"), written.name, written.read_bytes())
    assert answer["Location"] == reverse("web:report_edit", args=[report.pk])
    report.refresh_from_db()
    assert report.data == monitoring.cleaned(typed, report.version.data)
    assert report.data["budget"]["executed"] == "40000" and report.data["indicators"][0]["to_date"] == "3户"
    assert report.source_file is not None and report.source_file.name == written.name
    assert (report.budget_light, report.red_count) == (monitoring.evaluation(report).budget_light.value, 1)


def test_indicators_that_do_not_fit_are_told(
    users: dict[str, Any], published: TableRecord, monitoring_round: Any, tmp_path: Path, client_for: Any
) -> None:
    report = monitoring.get(published, monitoring_round, actor=users["clerk"])
    typed = filled_monitoring(report)
    table = monitoring.evaluate(typed, report.version.data, "1-6月", "national").table
    first = table.indicators[0]
    renamed = dataclasses.replace(
        table, indicators=(dataclasses.replace(first, name="新增企业户数"), *table.indicators[1:])
    )
    model, _problems = monitoring.build(typed, renamed, 8)
    written = write_reports([model], tmp_path / "监控表.txt")
    clerk = client_for("clerk")
    answer = upload(clerk, written.name, written.read_bytes())
    page = clerk.get(answer["Location"]).content.decode()
    assert "文件中的指标“新增企业户数”不在目标表中，未读入" in page
    assert f"目标表的指标“{first.name}”在文件中没有找到，未填写" in page
    assert "文件是 1-8月 的监控数据，本次任务是1-6月" in page
    report.refresh_from_db()
    assert report.data["indicators"][0]["to_date"] == ""  # never the renamed indicator's value
    assert report.data["indicators"][1]["reason"] == "审批进度滞后"


def test_a_file_whose_budget_differs_from_the_table_says_which_figure_counts(
    users: dict[str, Any], published: TableRecord, monitoring_round: Any, tmp_path: Path, client_for: Any
) -> None:
    """The form has no 全年预算数: the table's 年度资金总额 stays the denominator, and the upload says so, on the page
    and in the API's notes, naming both figures."""
    report = monitoring.get(published, monitoring_round, actor=users["clerk"])
    typed = filled_monitoring(report)
    table = monitoring.evaluate(typed, report.version.data, "1-6月", "national").table
    model, _problems = monitoring.build(typed, table, 6)
    assert model.budget.full_year == Decimal("114352")
    other = dataclasses.replace(model, budget=dataclasses.replace(model.budget, full_year=Decimal("80000")))
    written = write_reports([other], tmp_path / "监控表.txt")
    note = "文件中的全年预算数 80000 万元 与目标表的 114352 万元 不同，按目标表的 114352 万元计算，请核对"
    clerk = client_for("clerk")
    page = clerk.get(upload(clerk, written.name, written.read_bytes())["Location"]).content.decode()
    assert note in page
    report.refresh_from_db()
    result = monitoring.evaluation(report)
    assert result.sheet is not None and result.sheet.rate is not None
    assert round(result.sheet.rate, 2) == round(Decimal(40000) / Decimal(114352) * 100, 2)
    status, answer = client_of(users["clerk"]).upload("/imports", written.name, written.read_bytes())
    assert status == 201 and answer["notes"] == [f"“{published.project_name}”：{note}"]


def upload(client: Any, name: str, content: bytes) -> Any:
    file = io.BytesIO(content)
    file.name = name
    return client.post(reverse("web:import"), {"file": file})


def _forecast_cell(client: Any, filing_round: Any) -> str:
    """The text of the 预计得分 cell of the round page's only report row."""
    html = client.get(reverse("web:round_detail", args=[filing_round.pk])).content.decode()
    section = html[html.index("round-tables") :]
    row = section[section.index("<tbody>") : section.index("</tbody>")]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
    return re.sub(r"<[^>]+>", "", cells[5]).strip()


def test_a_drafts_forecast_is_kept_on_every_save_or_says_what_is_missing(
    users: dict[str, Any], published: TableRecord, monitoring_round: Any, client_for: Any
) -> None:
    report = monitoring.get(published, monitoring_round, actor=users["clerk"])
    assert (report.total, report.forecast_gap) == (None, "未填报")
    finance = client_for("finance")
    assert _forecast_cell(finance, monitoring_round) == "未填报"
    monitoring.save(report, actor=users["clerk"], data=entries(report), revision=report.revision)  # no money
    report.refresh_from_db()
    assert (report.total, report.forecast_gap) == (None, "未填执行数")
    only_money = monitoring.empty_data(report.version.data)
    only_money["budget"]["executed"] = "20000"
    monitoring.save(report, actor=users["clerk"], data=only_money, revision=report.revision)
    report.refresh_from_db()
    weighted = [w.name for w in monitoring.evaluation(report).sheet.indicators if w.weight is not None]  # type: ignore[union-attr]
    assert report.total is None and len(weighted) > 1
    assert report.forecast_gap == f"{len(weighted)} 个指标未填预计" == "12 个指标未填预计"
    assert _forecast_cell(client_for("deptreviewer"), monitoring_round) == report.forecast_gap
    monitoring.save(report, actor=users["clerk"], data=entries(report, executed="20000"), revision=report.revision)
    report.refresh_from_db()
    # still a draft: 20000 by June projects 40000 of 114352 for the year (execution 10 points × 34.98 %) and
    # every indicator is certain to be met (90 points)
    assert report.status == Status.DRAFT and report.forecast_gap == ""
    assert report.total == Decimal("93.50")
    assert _forecast_cell(finance, monitoring_round) == "93.50"
    listed = finance.get(reverse("web:round_reports", args=[monitoring_round.pk])).content.decode()
    assert '<td class="num">93.50</td>' in listed
