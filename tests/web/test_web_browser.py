"""The whole story in a real browser (Debian's chromium through Playwright), with a screenshot of each page.

A clerk imports seed table 1, sees its findings, fixes one and saves; the unit lead explains the warnings and
submits; the department reviewer returns it with a comment on one indicator; the clerk fixes it and the lead
resubmits; the reviewer approves and the finance office publishes; an anonymous visitor sees it published; the
audit trail shows every step. Screenshots go to ``screenshots/`` (git-ignored).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.db import connections

from jixiao.web.models import Status, TableRecord

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "screenshots"
SEED = ROOT / "examples" / "seed_2024.txt"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed (apt-get install chromium)"),
]


@pytest.fixture
def browser_page(tmp_path: Path) -> Any:
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
        page = context.new_page()
        page.set_default_timeout(15000)
        refused: list[str] = []  # the browser's report of anything the Content-Security-Policy blocked
        page.on("console", lambda message: refused.append(message.text) if "Security Policy" in message.text else None)
        yield page
        assert refused == []
        # ORM calls made while Playwright's loop runs get their own connection: close it here, in that context
        connections.close_all()
        context.close()
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


class Story:
    def __init__(self, page: Any, base: str, password: str, prefix: str) -> None:
        self.page, self.base, self.password, self.prefix, self.shot = page, base, password, prefix, 0
        SHOTS.mkdir(exist_ok=True)

    def snap(self, name: str) -> None:
        self.shot += 1
        self.page.screenshot(path=str(SHOTS / f"{self.prefix}-{self.shot:02d}-{name}.png"), full_page=True)

    def go(self, path: str) -> None:
        self.page.goto(self.base + path)

    def login(self, username: str, shot: str | None = None) -> None:
        self.go("/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", self.password)
        if shot:
            self.snap(shot)
        self.page.click("button:has-text('登录')")
        self.page.wait_for_url("**/todo/")

    def logout(self) -> None:
        self.page.click("button:has-text('退出')")
        self.page.wait_for_url(self.base + "/")

    def explain_and_submit(self, shot: str) -> None:
        for box in self.page.locator("textarea[name^=explain-]").all():
            if not box.input_value():
                box.fill("该指标按本年度预算规模和项目安排测算，已与主管部门沟通确认。")
        self.snap(shot)
        self.page.click("button:has-text('确认提交')")
        self.page.wait_for_selector(".message.success")


def test_the_whole_story(
    live_server: Any,
    transactional_db: Any,
    users: dict[str, Any],
    password: str,
    browser_page: Any,
    tmp_path: Path,
) -> None:
    page = browser_page
    story = Story(page, live_server.url, password, "story")
    table_one = "## 项目支出绩效目标表" + SEED.read_text(encoding="utf-8").split("## 项目支出绩效目标表")[1]
    upload = tmp_path / "国资委-2024-国有资本经营预算项目.txt"
    upload.write_text(table_one, encoding="utf-8")

    # the clerk imports seed table 1 and sees its findings
    story.login("clerk", shot="login")
    story.snap("todo-clerk")
    page.click("nav >> text=导入")
    page.set_input_files("input[type=file]", str(upload))
    story.snap("import")
    page.click("button:has-text('上传并预览')")
    page.wait_for_selector("text=找到 1 张目标表")
    assert page.locator(".finding").count() > 0
    story.snap("import-preview")
    page.click("button:has-text('保存为草稿')")
    page.wait_for_selector("#live-findings .finding")
    live = page.locator("#live-findings")
    assert "财政资金执行率" in live.inner_text()
    story.snap("editor-with-findings")

    # ... fixes one: the execution rate written as 1 becomes 100%, and the live review drops that finding
    row = page.locator("tr.edit-row").filter(has=page.locator("textarea", has_text="财政资金执行率"))
    with page.expect_response("**/live-review/"):
        row.locator("input[name=ind-target]").fill("100%")
    # (a locator, not wait_for_function: the page's Content-Security-Policy refuses evaluating strings)
    from playwright.sync_api import expect

    expect(page.locator("#live-findings")).not_to_contain_text("财政资金执行率")
    story.snap("editor-fixed")
    page.click("button:has-text('保存草稿')")
    page.wait_for_selector(".message.success")
    record = TableRecord.objects.get()
    assert record.latest.data["indicators"][3]["target"] == "100%"
    story.logout()

    # the unit lead explains the warnings and submits
    story.login("unitlead")
    story.go(f"/tables/{record.pk}/submit/")
    story.explain_and_submit("submit-explanations")
    story.snap("submitted")
    story.logout()

    # the department reviewer returns it with a comment on one indicator
    story.login("deptreviewer")
    page.wait_for_selector("text=待审核")
    story.snap("todo-reviewer")
    page.click(f"a[href='/tables/{record.pk}/']")
    page.click(".page-head .actions a:text-is('审核')")
    page.fill("textarea[name=comment-0]", "支持企业户数低于上年（12户），请说明原因或调高目标。")
    story.snap("review-return")
    page.click("button:has-text('退回修改')")
    page.wait_for_selector(".message.success")
    record.refresh_from_db()
    assert record.status == Status.RETURNED
    story.logout()

    # the clerk sees the comment, fixes the indicator and saves a new draft version
    story.login("clerk")
    page.wait_for_selector("text=待修改（已退回）")
    story.go(f"/tables/{record.pk}/")
    assert "支持企业户数低于上年" in page.locator("#indicator-0 .review-comment").inner_text()
    story.snap("returned-with-comment")
    page.click("a:has-text('编辑')")
    row = page.locator("tr.edit-row").filter(has=page.locator("textarea", has_text="支持国有企业户数"))
    row.locator("input[name=ind-target]").fill("12户")
    page.click("button:has-text('保存草稿')")
    page.wait_for_selector(".message.success")
    story.logout()

    # the lead resubmits; the reviewer approves; the finance office publishes
    story.login("unitlead")
    story.go(f"/tables/{record.pk}/submit/")
    story.explain_and_submit("resubmit")
    story.logout()
    story.login("deptreviewer")
    story.go(f"/tables/{record.pk}/review/")
    page.fill("textarea[name=comment]", "同意。")
    page.click("button:has-text('审核通过')")
    page.wait_for_selector(".message.success")
    story.logout()
    story.login("finance")
    story.go(f"/tables/{record.pk}/")
    story.snap("approved")
    page.click("button:has-text('公开')")
    page.wait_for_selector(".message.success")
    story.logout()

    # an anonymous visitor sees it published, with the corrected targets
    story.go("/")
    page.wait_for_selector("text=国有资本经营预算项目")
    story.snap("public-list")
    page.click("text=国有资本经营预算项目")
    page.wait_for_selector("h1:has-text('国有资本经营预算项目')")
    assert "12户" in page.locator("#indicator-0").inner_text()
    story.snap("public-detail")

    # the audit trail shows every step
    story.login("clerk")
    story.go(f"/tables/{record.pk}/")
    trail = page.locator(".timeline").inner_text()
    story.snap("audit-trail")
    steps = ["导入", "修改", "提交", "退回修改", "修改", "提交", "审核通过", "公开"]
    shown = [line.split(" · ")[0] for line in trail.splitlines() if " · " in line]
    assert shown == steps
    record.refresh_from_db()
    assert record.status == Status.PUBLISHED
    assert list(record.audit_entries.values_list("action", flat=True)) == [
        "import",
        "edit",
        "submit",
        "return",
        "edit",
        "submit",
        "approve",
        "publish",
    ]


def test_the_editor_adds_reorders_and_removes_indicators(
    live_server: Any, transactional_db: Any, draft: Any, password: str, browser_page: Any
) -> None:
    page = browser_page
    story = Story(page, live_server.url, password, "editor")
    story.login("clerk")
    story.go(f"/tables/{draft.pk}/edit/")
    rows = page.locator("#indicator-rows tbody tr.edit-row")
    assert rows.count() == 12
    # a new row continues the last one's 一级/二级; changing its 一级 offers that 一级's 二级 only
    page.click("button[data-add-row]")
    new = rows.nth(12)
    assert new.locator("[data-level1]").input_value() == "满意度指标"
    new.locator("[data-level1]").select_option("效益指标")
    options = new.locator("[data-level2] option").all_inner_texts()
    assert options == ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"]
    new.locator("[data-level2]").select_option("社会效益指标")
    new.locator("textarea[name=ind-name]").fill("带动就业岗位（个）")
    new.locator("input[name=ind-target]").fill("≥300个")
    new.locator("button[data-move='-1']").click()  # above 企业满意率
    rows.nth(0).locator("button[data-remove]").click()  # drop 支持国有企业户数
    story.snap("editor-rows")
    page.click("button:has-text('保存草稿')")
    page.wait_for_selector(".message.success")
    data = TableRecord.objects.get(pk=draft.pk).latest.data
    names = [row["name"] for row in data["indicators"]]
    assert len(names) == 12 and "支持国有企业户数" not in names
    assert names[-2:] == ["带动就业岗位（个）", "企业满意率（%）"]
    assert (data["indicators"][-2]["level1"], data["indicators"][-2]["level2"]) == ("效益指标", "社会效益指标")
