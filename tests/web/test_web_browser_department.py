"""部门整体 in a real browser: the unit imports its department's 目标表 and fills its 评分表 (the total and grade
follow as it types), uploads a filled 监控表 with an indicator the table does not have, and 财政 changes the office's
评分规则. A screenshot of each page (screenshots/dept-*.png)."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path
from typing import Any

from playwright.sync_api import expect
from test_web_browser import Story, browser_page  # noqa: F401  (the fixture)
from test_web_browser import pytestmark as browser_marks

from jixiao.io.writers.reports import write_reports
from jixiao.web.models import FinanceOffice, RoundKind, RoundReport, Status, TableRecord, Unit
from jixiao.web.services import monitoring, rounds, workflow

pytestmark = browser_marks
DEPARTMENT = Path(__file__).resolve().parents[1] / "data" / "department"


def opened(users: dict[str, Any], unit: Unit, kind: str, period: str = "") -> Any:
    return rounds.open_round(
        unit.department.office,
        actor=users["finance"],
        kind=kind,
        year=2024,
        period=period,
        deadline=datetime.date.today() + datetime.timedelta(days=20),
        units=[unit],
    )


def test_a_department_table_its_rubric_a_monitoring_upload_and_the_profile(
    live_server: Any,
    transactional_db: Any,
    users: dict[str, Any],
    sasac: Unit,
    password: str,
    browser_page: Any,  # noqa: F811
    walk: Any,
    seed_data: list[dict[str, Any]],
    tmp_path: Path,
) -> None:
    page = browser_page
    story = Story(page, live_server.url, password, "dept")
    story.login("clerk")
    story.go("/import/")
    page.set_input_files("input[type=file]", str(DEPARTMENT / "own_target_tasks.txt"))
    page.click("button:has-text('上传')")
    page.wait_for_selector("text=年度主要任务")
    story.snap("import-preview")
    page.click("button:has-text('保存为草稿')")
    page.wait_for_selector("text=已导入为草稿")
    assert "部门整体支出绩效目标" in page.inner_text("h1")
    story.snap("table-detail")
    record = TableRecord.objects.get()

    walk(record, "published")
    selfeval_round = opened(users, sasac, RoundKind.SELF_EVALUATION)
    story.go(f"/rounds/{selfeval_round.pk}/")
    page.click(f"form[action$='/tables/{record.pk}/report/'] button")
    page.wait_for_selector("text=部门整体评分表")
    for index, (weight, score) in enumerate([("45", "43"), ("35", "33")]):
        page.fill(f"input[name=ind-{index}-weight]", weight)
        page.fill(f"input[name=ind-{index}-score]", score)
    page.fill("input[name=ind-2-name]", "预算执行率")
    page.fill("input[name=ind-2-weight]", "20")
    page.fill("input[name=ind-2-score]", "19")
    expect(page.locator("#live-total")).to_have_text("95")  # 43 + 33 + 19, as typed
    expect(page.locator("#live-grade")).to_have_text("优")
    story.snap("rubric-typed")
    page.click("button:has-text('保存')")
    page.wait_for_selector(".message.success")
    report = RoundReport.objects.get(round=selfeval_round)
    assert (report.total, report.grade, len(report.data["indicators"])) == (95, "优", 3)

    # a project table of the unit, and its 监控表 written by jixiao with one indicator renamed
    project = workflow.create_table(sasac, actor=users["clerk"], data={**seed_data[0], "year": 2024})
    walk(project, "published")
    watching = opened(users, sasac, RoundKind.MONITORING, "1-6月")
    started = monitoring.get(project, watching, actor=users["clerk"])
    typed = monitoring.empty_data(started.version.data)
    typed["budget"].update(executed="30000", forecast="110000", reason="部分资金待年底结算")
    typed["indicators"][1].update(to_date="4个", likelihood="有可能", reason="审批进度滞后", measures="加快审批")
    table = monitoring.evaluate(typed, started.version.data, "1-6月", "national").table
    renamed = dataclasses.replace(
        table, indicators=(dataclasses.replace(table.indicators[0], name="新增企业户数"), *table.indicators[1:])
    )
    model, _problems = monitoring.build(typed, renamed, 6)
    written = write_reports([model], tmp_path / "监控表.xlsx")
    story.go("/import/")
    page.set_input_files("input[type=file]", str(written))
    page.click("button:has-text('上传')")
    page.wait_for_selector("text=文件中的指标“新增企业户数”不在目标表中，未读入")
    assert page.input_value("input[name=budget-executed]") == "30000"
    assert page.input_value("input[name=ind-1-to_date]") == "4个"
    story.snap("monitoring-upload")
    story.logout()

    story.login("finance")
    story.go(f"/reports/{report.pk}/")
    page.wait_for_selector("text=部门整体评分表")
    story.snap("rubric-finance")
    story.go("/office/profile/")
    story.snap("profile")
    page.check("input[value=hubei]")
    page.click("button:has-text('保存规则')")
    page.wait_for_selector("text=评分规则为“湖北”")
    assert FinanceOffice.objects.get().profile == "hubei"
    story.snap("profile-changed")
    assert RoundReport.objects.get(pk=started.pk).status == Status.DRAFT
