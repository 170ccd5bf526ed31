"""The 评分规则 page: 财政 and the administrator see and change the office's scoring profile; a change is refused
while reports are in review, else the drafts are scored again; a submitted report keeps its profile; audited."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from jixiao.web.models import (
    AuditAction,
    AuditEntry,
    FinanceOffice,
    ReportTally,
    RoundKind,
    RoundReport,
    Status,
    TableRecord,
    Unit,
    reporttallies,
)
from jixiao.web.services import profiles, reports, rounds, selfeval

PAGE = reverse("web:office_profile")


@pytest.fixture
def report(users: dict[str, Any], draft: TableRecord, walk: Any, sasac: Unit) -> RoundReport:
    """A self-evaluation with its budget executed in full and an actual value for every indicator: the budget's
    10 of 10 under the national rules, 20 of 20 under Hubei's."""
    opened = rounds.open_round(
        sasac.department.office,
        actor=users["finance"],
        kind=RoundKind.SELF_EVALUATION,
        year=2024,
        deadline=datetime.date.today() + datetime.timedelta(days=20),
        units=[sasac],
    )
    started = selfeval.get(walk(draft, "published"), opened, actor=users["clerk"])
    data = selfeval.cleaned(started.data, started.version.data)
    data["budget"]["executed"] = data["budget"]["full_year"]
    actuals = ["10户", "10个", "45%", "1", "及时", "114352", "100000", "105%", "2400", "46000", "100%", "95%"]
    for row, actual in zip(data["indicators"], actuals, strict=True):
        row["actual"] = actual
    selfeval.save(started, actor=users["clerk"], data=data, revision=started.revision)
    return RoundReport.objects.get(pk=started.pk)


def budget_weight(report: RoundReport) -> Decimal | None:
    return selfeval.evaluation(RoundReport.objects.get(pk=report.pk)).budget.weight


def test_finance_and_the_administrator_see_the_profile(users: dict[str, Any], client_for: Any) -> None:
    for name in ("finance", "admin"):
        page = client_for(name).get(PAGE).content.decode()
        assert "<b>财政部通用</b>" in page and 'value="sichuan"' in page
    for name in ("clerk", "unitlead", "deptreviewer"):
        assert client_for(name).get(PAGE).status_code == 403


def test_changing_it_scores_the_drafts_again_and_is_audited(
    users: dict[str, Any], report: RoundReport, client_for: Any
) -> None:
    assert (budget_weight(report), report.profile) == (Decimal(10), "")
    before = report.total
    finance = client_for("finance")
    answer = finance.post(PAGE, {"profile": "hubei"}, follow=True)
    assert "评分规则为“湖北”；重新计分 1 份草稿。" in answer.content.decode()
    assert FinanceOffice.objects.get().profile == "hubei"
    assert budget_weight(report) == Decimal(20)  # Hubei weighs budget execution 20
    rescored = RoundReport.objects.get(pk=report.pk)
    assert rescored.total == selfeval.evaluation(rescored).total.quantize(Decimal("0.01"))  # type: ignore[union-attr]
    assert rescored.total != before
    kept = ReportTally.objects.get(round=report.round_id, unit=report.unit_id)  # the 统计 page's grades follow
    assert kept.grades == {rescored.grade: 1} and reporttallies.drift() == []
    entry = AuditEntry.objects.filter(action=AuditAction.PROFILE).get()
    assert (entry.actor, entry.diff) == (
        users["finance"],
        [{"field": "profile", "before": "财政部通用", "after": "湖北"}],
    )
    assert entry.comment == "新疆维吾尔自治区财政厅；重新计分 1 份草稿"
    assert "设置评分规则" in finance.get(PAGE).content.decode()  # the page's trail
    refused = finance.post(PAGE, {"profile": "shanghai"})
    assert refused.status_code == 400 and "没有评分规则“shanghai”" in refused.content.decode()


def test_refused_while_a_report_is_in_review_and_a_submitted_one_keeps_its_profile(
    users: dict[str, Any], report: RoundReport, client_for: Any
) -> None:
    selfeval.submit(report, actor=users["unitlead"], revision=report.revision)
    report.refresh_from_db()
    assert (report.status, report.profile) == (Status.SUBMITTED, "national")
    answer = client_for("admin").post(PAGE, {"profile": "sichuan"})
    assert answer.status_code == 400
    assert "有 1 份监控表或自评表正在审核或待公开" in answer.content.decode()
    assert FinanceOffice.objects.get().profile == "national"
    with pytest.raises(CommandError, match="正在审核或待公开"):
        call_command("set_profile", "sichuan")
    # approved by both reviewers and published: the office may change its rules, the published scores stay
    reports.decide(report, actor=users["deptreviewer"], outcome="approved", revision=report.revision)
    report.refresh_from_db()
    reports.decide(report, actor=users["finance"], outcome="approved", revision=report.revision)
    report.refresh_from_db()
    with pytest.raises(profiles.ProfileRefused):  # approved, waiting to be published: still in review
        profiles.change(FinanceOffice.objects.get(), "hubei", actor=users["finance"])
    reports.publish(report, actor=users["finance"], revision=report.revision)
    published_total = RoundReport.objects.get(pk=report.pk).total
    out = io.StringIO()
    call_command("set_profile", "hubei", stdout=out)
    assert out.getvalue().strip() == "新疆维吾尔自治区财政厅的评分规则：湖北（重新计分 0 份草稿）"
    assert budget_weight(report) == Decimal(10)  # scored under the national rules it was submitted under
    assert (
        selfeval.evaluation(RoundReport.objects.get(pk=report.pk)).total.quantize(  # type: ignore[union-attr]
            Decimal("0.01")
        )
        == published_total
    )
    entry = AuditEntry.objects.filter(action=AuditAction.PROFILE).get()
    assert (entry.actor, entry.actor_name) == (None, "命令行（manage.py）")
    assert entry.comment == "新疆维吾尔自治区财政厅；重新计分 0 份草稿（manage.py set_profile）"
