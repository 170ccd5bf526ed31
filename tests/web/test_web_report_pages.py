"""The pages of monitoring and self-evaluation: the unit's form and its live panel, review, the round's lights,
the public page with the self-evaluation beside the targets."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from jixiao.cells import decimal_text
from jixiao.web.models import RoundKind, RoundReport, Status, TableRecord, Unit
from jixiao.web.services import reports, rounds, selfeval


def opened(users: dict[str, Any], unit: Unit, kind: str) -> Any:
    return rounds.open_round(
        unit.department.office,
        actor=users["finance"],
        kind=kind,
        year=2024,
        period="1-6月" if kind == RoundKind.MONITORING else "",
        deadline=datetime.date.today() + datetime.timedelta(days=20),
        units=[unit],
    )


@pytest.fixture
def published(draft: TableRecord, walk: Any) -> TableRecord:
    return walk(draft, "published")


def test_the_unit_reports_with_live_lights_and_a_red_light_blocks(
    users: dict[str, Any], published: TableRecord, sasac: Unit, client_for: Any
) -> None:
    filing_round = opened(users, sasac, RoundKind.MONITORING)
    clerk, lead = client_for("clerk"), client_for("unitlead")
    page = clerk.get(reverse("web:round_detail", args=[filing_round.pk])).content.decode()
    assert "开始填报" in page and "国有资本经营预算项目" in page
    started = clerk.post(reverse("web:report_start", args=[filing_round.pk, published.pk]))
    report = RoundReport.objects.get()
    assert started["Location"] == reverse("web:report_edit", args=[report.pk])
    form = clerk.get(started["Location"]).content.decode()
    assert "1-6月完成值" in form and "完成目标可能性" in form
    live = clerk.post(reverse("web:report_live", args=[report.pk]), {"budget-executed": "20000"}).content.decode()
    assert "红灯" in live and "17.49%" in live and "预算执行为红灯" in live
    report.refresh_from_db()
    assert report.revision == 1  # the live panel saves nothing
    refused = lead.post(
        reverse("web:report_edit", args=[report.pk]),
        {"revision": "1", "budget-executed": "20000", "then": "submit"},
        follow=True,
    )
    assert "预算执行为红灯" in refused.content.decode()
    report.refresh_from_db()
    assert (report.status, report.revision, report.budget_light) == (Status.DRAFT, 2, "red")
    lead.post(
        reverse("web:report_edit", args=[report.pk]),
        {"revision": "2", "budget-reason": "下半年集中拨付", "then": "submit"},
    )
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED and report.data["budget"]["executed"] == "20000"
    lights = client_for("finance").get(reverse("web:round_reports", args=[filing_round.pk])).content.decode()
    assert "红灯" in lights and "国有资本经营预算项目" in lights
    todo = client_for("deptreviewer").get(reverse("web:todo")).content.decode()
    assert "监控与自评报告" in todo and "主管部门初审中" in todo
    client_for("deptreviewer").post(
        reverse("web:report_decide", args=[report.pk]), {"decision": "approved", "revision": str(report.revision)}
    )
    report.refresh_from_db()
    assert reports.current(report).name == "财政复审"


def test_an_override_is_flagged_to_reviewers_and_the_public_sees_the_self_evaluation(
    users: dict[str, Any], published: TableRecord, sasac: Unit, client_for: Any
) -> None:
    filing_round = opened(users, sasac, RoundKind.SELF_EVALUATION)
    report = selfeval.get(published, filing_round, actor=users["clerk"])
    data = selfeval.cleaned(report.data, report.version.data)
    data["budget"]["executed"] = "114352"
    for row in data["indicators"]:
        row["actual"] = "100%" if "%" in row["name"] else "10"
    data["indicators"][0].update(actual="5户", score="8", reason="另有 5 户已批复")
    selfeval.save(report, actor=users["clerk"], data=data, revision=report.revision)
    report.refresh_from_db()
    selfeval.submit(report, actor=users["unitlead"], revision=report.revision)
    page = client_for("deptreviewer").get(reverse("web:report_detail", args=[report.pk])).content.decode()
    assert "单位手工改分 1 处" in page and "另有 5 户已批复" in page and "JX-S" in page
    assert "审核通过" in page  # the decision form
    for who in ("deptreviewer", "finance"):
        report.refresh_from_db()
        reports.decide(report, actor=users[who], outcome="approved", revision=report.revision)
    report.refresh_from_db()
    client_for("finance").post(reverse("web:report_publish", args=[report.pk]), {"revision": str(report.revision)})
    report.refresh_from_db()
    assert report.status == Status.PUBLISHED
    public = client_for(None).get(reverse("web:public_detail", args=[published.pk])).content.decode()
    assert "2024 年度绩效自评：自评结果" in public and "自评总分" in public and "5户" in public
    first = selfeval.evaluation(report).rows[0]
    assert (first.final, first.override) == (Decimal(8), Decimal(8)) and first.scored.score != Decimal(8)
    computed = f"计算得分 {decimal_text(first.scored.score)}" if first.scored.score is not None else "计算得分 —"
    row = public[public.index("<td>5户</td>") :].split("</tr>")[0]
    assert "单位改分" in row and computed in row
    assert public.count("单位改分</span>") == 1  # the other indicators and the budget are jixiao's scores
