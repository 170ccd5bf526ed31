"""The whole story in a real browser (Debian's chromium through Playwright), with a screenshot of each page.

财政 opens a 目标申报 round; the clerk imports seed table 1 and fixes a value; the unit lead submits; 主管部门
returns it with a comment on one indicator; the clerk sees it in the editor and fixes it; the lead resubmits;
主管部门 approves; 财政 returns it; the unit fixes and resubmits; both approve and 财政 publishes; an anonymous
visitor sees it published; the audit trail shows every step. At each step the next person has an unread notice
and nobody else has a button. A token made on the API 令牌 page works, and /api/docs renders every operation from
the app's own files. Screenshots go to ``screenshots/`` (git-ignored).
"""

from __future__ import annotations

import copy
import datetime
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from api_helpers import ApiClient
from django.db import connections
from django.test import Client
from test_web_api import OPERATIONS

from jixiao.web.models import Notice, RoundKind, Status, TableRecord, Unit
from jixiao.web.services import demo, imports, monitoring, rounds, workflow

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


def unread(user: Any) -> list[str]:
    return list(Notice.objects.filter(user=user, read_at__isnull=True).order_by("id").values_list("kind", flat=True))


def buttons(record: TableRecord, user: Any) -> set[str]:
    """The step buttons ``user`` sees on the table's page (fetched as they would, outside the browser)."""
    client = Client()
    client.force_login(user)
    unread_before = list(Notice.objects.filter(user=user, read_at__isnull=True).values_list("pk", flat=True))
    html = client.get(f"/tables/{record.pk}/").content.decode()
    Notice.objects.filter(pk__in=unread_before).update(read_at=None)  # this look leaves the person's inbox as it was
    links = {"编辑": "edit/", "提交": "submit/", "审核": "review/", "公开": "publish/", "删除": "delete/"}
    return {label for label, tail in links.items() if f'"/tables/{record.pk}/{tail}"' in html}


def only(record: TableRecord, users: dict[str, Any], expected: dict[str, set[str]]) -> None:
    """Who sees which step buttons now: the named people exactly these, everyone else none."""
    seen = {name: buttons(record, user) for name, user in users.items()}
    assert seen == {name: expected.get(name, set()) for name in users}


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

    # 财政 opens a 目标申报 round for the 国资委 unit, due in two weeks
    story.login("finance", shot="login")
    page.click("nav >> text=填报任务")
    page.click("a:has-text('下发任务')")
    page.select_option("select[name=kind]", "target")
    page.fill("input[name=year]", "2024")
    page.fill("input[name=deadline]", (datetime.date.today() + datetime.timedelta(days=14)).isoformat())
    page.check("label:has-text('新疆维吾尔自治区人民政府国有资产监督管理委员会') input")
    story.snap("round-new")
    page.click("button:has-text('下发')")
    page.wait_for_selector("text=已下发填报任务")
    story.snap("round-progress-open")
    story.logout()

    # the clerk has the task (unread in the header, days left in 待办), imports seed table 1 and fixes one value
    assert unread(users["clerk"]) == ["task"]
    story.login("clerk")
    assert page.locator(".unread-count").inner_text() == "1"
    assert "剩 14 天" in page.locator(".tasks").inner_text()
    story.snap("todo-clerk-task")
    page.click("nav >> text=导入")
    page.set_input_files("input[type=file]", str(upload))
    page.click("button:has-text('上传并预览')")
    page.wait_for_selector("text=找到 1 张目标表")
    story.snap("import-preview")
    page.click("button:has-text('保存为草稿')")
    page.wait_for_selector("#live-findings .finding")
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
    story.logout()
    only(record, users, {"clerk": {"编辑", "删除"}, "unitlead": {"编辑", "提交", "删除"}})

    # the lead has a notice that the draft is ready, explains each rule's warnings once and submits
    assert unread(users["unitlead"]) == ["task", "ready"]
    story.login("unitlead")
    page.click(".inbox-link")
    story.snap("inbox-lead")
    story.go(f"/tables/{record.pk}/submit/")
    story.explain_and_submit("submit-explanations")
    story.logout()
    only(record, users, {"deptreviewer": {"审核"}})

    # 主管部门 returns it with a comment on one indicator
    assert unread(users["deptreviewer"]) == ["submitted"]
    story.login("deptreviewer")
    story.go(f"/tables/{record.pk}/")
    story.snap("detail-reviewer")
    page.click(".page-head .actions a:has-text('审核（主管部门初审）')")
    page.fill("textarea[name=comment-0]", "支持企业户数低于上年（12户），请说明原因或调高目标。")
    story.snap("review-return")
    page.click("button:has-text('退回修改')")
    page.wait_for_selector(".message.success")
    story.logout()
    only(record, users, {"clerk": {"编辑"}, "unitlead": {"编辑", "提交"}})

    # the clerk sees the comment in the editor, beside the indicator, and fixes it
    assert unread(users["clerk"])[-1] == "returned"
    story.login("clerk")
    story.go(f"/tables/{record.pk}/edit/")
    row = page.locator("tr.edit-row").filter(has=page.locator("textarea", has_text="支持国有企业户数"))
    assert "支持企业户数低于上年" in row.locator(".review-comment").inner_text()
    story.snap("editor-with-comment")
    row.locator("input[name=ind-target]").fill("12户")
    page.click("button:has-text('保存草稿')")
    page.wait_for_selector(".message.success")
    story.logout()

    # the lead resubmits; 主管部门 approves; 财政 has it now
    assert unread(users["unitlead"])[-1] == "returned"
    story.login("unitlead")
    story.go(f"/tables/{record.pk}/submit/")
    story.explain_and_submit("resubmit")
    story.logout()
    assert unread(users["deptreviewer"]) == ["submitted"]  # the first was read when opened
    story.login("deptreviewer")
    story.go(f"/tables/{record.pk}/review/")
    page.fill("textarea[name=comment]", "初审同意。")
    page.click("button:has-text('审核通过')")
    page.wait_for_selector(".message.success")
    story.logout()
    only(record, users, {"finance": {"审核"}})

    # 财政 returns it from 财政复审, back to the unit
    assert unread(users["finance"]) == ["submitted"]
    story.login("finance")
    page.click(".inbox-link")
    page.click("a:has-text('待审核：国有资本经营预算项目')")
    story.snap("detail-finance")
    page.click(".page-head .actions a:has-text('审核（财政复审）')")
    page.fill("textarea[name=comment]", "请补充资产保值增值率的测算依据。")
    page.click("button:has-text('退回修改')")
    page.wait_for_selector(".message.success")
    story.logout()
    record.refresh_from_db()
    assert record.status == Status.RETURNED

    # … the clerk adds the basis, the lead resubmits, 主管部门 and 财政 approve, 财政 publishes
    assert unread(users["clerk"])[-1] == "returned"
    story.login("clerk")
    story.go(f"/tables/{record.pk}/edit/")
    assert "请补充资产保值增值率的测算依据" in page.locator(".callout.returned").inner_text()
    row = page.locator("tr.edit-row").filter(has=page.locator("textarea", has_text="资产保值增值率"))
    row.locator("input[name=ind-basis]").fill("历史标准（近三年平均）")
    page.click("button:has-text('保存草稿')")
    page.wait_for_selector(".message.success")
    story.logout()
    story.login("unitlead")
    story.go(f"/tables/{record.pk}/submit/")
    story.explain_and_submit("resubmit-2")
    story.logout()
    story.login("deptreviewer")
    story.go(f"/tables/{record.pk}/review/")
    page.click("button:has-text('审核通过')")
    page.wait_for_selector(".message.success")
    story.logout()
    story.login("finance")
    story.go(f"/tables/{record.pk}/review/")
    story.snap("review-finance-approve")
    page.click("button:has-text('审核通过')")
    page.wait_for_selector(".message.success")
    only(record, users, {"finance": {"公开"}})
    assert unread(users["clerk"])[-1] == "approved"
    story.go(f"/tables/{record.pk}/")
    page.click("summary:has-text('公开')")
    story.snap("publish-confirm")
    page.check("input[name=confirm]")
    page.click("form button:has-text('公开')")
    page.wait_for_selector(".message.success")
    story.go("/rounds/")
    page.click("a:has-text('2024 年度目标申报')")
    assert "审核通过" in page.locator("table.progress").inner_text()
    story.snap("round-progress-done")
    story.logout()
    assert unread(users["clerk"])[-1] == "published"
    only(record, users, {})

    # an anonymous visitor sees it published, with the corrected targets
    story.go("/")
    page.click("text=国有资本经营预算项目")
    page.wait_for_selector("h1:has-text('国有资本经营预算项目')")
    assert "12户" in page.locator("#indicator-0").inner_text()
    story.snap("public-detail")

    # the audit trail shows every step, in Chinese
    story.login("clerk")
    story.go(f"/tables/{record.pk}/")
    trail = page.locator(".timeline").inner_text()
    story.snap("audit-trail")
    steps = ["导入", "修改", "提交", "退回修改", "修改", "提交", "审核通过", "退回修改", "修改", "提交"]
    steps += ["审核通过", "审核通过", "公开"]
    assert [line.split(" · ")[0] for line in trail.splitlines() if " · " in line] == steps
    record.refresh_from_db()
    assert (record.status, record.published_version.number) == (Status.PUBLISHED, 3)  # type: ignore[union-attr]
    # the same pages at phone width
    page.set_viewport_size({"width": 390, "height": 844})
    story.snap("phone-detail")
    story.go("/todo/")
    story.snap("phone-todo")


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


#: Every page at phone width (390 px): no page-wide horizontal scroll (a wide table scrolls in its own box).
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1440, "height": 900}
#: How far the page may be wider than the window, in CSS pixels (sub-pixel rounding).
SLACK = 1


def pages(users: dict[str, Any], sasac: Unit, seed_data: list[dict[str, Any]]) -> dict[str | None, list[str]]:
    """The pages each role looks at (None: an anonymous visitor), with the objects they need made first."""
    demo.load_seed_tables()
    submitted = TableRecord.objects.get(unit=sasac, status=Status.SUBMITTED)
    published = TableRecord.objects.filter(status=Status.PUBLISHED).first()
    assert published is not None
    # a table returned once, its second version a draft: the editor shows the comments, the versions compare
    data = copy.deepcopy(seed_data[0])
    data["project_name"] = "国有资本经营预算项目（第二批）"
    returned = workflow.create_table(sasac, actor=users["clerk"], data=data)
    latest = returned.latest
    workflow.submit(
        returned,
        actor=users["unitlead"],
        version=1,
        revision=latest.revision,
        explanations=demo.explain_warnings(latest.data),
    )
    note = {"index": 0, "name": data["indicators"][0]["name"], "comment": "指标值偏低，请结合上年完成值调整。"}
    workflow.return_for_changes(
        returned, actor=users["deptreviewer"], version=1, comment="请补充依据", indicator_comments=[note]
    )
    changed = copy.deepcopy(data)
    changed["indicators"][0]["target"] = "12户"
    workflow.save_draft(returned, actor=users["clerk"], data=changed, revision=returned.latest.revision)
    # a table of the unit published, and its 监控表 in a monitoring round
    data = copy.deepcopy(seed_data[0])
    data["project_name"] = "国有资本经营预算项目（已公开）"
    watched = workflow.create_table(sasac, actor=users["clerk"], data=data)
    workflow.submit(watched, actor=users["unitlead"], version=1, revision=1, explanations=demo.explain_warnings(data))
    workflow.approve(watched, actor=users["deptreviewer"], version=1)
    workflow.approve(watched, actor=users["finance"], version=1)
    workflow.publish(watched, actor=users["finance"], version=1)
    watching = rounds.open_round(
        sasac.department.office,
        actor=users["finance"],
        kind=RoundKind.MONITORING,
        year=2024,
        period="1-6月",
        deadline=rounds.today() + datetime.timedelta(days=20),
        units=[sasac],
    )
    watched.refresh_from_db()
    report = monitoring.get(watched, watching, actor=users["clerk"])
    upload = imports.store(sasac, actor=users["clerk"], name="seed.txt", content=SEED.read_bytes())
    opened = rounds.open_round(
        sasac.department.office,
        actor=users["finance"],
        kind=RoundKind.TARGETS,
        year=2025,
        deadline=rounds.today() + datetime.timedelta(days=12),
        units=list(Unit.objects.all()),
    )
    return {
        None: ["/", f"/public/{published.pk}/", "/login/"],
        "clerk": [
            "/todo/",
            "/tables/",
            f"/tables/{returned.pk}/",
            f"/tables/{returned.pk}/edit/",
            f"/tables/{returned.pk}/compare/",
            "/tables/new/",
            "/import/",
            f"/import/{upload.pk}/",
            "/rounds/",
            f"/rounds/{opened.pk}/",
            f"/rounds/{watching.pk}/reports/",
            f"/reports/{report.pk}/",
            f"/reports/{report.pk}/edit/",
            "/inbox/",
            "/password/",
            "/account/tokens/",
        ],
        "unitlead": ["/todo/", f"/tables/{returned.pk}/submit/"],
        "deptreviewer": ["/todo/", f"/tables/{submitted.pk}/review/", f"/rounds/{opened.pk}/"],
        "finance": ["/todo/", "/rounds/new/", f"/rounds/{opened.pk}/", f"/tables/{published.pk}/", "/stages/"],
        "admin": ["/users/", "/users/new/", f"/users/{users['clerk'].pk}/"],
    }


def test_every_page_fits_a_phone(
    live_server: Any,
    transactional_db: Any,
    users: dict[str, Any],
    sasac: Unit,
    seed_data: list[dict[str, Any]],
    password: str,
    browser_page: Any,
) -> None:
    page = browser_page
    story = Story(page, live_server.url, password, "phone")
    SHOTS.mkdir(exist_ok=True)
    too_wide: dict[str, int] = {}
    for role, paths in pages(users, sasac, seed_data).items():
        page.set_viewport_size(DESKTOP)
        if role is not None:
            story.login(role)
        for path in paths:
            name = f"{role or 'public'}{path.replace('/', '-').rstrip('-')}"
            for size, label in ((DESKTOP, "desktop"), (PHONE, "390")):
                page.set_viewport_size(size)
                story.go(path)
                assert page.locator("h1").count() >= 1, f"{path}: no page heading"
                page.screenshot(path=str(SHOTS / f"phone-{name}-{label}.png"), full_page=True)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"] + SLACK:
                too_wide[f"{role} {path}"] = width
        if role is not None:
            page.set_viewport_size(DESKTOP)
            story.logout()
    assert too_wide == {}, "pages wider than 390 px (the whole page scrolls sideways)"


def test_a_token_from_the_page_and_the_docs_page_with_local_assets(
    live_server: Any, transactional_db: Any, users: dict[str, Any], password: str, browser_page: Any
) -> None:
    page = browser_page
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    story = Story(page, live_server.url, password, "api")
    story.login("clerk")
    page.click("a:has-text('API 令牌')")
    page.fill("input[name=name]", "预算一体化系统对接")
    page.click("button:has-text('创建令牌')")
    secret = page.locator("code.token-secret").inner_text()
    story.snap("token-created")
    page.set_viewport_size({"width": 390, "height": 844})
    story.snap("token-created-390")
    page.set_viewport_size({"width": 1440, "height": 900})
    assert ApiClient(secret).get("/tables")[0] == 200

    story.go("/api/docs")
    page.wait_for_selector(".opblock")
    shown = page.locator(".opblock .opblock-summary-operation-id").all_inner_texts()
    assert sorted(shown) == sorted(OPERATIONS)
    assert page.locator(".btn.authorize").count() == 1
    story.snap("docs")
    page.set_viewport_size({"width": 390, "height": 844})
    story.snap("docs-390")
    assert hosts == {urlparse(live_server.url).netloc}, hosts  # nothing from any other host
    assert (SHOTS / "api-03-docs.png").exists()
