"""The 指标库 and the year diff in a real browser: typing a 三级指标 name lists the library's entries, picking one
fills the 指标值's operator and unit and marks the row; finance's curation page; the year diff page. Screenshots
at desktop width and at 390 px."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest
from test_web_browser import CHROMIUM, SHOTS, Story, browser_page  # noqa: F401  (a fixture)

from jixiao.web.models import TableRecord, Unit
from jixiao.web.services import demo, workflow
from jixiao.web.services.tabledata import data_from_table

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed (apt-get install chromium)"),
]


@pytest.fixture
def built_library(library_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from test_web_library import CORPUS

    from jixiao.batch import expand
    from jixiao.library import build_library

    out = tmp_path_factory.mktemp("corpus") / "corpus.sqlite"
    build_library(expand(CORPUS), out)
    shutil.copy(out, library_file)
    return library_file


def test_suggestions_in_the_editor_curation_and_the_year_diff(
    live_server: Any,
    transactional_db: Any,
    users: dict[str, Any],
    sasac: Unit,
    seed_data: list[dict[str, Any]],
    password: str,
    browser_page: Any,  # noqa: F811
    built_library: Path,
) -> None:
    page = browser_page
    story = Story(page, live_server.url, password, "library")
    (table, *_rest) = demo.read(demo.SEED)
    last = demo.last_year_of({**data_from_table(table), "year": 2024})
    earlier = workflow.create_table(sasac, actor=users["clerk"], data=last)
    this_year = workflow.create_table(sasac, actor=users["clerk"], data=copy.deepcopy(seed_data[0]))
    assert earlier.pk and this_year.pk

    story.login("clerk")
    story.go(f"/tables/{this_year.pk}/edit/")
    page.click("[data-add-row]")
    row = page.locator("#indicator-rows tbody tr").last
    row.locator("[data-level1]").select_option("满意度指标")
    row.locator("[data-level2]").select_option("服务对象满意度指标")
    row.locator("textarea[name=ind-name]").press_sequentially("群众满意", delay=30)
    page.wait_for_selector("[data-suggest-list]:not([hidden]) .suggestion")
    first = row.locator(".suggestion").first
    assert "受益农户满意度" in first.inner_text() and "中位数 90%" in first.inner_text()
    story.snap("editor-suggestions")
    first.click()
    assert row.locator("textarea[name=ind-name]").input_value() == "受益农户满意度"
    assert row.locator("[name=ind-target]").input_value() == "≥%"
    assert row.locator("[name=ind-target]").get_attribute("placeholder") == "常见 ≥90%"
    assert row.locator("[data-library-badge]").is_visible()
    assert row.locator("[name=ind-basis]").input_value() == "其他标准"  # the basis most used for it
    row.locator("[name=ind-target]").fill("≥92%")
    story.snap("editor-picked")
    page.set_viewport_size({"width": 390, "height": 844})
    row.locator("textarea[name=ind-name]").fill("")
    row.locator("textarea[name=ind-name]").press_sequentially("受益群众满意", delay=30)
    page.wait_for_selector("[data-suggest-list]:not([hidden]) .suggestion")
    assert not row.locator("[data-library-badge]").is_visible()  # the name was changed: no longer the library's
    row.locator("textarea[name=ind-name]").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "library-03-editor-suggestions-390.png"))  # the list is fixed to the screen
    story.shot += 1
    row.locator(".suggestion").first.click()
    page.set_viewport_size({"width": 1440, "height": 900})
    page.click("button:has-text('保存草稿')")
    page.wait_for_selector(".message.success")
    saved = TableRecord.objects.get(pk=this_year.pk).latest.data["indicators"][-1]
    assert (saved["name"], saved["target"], saved["library"]) == (
        "受益农户满意度",
        "≥92%",
        "服务对象满意度指标|全部|服务对象满意度",
    )
    story.go(f"/tables/{this_year.pk}/")
    page.wait_for_selector(".library-mark")
    story.snap("table-marked")
    story.go(f"/tables/{this_year.pk}/years/")
    story.snap("year-diff-unit")
    story.logout()

    story.login("finance")
    story.go(f"/tables/{this_year.pk}/years/")
    assert "名称相近，系统推定为同一指标" in page.content()
    story.snap("year-diff")
    page.set_viewport_size({"width": 390, "height": 844})
    story.snap("year-diff-390")
    page.set_viewport_size({"width": 1440, "height": 900})
    page.click("button:has-text('确认')")
    page.wait_for_selector(".message.success")
    assert "关联已确认" in page.content()
    story.go("/library/?q=满意度")
    story.snap("library")
    page.locator(
        "form:has(input[value='服务对象满意度指标|全部|服务对象满意度']) button:has-text('推荐')"
    ).first.click()
    page.wait_for_selector(".message.success")
    assert "已推荐：服务对象满意度指标|全部|服务对象满意度" in page.content()
    page.set_viewport_size({"width": 390, "height": 844})
    story.snap("library-390")
