"""The editor: no findings on an empty new form; the reviewers' comments beside the indicators they concern; one
explanation per rule on the submit page."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse

from jixiao.web.services import workflow


def test_an_empty_new_form_shows_no_errors(users: dict[str, Any], client_for: Any) -> None:
    page = client_for("clerk").get(reverse("web:table_new")).content.decode()
    assert "还没有填写内容" in page
    assert "sev-error" not in page and "一级指标“”" not in page


def test_the_editor_shows_each_comment_beside_its_indicator(
    draft: Any, users: dict[str, Any], client_for: Any, walk: Any
) -> None:
    walk(draft, "reviewed")
    workflow.return_for_changes(
        draft,
        actor=users["finance"],
        version=1,
        comment="请补充测算依据",
        indicator_comments=[{"index": 2, "name": "利润总额（万元）", "comment": "利润目标低于上年"}],
    )
    page = client_for("clerk").get(reverse("web:table_edit", args=[draft.pk])).content.decode()
    assert "已退回修改</strong> · 财政复审" in page and "请补充测算依据" in page
    rows = re.findall(r'<tr class="edit-row">(.*?)</tr>', page, flags=re.S)
    beside = [i for i, row in enumerate(rows) if "利润目标低于上年" in row]
    names = [re.search(r'name="ind-name"[^>]*>([^<]*)<', row).group(1) for row in rows]  # type: ignore[union-attr]
    assert [names[i] for i in beside] == ["利润总额（万元）"]


def test_the_submit_page_asks_once_per_rule(draft: Any, users: dict[str, Any], client_for: Any) -> None:
    page = client_for("unitlead").get(reverse("web:table_submit", args=[draft.pk])).content.decode()
    boxes = re.findall(r'<textarea name="(explain-[^"]+)"', page)
    assert boxes == ["explain-JX-M003", "explain-JX-R001"]  # JX-R001 flags five indicators, asked once
    assert "说明（适用于上列 5 处）" in page
