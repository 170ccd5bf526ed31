"""A year after the targets, in a real browser: 绩效监控 in mid-year, 绩效自评 at the year end, both published.

The 国资委 table is published; 财政 opens a 1-6月 monitoring round; the clerk reports, the budget light turns red
as the execution is typed, the lead's submission is refused until the deviation is explained, then goes through
主管部门 and 财政; 财政 sees every unit's lights. 财政 opens the self-evaluation round; the clerk types the actual
values and watches the scores, total and grade change, writes one score by hand with a reason; the reviewers see
the override flagged; 财政 publishes it; the public page shows the targets and the self-evaluation together.
Screenshots go to ``screenshots/`` at desktop and phone width.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from test_web_browser import CHROMIUM, Story, browser_page  # noqa: F401  (the fixture)

from jixiao.web.models import RoundReport, Status, TableRecord

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed (apt-get install chromium)"),
]

ACTUALS = ["10户", "10个", "45%", "1", "及时", "110000", "100000", "105%", "2400", "46000", "100%", "95%"]


def open_round(story: Story, kind: str, period: str = "") -> None:
    page = story.page
    story.go("/rounds/new/")
    page.select_option("select[name=kind]", kind)
    page.fill("input[name=year]", "2024")
    if period:
        page.fill("input[name=period]", period)
    page.fill("input[name=deadline]", (datetime.date.today() + datetime.timedelta(days=20)).isoformat())
    page.check("label:has-text('新疆维吾尔自治区人民政府国有资产监督管理委员会') input")
    page.click("button:has-text('下发')")
    page.wait_for_selector("text=已下发填报任务")


def decide(story: Story, who: str, report: RoundReport, button: str = "审核通过") -> None:
    story.login(who)
    story.go(f"/reports/{report.pk}/")
    story.page.fill("textarea[name=comment]", "同意。")
    story.page.click(f"form.decision button:has-text('{button}')")
    story.page.wait_for_selector(".message.success")
    story.logout()


def test_a_year_of_monitoring_and_self_evaluation(
    live_server: Any,
    transactional_db: Any,
    users: dict[str, Any],
    password: str,
    browser_page: Any,  # noqa: F811
    draft: TableRecord,
    walk: Any,
) -> None:
    from playwright.sync_api import expect

    page = browser_page
    story = Story(page, live_server.url, password, "year")
    record = walk(draft, "published")

    # 财政 opens the 1-6月 monitoring round
    story.login("finance")
    open_round(story, "monitor", "1-6月")
    story.logout()

    # the clerk reports: the budget light turns red as the execution is typed
    story.login("clerk")
    page.click(".tasks a:has-text('绩效监控')")
    page.click("button:has-text('开始填报')")
    page.wait_for_selector("#report-live")
    with page.expect_response("**/live/"):
        page.fill("input[name=budget-executed]", "20000")
    expect(page.locator("#report-live")).to_contain_text("预算执行为红灯")
    assert "17.49%" in page.locator("#live-rate").inner_text()
    for select in page.locator("select[name$=-likelihood]").all():
        select.select_option("确定能")
    page.locator("tr[data-row='8'] input[name$=-to_date]").fill("1300")
    story.snap("monitor-red")
    page.click("button:has-text('保存')")
    page.wait_for_selector(".message.success")
    story.logout()

    # the lead's submission is refused while the red light has no reason; with one it goes to 主管部门
    report = RoundReport.objects.get(round__kind="monitor")
    story.login("unitlead")
    story.go(f"/reports/{report.pk}/edit/")
    page.click("button:has-text('保存并提交')")
    expect(page.locator(".message.error")).to_contain_text("预算执行为红灯")
    story.snap("monitor-refused")
    page.fill("textarea[name=budget-reason]", "项目资金按工程进度拨付，主体工程 7 月开工")
    page.fill("textarea[name=budget-measures]", "督促企业按月报送进度，三季度末执行率达到 75%")
    page.click("button:has-text('保存并提交')")
    page.wait_for_selector(".message.success")
    story.logout()
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED and report.budget_light == "red"

    decide(story, "deptreviewer", report)
    decide(story, "finance", report)
    report.refresh_from_db()
    assert report.status == Status.APPROVED

    # 财政 sees every unit's lights for the period
    story.login("finance")
    story.go(f"/rounds/{report.round_id}/reports/")
    assert "红灯" in page.locator("table.list").inner_text()
    story.snap("monitor-lights")

    # … and opens the self-evaluation round
    open_round(story, "selfeval")
    story.logout()

    # the clerk types the actual values: the scores, the total and the grade follow
    story.login("clerk")
    story.go("/rounds/")
    page.click("a:has-text('2024 年度绩效自评')")
    page.click("button:has-text('开始填报')")
    page.wait_for_selector("#report-live")
    assert page.locator("#live-total").inner_text() == "—"
    page.fill("input[name=budget-executed]", "102916.8")
    for index, actual in enumerate(ACTUALS):
        page.fill(f"input[name=ind-{index}-actual]", actual)
    expect(page.locator("#live-total")).to_have_text("98.5")
    expect(page.locator("#live-grade")).to_have_text("优")
    with page.expect_response("**/live/"):
        page.fill("input[name=ind-11-actual]", "70%")  # 企业满意率 falls short: 7 of 10
    expect(page.locator("#live-total")).to_have_text("96")
    story.snap("selfeval-typed")
    # one score by hand, with its reason
    page.fill("input[name=ind-11-score]", "9")
    expect(page.locator("#report-live")).to_contain_text("请填写改分理由")
    page.fill("textarea[name=ind-11-reason]", "第三方满意度调查样本偏少，补充调查为 90%")
    expect(page.locator("#live-total")).to_have_text("98")
    story.snap("selfeval-override")
    page.click("button:has-text('保存')")
    page.wait_for_selector(".message.success")
    story.logout()
    scored = RoundReport.objects.get(round__kind="selfeval")
    assert (scored.total, scored.grade, scored.override_count) == (98, "优", 1)

    story.login("unitlead")
    story.go(f"/reports/{scored.pk}/edit/")
    page.click("button:has-text('保存并提交')")
    page.wait_for_selector(".message.success")
    story.logout()

    # the reviewers see the override flagged, with the unit's reason and what the audit rules say
    story.login("deptreviewer")
    story.go(f"/reports/{scored.pk}/")
    flag = page.locator(".override-flag").inner_text()
    assert "单位手工改分 1 处" in flag and "补充调查为 90%" in flag and "JX-S" in flag
    story.snap("selfeval-review-flag")
    story.logout()
    decide(story, "deptreviewer", scored)
    decide(story, "finance", scored)
    story.login("finance")
    story.go(f"/reports/{scored.pk}/")
    page.click("button:has-text('公开')")
    page.wait_for_selector(".message.success")
    story.logout()
    scored.refresh_from_db()
    assert scored.status == Status.PUBLISHED

    # the public page shows the targets and the self-evaluation together
    story.go(f"/public/{record.pk}/")
    assert "支持国有企业户数" in page.locator("#indicator-0").inner_text()
    evaluation = page.locator(".public-selfeval").inner_text()
    assert "自评总分" in evaluation and "98" in evaluation and "优" in evaluation and "70%" in evaluation
    story.snap("public-targets-and-selfeval")
    page.set_viewport_size({"width": 390, "height": 844})
    story.snap("phone-public")
    story.login("clerk")
    story.go(f"/reports/{scored.pk}/")
    story.snap("phone-report")
    story.go(f"/reports/{report.pk}/")
    story.snap("phone-monitor")
