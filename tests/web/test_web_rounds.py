"""填报 rounds: 财政 opens one for chosen units; units see it in 待办 with days left; progress per unit, exported."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

import openpyxl
import pytest
from django.urls import reverse

from jixiao.web.models import FilingRound, Unit
from jixiao.web.services import rounds, workflow


def test_finance_opens_a_round_for_chosen_units(users: dict[str, Any], sasac: Unit, client_for: Any) -> None:
    deadline = rounds.today() + datetime.timedelta(days=6)
    response = client_for("finance").post(
        reverse("web:round_new"),
        {
            "kind": "target",
            "year": "2025",
            "deadline": deadline.isoformat(),
            "units": [str(sasac.pk)],
            "note": "请按时",
        },
    )
    opened = FilingRound.objects.get()
    assert response["Location"] == reverse("web:round_detail", args=[opened.pk])
    assert (opened.title, list(opened.units.all())) == ("2025 年度目标申报", [sasac])
    todo = client_for("clerk").get(reverse("web:todo")).content.decode()
    assert "2025 年度目标申报" in todo and "剩 6 天" in todo
    assert "2025 年度目标申报" not in client_for("deptreviewer").get(reverse("web:todo")).content.decode()


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"kind": "target", "year": "2025", "deadline": "2020-01-01"}, "截止日期不能早于今天"),
        ({"kind": "monitor", "year": "2025", "deadline": "2099-06-30"}, "须写明监控期间"),
        ({"kind": "target", "year": "2025", "deadline": "明天"}, "截止日期：须是日期"),
    ],
)
def test_a_round_that_does_not_fit_is_refused(
    post: dict[str, str], message: str, users: dict[str, Any], sasac: Unit, client_for: Any
) -> None:
    response = client_for("finance").post(reverse("web:round_new"), {**post, "units": [str(sasac.pk)]})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not FilingRound.objects.exists()


def test_a_second_open_round_of_the_same_kind_and_year_for_a_unit_is_refused(
    users: dict[str, Any], sasac: Unit, other_unit: Unit, client_for: Any
) -> None:
    """Two open 2024 自评 rounds asking 国资委 would split its reports (an upload goes to the newer one only)."""
    deadline = rounds.today() + datetime.timedelta(days=6)
    post = {"kind": "selfeval", "year": "2024", "deadline": deadline.isoformat(), "units": [str(sasac.pk)]}
    finance = client_for("finance")
    first = finance.post(reverse("web:round_new"), post)
    assert first.status_code == 302
    again = finance.post(reverse("web:round_new"), {**post, "units": [str(sasac.pk), str(other_unit.pk)]})
    assert again.status_code == 400
    told = f"“2024 年度绩效自评”（截止 {deadline:%Y-%m-%d}）尚未结束，已向{sasac.name}下发，不能重复下发"
    assert told in again.content.decode()
    assert FilingRound.objects.count() == 1
    assert finance.post(reverse("web:round_new"), {**post, "units": [str(other_unit.pk)]}).status_code == 302
    assert finance.post(reverse("web:round_new"), {**post, "year": "2025"}).status_code == 302
    watch = {**post, "kind": "monitor", "year": "2024", "period": "1-6月"}
    assert finance.post(reverse("web:round_new"), watch).status_code == 302
    assert finance.post(reverse("web:round_new"), {**watch, "period": "1-9月"}).status_code == 302  # another period
    assert finance.post(reverse("web:round_new"), watch).status_code == 400
    targets = {**post, "kind": "target"}
    assert finance.post(reverse("web:round_new"), targets).status_code == 302
    assert finance.post(reverse("web:round_new"), targets).status_code == 302  # 补报: more tables, no reports to split
    FilingRound.objects.filter(kind="selfeval", year=2024).update(closed=True)
    assert finance.post(reverse("web:round_new"), post).status_code == 302  # the first one is closed
    assert FilingRound.objects.count() == 8


def test_progress_per_unit_with_overdue_marked_and_exported(
    users: dict[str, Any], sasac: Unit, other_unit: Unit, draft: Any, submit: Any, client_for: Any, monkeypatch: Any
) -> None:
    finance_unit = Unit.objects.get(name="自治区财政厅企业处")
    opened = rounds.open_round(
        sasac.department.office,
        actor=users["finance"],
        kind="target",
        year=2024,
        deadline=rounds.today() + datetime.timedelta(days=1),
        units=[sasac, other_unit, finance_unit],
    )
    submit(draft, users["unitlead"])
    workflow.create_table(other_unit, actor=users["admin"], data={"project_name": "担保补助", "year": 2024})
    monkeypatch.setattr(rounds, "today", lambda: opened.deadline + datetime.timedelta(days=2))
    states = {row.unit.name: (row.label, row.tables, row.overdue) for row in rounds.progress(opened)}
    assert states == {
        sasac.name: ("已提交", 1, False),
        other_unit.name: ("草稿", 1, True),
        finance_unit.name: ("未开始", 0, True),
    }
    page = client_for("finance").get(reverse("web:round_detail", args=[opened.pk])).content.decode()
    assert page.count('class="pill bad">逾期') == 2 and "已逾期 2 天" in page
    # 主管部门 sees its own units only
    mine = client_for("deptreviewer").get(reverse("web:round_detail", args=[opened.pk])).content.decode()
    assert sasac.name in mine and other_unit.name not in mine
    book = openpyxl.load_workbook(
        io.BytesIO(client_for("finance").get(reverse("web:round_export", args=[opened.pk, "xlsx"])).content)
    )
    rows = list(book.active.iter_rows(min_row=2, values_only=True))  # type: ignore[union-attr]
    assert rows[0] == ("主管部门", "预算单位", "进度", "目标表数", "是否逾期")
    assert sorted(rows[1:]) == sorted(
        [
            ("自治区国资委", sasac.name, "已提交", 1, None),
            ("自治区财政厅（国有金融资本）", other_unit.name, "草稿", 1, "逾期"),
            ("自治区财政厅（国有金融资本）", finance_unit.name, "未开始", 0, "逾期"),
        ]
    )
    text = client_for("deptreviewer").get(reverse("web:round_export", args=[opened.pk, "csv"])).content
    assert text.startswith("\ufeff".encode())
    assert list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))[1:] == [
        ["主管部门", "预算单位", "进度", "目标表数", "是否逾期"],
        ["自治区国资委", sasac.name, "已提交", "1", ""],
    ]


def test_finance_ends_a_round_and_opens_it_again(
    users: dict[str, Any], sasac: Unit, draft: Any, walk: Any, client_for: Any
) -> None:
    from jixiao.web.models import Notice
    from jixiao.web.services import monitoring, reports

    published = walk(draft, "published")
    deadline = rounds.today() + datetime.timedelta(days=9)
    watching = rounds.open_round(
        sasac.department.office,
        actor=users["finance"],
        kind="monitor",
        year=2024,
        period="1-6月",
        deadline=deadline,
        units=[sasac],
    )
    report = monitoring.get(published, watching, actor=users["clerk"])
    assert "edit" in reports.actions(report, users["clerk"])
    finance = client_for("finance")
    assert client_for("unitlead").post(reverse("web:round_close", args=[watching.pk])).status_code == 403
    answer = finance.post(reverse("web:round_close", args=[watching.pk]), follow=True)
    assert "“2024 年度绩效监控（1-6月）”已结束：未提交的报告不能再修改。" in answer.content.decode()
    assert FilingRound.objects.get(pk=watching.pk).closed
    report.refresh_from_db()
    assert reports.actions(report, users["clerk"]) == frozenset()
    told = Notice.objects.filter(user=users["clerk"], title="填报任务已结束：2024 年度绩效监控（1-6月）")
    assert told.count() == 1
    assert "2024 年度绩效监控" not in client_for("clerk").get(reverse("web:todo")).content.decode()
    listed = finance.get(reverse("web:rounds")).content.decode()
    assert (
        '<span class="pill">已结束</span>' in listed
        and "重新开放" in finance.get(answer.request["PATH_INFO"]).content.decode()
    )
    again = finance.post(reverse("web:round_close", args=[watching.pk]), follow=True)
    assert "已经结束" in again.content.decode()
    twin = rounds.open_round(  # while the first is closed, a new round for the same period may be opened
        sasac.department.office,
        actor=users["finance"],
        kind="monitor",
        year=2024,
        period="1-6月",
        deadline=deadline,
        units=[sasac],
    )
    refused = finance.post(reverse("web:round_reopen", args=[watching.pk]), follow=True).content.decode()
    assert f"尚未结束，已向{sasac.name}下发，不能重复下发" in refused and FilingRound.objects.get(pk=watching.pk).closed
    rounds.close_round(twin, actor=users["finance"])
    reopened = finance.post(reverse("web:round_reopen", args=[watching.pk]), follow=True).content.decode()
    assert "“2024 年度绩效监控（1-6月）”已重新开放。" in reopened and not FilingRound.objects.get(pk=watching.pk).closed
    report.refresh_from_db()
    assert "edit" in reports.actions(report, users["clerk"])
    assert Notice.objects.filter(user=users["clerk"], title="填报任务重新开放：2024 年度绩效监控（1-6月）").count() == 1
