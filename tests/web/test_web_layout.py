"""The official layout on pages is the core's (jixiao.io.writers.layout), with each cell's findings marked."""

from __future__ import annotations

import copy
from typing import Any

from django.urls import reverse

from jixiao import fields
from jixiao.io.writers.layout import table_layout
from jixiao.web import layout
from jixiao.web.services.findings import review_data


def cell(sheet: layout.OfficialTable, indicator: int, name: str) -> layout.PageCell:
    return next(c for c in sheet.indicators[indicator].cells if c.cell.field == name)


def test_the_page_shows_the_cells_the_writers_write(seed_data: list[dict[str, Any]]) -> None:
    result = review_data(seed_data[0])
    sheet = layout.official(result)
    written = table_layout(result.table)
    shown = [c.cell for row in (*sheet.header, layout.PageRow(sheet.head), *sheet.indicators) for c in row.cells]
    assert shown == [c for c in written.cells() if c.style not in ("title", "subtitle")]
    assert (sheet.title, sheet.subtitle) == ("项目支出绩效目标表", "（2024年度）")
    assert [c.cell.text for c in sheet.head] == [column.label for column in fields.INDICATOR]
    assert [(c.cell.text, c.cell.rowspan) for c in sheet.indicators[0].cells[:3]] == [
        ("产出指标", 5),
        ("数量指标", 2),
        ("指标1：支持国有企业户数", 1),
    ]
    assert len(sheet.widths) == 9 and sheet.widths[2] == "20.3"  # 三级指标: 28 of 138 width units


def test_each_cell_is_marked_with_its_worst_finding(seed_data: list[dict[str, Any]]) -> None:
    data = copy.deepcopy(seed_data[0])
    data["indicators"][0]["target"] = ""  # JX-C005, an error
    data["indicators"][1]["weight"] = "待定"  # not a number: the table cannot be built from it
    sheet = layout.official(review_data(data))
    assert cell(sheet, 0, "target").css == "data error"
    assert cell(sheet, 1, "weight").css == "number error"
    assert cell(sheet, 3, "target").css == "data warning"  # JX-M003: 1 where 100% is meant
    assert cell(sheet, 5, "prior").css == "data info"  # JX-R004
    assert cell(sheet, 0, "basis").css == "data"
    assert cell(sheet, 0, "name").css == "data c-name"
    assert [f.code for f, _key in sheet.indicators[0].findings] == ["JX-C005"]
    assert [p.message for p in sheet.indicators[1].problems] == ["“待定”不是数字"]
    assert sheet.findings == [] and sheet.problems == []


def test_findings_about_the_whole_table_are_listed_above_the_indicators(seed_data: list[dict[str, Any]]) -> None:
    sheet = layout.official(review_data(seed_data[1]))
    assert [(f.code, f.location.field) for f, _key in sheet.findings] == [("JX-C003", "level1")]
    assert all(not row.findings or row.name for row in sheet.indicators)


def test_reviewer_comments_follow_their_indicator(seed_data: list[dict[str, Any]]) -> None:
    result = review_data(seed_data[0])
    comments = [
        {"index": 0, "name": "支持国有企业户数", "comment": "户数低于上年"},
        {"index": 0, "name": "项目完工进度（%）", "comment": "该行已上移"},  # the rows moved since: found by name
        {"index": 99, "name": "已删除的指标", "comment": "不再显示"},
    ]
    sheet = layout.official(result, comments)
    assert sheet.indicators[0].comments == ["户数低于上年"]
    assert sheet.indicators[2].comments == ["该行已上移"]
    assert sum(len(row.comments) for row in sheet.indicators) == 2


def test_the_review_page_shows_the_indicator_columns_by_their_labels(
    draft: Any, users: dict[str, Any], client_for: Any, submit: Any
) -> None:
    submit(draft, users["unitlead"])
    html = client_for("deptreviewer").get(reverse("web:table_review", args=[draft.pk])).content.decode()
    head = "".join(f'<th class="head">{column.label}</th>' for column in fields.INDICATOR)
    assert f"<thead><tr>{head}<th" in html
    assert 'name="comment-11"' in html and 'name="comment-12"' not in html  # one box per indicator
