"""部门整体 tables in the web: a department's 目标表 imported, reviewed by the JX-D rules and published; its
self-evaluation (评分表) typed or uploaded and re-added as `jixiao score` does; what the web refuses for them."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.urls import reverse

from jixiao.department import DepartmentTable, read_departments, score_department
from jixiao.io.writers.layout_department import department_layout
from jixiao.web.models import RoundKind, RoundReport, Status, TableRecord, Unit
from jixiao.web.services import deptselfeval, exports, library, reports, rounds
from jixiao.web.services.findings import review_data
from jixiao.web.views.editor import DEPARTMENT_EDIT
from jixiao.web.views.exports import DEPARTMENT_JSON

DEPARTMENT = Path(__file__).resolve().parents[1] / "data" / "department"
TARGET = DEPARTMENT / "own_target_tasks.txt"
RUBRIC = DEPARTMENT / "own_selfeval_rubric.txt"


def upload(client: Any, name: str, content: bytes) -> Any:
    file = io.BytesIO(content)
    file.name = name
    return client.post(reverse("web:import"), {"file": file})


def exported_department(client: Any, url: str, path: Path) -> DepartmentTable:
    """The department table read back from the file downloaded at ``url`` (saved at ``path``)."""
    export = client.get(url)
    assert export.status_code == 200, export.content.decode()[:500]
    path.write_bytes(export.content)
    [table] = read_departments(path)
    return table


def imported(client: Any, content: bytes) -> TableRecord:
    response = upload(client, "部门整体目标表.txt", content)
    assert response.status_code == 302, response.content.decode()[:2000]
    preview = client.get(response["Location"])
    page = preview.content.decode()
    assert "某县文化广电旅游局部门整体支出绩效目标" in page and "年度主要任务" in page and "A级景区创建" in page
    saved = client.post(response["Location"], {"table": "0", "year": "2024"})
    record = TableRecord.objects.get()
    assert saved["Location"] == reverse("web:table_detail", args=[record.pk])  # not the project editor
    return record


def test_a_department_target_is_imported_with_its_tasks_and_reviewed_by_the_jx_d_rules(
    users: dict[str, Any], client_for: Any, tmp_path: Path
) -> None:
    clerk = client_for("clerk")
    record = imported(clerk, TARGET.read_bytes())
    data = record.latest.data
    assert (data["kind"], data["department"]) == ("dept-target", "某县文化广电旅游局")
    assert data["funding"]["total"] == "1695.55"
    assert [(t["name"], t["funds"]) for t in data["tasks"]] == [
        ("基本支出", "1478.75"),
        ("公共文化服务", "166.80"),
        ("文旅融合", "50"),
    ]
    assert [row["name"] for row in data["indicators"]] == ["惠民演出场次", "群众满意度"]
    assert review_data(data).report.findings == ()  # the tasks add up to the total: as `jixiao review` finds
    detail = clerk.get(reverse("web:table_detail", args=[record.pk])).content.decode()
    assert "年度主要任务" in detail and "群众文化惠民演出" in detail and "≥120场" in detail
    # the project editor would drop the tasks: refused with where to go instead
    editor = clerk.get(reverse("web:table_edit", args=[record.pk]), follow=True)
    assert DEPARTMENT_EDIT in editor.content.decode()
    assert "部门预算（万元）" in detail and "项目资金（万元）" not in detail  # the header labels a department's
    submit_page = client_for("unitlead").get(reverse("web:table_submit", args=[record.pk]))
    assert submit_page.status_code == 200 and "某县文化广电旅游局部门整体支出绩效目标" in submit_page.content.decode()
    # exported in the department layout: the file reads back to the tasks and indicators stored
    for kind in ("xlsx", "docx", "pdf"):
        table = exported_department(
            clerk, reverse("web:table_export", args=[record.pk, kind]), tmp_path / f"export.{kind}"
        )
        assert (table.department, table.total_funds, table.year) == ("某县文化广电旅游局", Decimal("1695.55"), 2024)
        assert [(t.name, t.funds) for t in table.tasks] == [
            ("基本支出", Decimal("1478.75")),
            ("公共文化服务", Decimal("166.80")),
            ("文旅融合", Decimal("50")),
        ]
        assert [(i.name, i.target.text if i.target else None) for i in table.indicators] == [
            ("惠民演出场次", "≥120场"),
            ("群众满意度", "≥90%"),
        ]
    assert reverse("web:table_export", args=[record.pk, "xlsx"]) in detail
    assert reverse("web:table_export", args=[record.pk, "json"]) not in detail
    refused = clerk.get(reverse("web:table_export", args=[record.pk, "json"]))
    assert refused.status_code == 400 and DEPARTMENT_JSON in refused.content.decode()


def test_task_funds_that_miss_the_total_are_a_jx_d001_warning(
    users: dict[str, Any], client_for: Any, walk: Any
) -> None:
    text = TARGET.read_text(encoding="utf-8").replace("166.80", "100")
    record = imported(client_for("clerk"), text.encode())
    (finding,) = review_data(record.latest.data).report.findings
    assert finding.code == "JX-D001"
    assert finding.message == "年度主要任务资金合计 1628.75 万元，预算支出总额 1695.55 万元，相差 66.8 万元"
    assert record.warning_count == 1
    walk(record, "submitted")  # the warning explained by the unit lead
    review = client_for("deptreviewer").get(reverse("web:table_review", args=[record.pk])).content.decode()
    assert "JX-D001" in review and "年度主要任务资金合计与预算总额不符" in review and "A级景区创建" in review


def department_report(users: dict[str, Any], client_for: Any, walk: Any, sasac: Unit) -> tuple[RoundReport, Any]:
    record = walk(imported(client_for("clerk"), TARGET.read_bytes()), "published")
    assert record.status == Status.PUBLISHED
    assert [source for source, _table in library.system_tables()] == []  # no project's indicators
    public = client_for(None).get(reverse("web:public_detail", args=[record.pk])).content.decode()
    assert "年度主要任务" in public and "A级景区创建" in public
    assert reverse("web:public_export", args=[record.pk, "pdf"]) in public
    assert reverse("web:public_export", args=[record.pk, "json"]) not in public
    downloaded = client_for(None).get(reverse("web:public_export", args=[record.pk, "xlsx"]))
    assert downloaded.status_code == 200 and downloaded["Content-Type"] == exports.CONTENT_TYPES["xlsx"]
    opened = rounds.open_round(
        sasac.department.office,
        actor=users["finance"],
        kind=RoundKind.SELF_EVALUATION,
        year=2024,
        deadline=datetime.date.today() + datetime.timedelta(days=20),
        units=[sasac],
    )
    clerk = client_for("clerk")
    started = clerk.post(reverse("web:report_start", args=[opened.pk, record.pk]))
    report = RoundReport.objects.get()
    assert started["Location"] == reverse("web:report_edit", args=[report.pk])
    return report, clerk


def test_a_department_selfeval_is_typed_and_re_added(
    users: dict[str, Any], client_for: Any, walk: Any, sasac: Unit
) -> None:
    report, clerk = department_report(users, client_for, walk, sasac)
    # the 评分表 starts from the target's indicators
    assert [row["name"] for row in report.data["indicators"]] == ["惠民演出场次", "群众满意度"]
    form = clerk.get(reverse("web:report_edit", args=[report.pk])).content.decode()
    assert "部门整体评分表" in form and 'name="ind-2-name"' in form  # a blank row to add an indicator
    posted = {
        "revision": str(report.revision),
        "then": "",
        "ind-0-weight": "40",
        "ind-0-score": "38",
        "ind-1-weight": "40",
        "ind-1-score": "45",  # above its 分值
        "ind-2-level1": "部门预算管理",
        "ind-2-name": "预算执行率",
        "ind-2-weight": "20",
        "ind-2-score": "18.5",
    }
    clerk.post(reverse("web:report_edit", args=[report.pk]), posted)
    report.refresh_from_db()
    result = deptselfeval.evaluation(report)
    assert [row.name for row in result.rows] == ["惠民演出场次", "群众满意度", "预算执行率"]
    assert [row.line.score for row in result.rows] == [Decimal(38), Decimal(40), Decimal("18.5")]  # 45 counts as 40
    assert (result.total, result.grade, report.total, report.grade) == (
        Decimal("96.5"),
        "优",
        Decimal("96.50"),
        "优",
    )
    assert [f.code for f in result.findings] == ["JX-D002"]
    assert result.blocking == ["JX-D002 “群众满意度”自评得分 45，超过指标分值 40"]
    lead = client_for("unitlead")
    again = {**posted, "revision": str(report.revision), "then": "submit"}
    refused = lead.post(reverse("web:report_edit", args=[report.pk]), again, follow=True)
    assert "“群众满意度”自评得分 45，超过指标分值 40" in refused.content.decode()
    report.refresh_from_db()
    assert report.status == Status.DRAFT
    # corrected, and a row cleared to drop it: the 分值 no longer fill 100, so no grade
    fixed = {**posted, "revision": str(report.revision), "ind-1-score": "39", "ind-2-name": "", "ind-2-level1": ""}
    fixed.update({"ind-2-weight": "", "ind-2-score": "", "then": "submit"})
    lead.post(reverse("web:report_edit", args=[report.pk]), fixed)
    report.refresh_from_db()
    assert (report.status, report.total, report.grade) == (Status.SUBMITTED, Decimal("77.00"), "")
    detail = client_for("deptreviewer").get(reverse("web:report_detail", args=[report.pk])).content.decode()
    assert "分值合计不是满分，不评等级" in detail and "JX-D003" in detail
    for reviewer in ("deptreviewer", "finance"):
        report.refresh_from_db()
        reports.decide(report, actor=users[reviewer], outcome="approved", revision=report.revision)
    report.refresh_from_db()
    reports.publish(report, actor=users["finance"], revision=report.revision)
    public = client_for(None).get(reverse("web:public_detail", args=[report.record_id])).content.decode()
    assert "自评结果" in public and '<b id="live-total">77</b>' in public and "惠民演出场次" in public


def test_an_uploaded_rubric_fills_the_department_selfeval(
    users: dict[str, Any], client_for: Any, walk: Any, sasac: Unit, tmp_path: Path
) -> None:
    report, clerk = department_report(users, client_for, walk, sasac)
    text = RUBRIC.read_text(encoding="utf-8").replace("某县总工会", "某县文化广电旅游局")
    response = upload(clerk, "评分表.txt", text.encode())
    assert response["Location"] == reverse("web:report_edit", args=[report.pk])
    report.refresh_from_db()
    result = deptselfeval.evaluation(report)
    assert [(row.name, row.line.weight, row.line.score) for row in result.rows] == [
        ("目标制定", Decimal(30), Decimal(28)),
        ("编制准确", Decimal(20), Decimal("19.5")),
        ("预算执行率", Decimal(50), Decimal(50)),  # 52 written, at most its 分值
    ]
    assert (result.total, result.grade) == (Decimal("97.5"), "优")
    assert [f.code for f in result.findings] == ["JX-D002", "JX-D004"]  # the 99.5 written is not the sum
    # exported as the department 评分表: read back, it scores as the page does and carries the grade
    for kind in ("xlsx", "docx", "pdf"):
        table = exported_department(
            clerk, reverse("web:report_export", args=[report.pk, kind]), tmp_path / f"rubric.{kind}"
        )
        assert table.department == "某县文化广电旅游局" and table.published_total == Decimal("99.5")
        assert [(item.indicator.name, item.score) for item in table.scores] == [
            ("目标制定", Decimal(28)),
            ("编制准确", Decimal("19.5")),
            ("预算执行率", Decimal(52)),
        ]
        again = score_department(table)
        assert (again.total, again.grade) == (result.total, result.grade)
    model = exports.report_model(report)
    assert isinstance(model, DepartmentTable)
    assert department_layout(model).texts()[-1][:2] == ["评价等级", "优"]


def test_monitoring_a_department_table_is_refused(
    users: dict[str, Any], client_for: Any, walk: Any, sasac: Unit
) -> None:
    record = walk(imported(client_for("clerk"), TARGET.read_bytes()), "published")
    opened = rounds.open_round(
        sasac.department.office,
        actor=users["finance"],
        kind=RoundKind.MONITORING,
        year=2024,
        deadline=datetime.date.today() + datetime.timedelta(days=20),
        units=[sasac],
        period="1-6月",
    )
    answer = client_for("clerk").post(reverse("web:report_start", args=[opened.pk, record.pk]), follow=True)
    assert "部门整体支出绩效目标表暂不支持网上绩效监控" in answer.content.decode()
    assert not RoundReport.objects.exists()
    assert reports.tables_for(opened, users["clerk"]).get() == record
