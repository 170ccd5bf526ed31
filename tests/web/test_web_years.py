"""跨年度 in the web: a table against last year's table of its project, the JX-Y rules in the review with last
year's 自评表 filed in its round, and a reviewer's link decisions (tests/data/years: 2023 → 2024)."""

from __future__ import annotations

import copy
import datetime
from typing import Any

import pytest
from django.urls import reverse

from jixiao.reading import read
from jixiao.web.models import AuditAction, AuditEntry, IndicatorLink, RoundKind, TableRecord, Unit
from jixiao.web.services import filing, rounds, workflow, years
from jixiao.web.services.findings import review_data
from jixiao.web.services.tabledata import data_from_table
from jixiao.years.history import documents
from testdata import DATA

YEARS = DATA / "years"
SELF_2023, TARGET_2024 = YEARS / "2023_自评表.tsv", YEARS / "2024_目标表.tsv"


@pytest.fixture
def project(users: dict[str, Any], sasac: Unit) -> TableRecord:
    """The 国资委 unit's project over two years: 2023 (the targets its 自评表 repeats; the review finds errors in
    them, so it never got past a draft) with that 自评表 filed in the 2023 绩效自评 round, and 2024 as a draft."""
    (selfeval,) = documents(SELF_2023)
    workflow.create_table(sasac, actor=users["clerk"], data={**data_from_table(selfeval.table), "year": 2023})
    rounds.open_round(sasac.department.office, actor=users["finance"], kind=RoundKind.SELF_EVALUATION, year=2023,
                      deadline=rounds.today() + datetime.timedelta(days=5), units=[sasac])  # fmt: skip
    filing.receive(sasac, actor=users["unitlead"], name="2023_自评表.tsv", content=SELF_2023.read_bytes())
    (table,) = read(TARGET_2024)
    return workflow.create_table(sasac, actor=users["clerk"], data={**data_from_table(table), "year": 2024})


def changes(record: TableRecord) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in years.compare_with_last_year(record).lines:
        found.setdefault(line.change.value, []).append(line.name)
    return found


def test_the_year_diff_of_a_table_lists_exactly_the_changed_indicators(project: TableRecord) -> None:
    assert changes(project) == {
        "loosened": ["危房改造户数"],
        "unchanged": ["竣工验收合格率", "当年开工率"],
        "added": ["资金拨付及时率", "农村低收入群体住房安全保障率"],
        "tightened": ["受益群众满意度"],
        "removed": ["住房安全有保障"],
    }


def test_the_web_review_runs_the_cross_year_rules_with_last_years_selfeval(project: TableRecord) -> None:
    result = review_data(project.latest.data, project.unit)
    found = {(f.code, f.location.indicator) for f in result.report.findings if f.code.startswith("JX-Y")}
    assert found == {("JX-Y001", "危房改造户数"), ("JX-Y001", "当年开工率")}
    lowered = next(f for f in result.report.findings if f.location.indicator == "危房改造户数" and f.code == "JX-Y001")
    assert "低于2023年自评的实际完成值“2850户”" in lowered.message
    # without its unit (an import preview) the table has no history
    assert not [f for f in review_data(project.latest.data).report.findings if f.code.startswith("JX-Y")]
    project.refresh_from_db()
    assert project.warning_count == len(result.warnings)  # the list counts them too


def test_the_year_page_shows_the_diff_and_the_proposed_link(project: TableRecord, client_for: Any) -> None:
    page = client_for("deptreviewer").get(reverse("web:table_years", args=[project.pk])).content.decode()
    assert "2023 年《" in page and "（未公开，按最新版本）" in page
    assert "≥3000户" in page and "≥2800户" in page
    assert "名称相近，系统推定为同一指标" in page  # 受益农户满意度 → 受益群众满意度
    assert "JX-Y001" in page and "指标值低于上年自评实际完成值" in page
    clerk = client_for("clerk").get(reverse("web:table_years", args=[project.pk])).content.decode()
    assert "危房改造户数" in clerk and "断开</button>" not in clerk  # the unit sees the diff, reviewers decide


def test_a_reviewer_breaks_and_accepts_links_audited_and_used_by_the_rules(
    project: TableRecord, client_for: Any
) -> None:
    reviewer = client_for("deptreviewer")
    url = reverse("web:table_link", args=[project.pk])
    answer = reviewer.post(url, {"earlier": "危房改造户数", "later": "危房改造户数", "decision": "break"})
    assert answer.status_code == 302
    link = IndicatorLink.objects.get()
    decided = (link.earlier_year, link.later_year, link.accepted, link.decided_by.username)
    assert decided == (2023, 2024, False, "deptreviewer")
    entry = AuditEntry.objects.filter(table=project).order_by("-sequence").first()
    assert entry is not None and entry.action == AuditAction.LINK
    assert entry.diff == [{"field": "link", "indicator": "危房改造户数", "before": "危房改造户数", "after": "断开关联"}]
    assert changes(project)["removed"] == ["危房改造户数", "住房安全有保障"]
    codes = {(f.code, f.location.indicator) for f in review_data(project.latest.data, project.unit).report.findings}
    assert ("JX-Y001", "危房改造户数") not in codes and ("JX-Y001", "当年开工率") in codes
    # a link the names do not suggest, accepted by hand
    reviewer.post(url, {"earlier": "住房安全有保障", "later": "农村低收入群体住房安全保障率", "decision": "accept"})
    assert "changed" in changes(project) and changes(project)["changed"] == ["农村低收入群体住房安全保障率"]
    page = reviewer.get(reverse("web:table_years", args=[project.pk])).content.decode()
    assert "关联已确认" in page
    # a name that is not in the table is refused with a message, nothing stored
    answer = reviewer.post(url, {"earlier": "不存在的指标", "later": "危房改造户数", "decision": "accept"}, follow=True)
    assert "上年的目标表中没有指标“不存在的指标”" in answer.content.decode()
    assert IndicatorLink.objects.count() == 2


def test_a_table_without_last_years_table_lists_every_indicator_as_new(
    draft: TableRecord, users: dict[str, Any], client_for: Any
) -> None:
    compared = years.compare_with_last_year(draft)
    assert compared.earlier_record is None
    assert {line.change.value for line in compared.lines} == {"added"}
    assert len(compared.lines) == len(draft.latest.data["indicators"])
    page = client_for("clerk").get(reverse("web:table_years", args=[draft.pk])).content.decode()
    assert "本单位没有这个项目 2023 年的目标表" in page
    with pytest.raises(years.LinkRefused, match="没有上年的目标表"):
        years.decide_link(draft, actor=users["finance"], earlier="a", later="b", accept=True)


def test_last_years_selfeval_made_in_the_web_gives_the_actuals(
    users: dict[str, Any], sasac: Unit, seed_data: list[dict[str, Any]], walk: Any
) -> None:
    """2023's table of the seed project published and self-evaluated in the web: 2024's ≥2400 人次 of 解决就业 is
    below the 2600 done in 2023."""
    from jixiao.web.services import demo, selfeval

    last = workflow.create_table(sasac, actor=users["clerk"], data=demo.last_year_of(seed_data[0]))
    walk(last, "published")
    deadline = rounds.today() + datetime.timedelta(days=5)
    evaluated = rounds.open_round(sasac.department.office, actor=users["finance"], kind=RoundKind.SELF_EVALUATION,
                                  year=2023, deadline=deadline, units=[sasac])  # fmt: skip
    report = selfeval.get(last, evaluated, actor=users["unitlead"])
    actuals = {"解决就业（人次）": "2600", "按时下达预算批复": "按时下达"}
    entries = [{"actual": actuals.get(row["name"], row["target"].lstrip("≥≤≦")),
                "judgement": "达成" if row["name"] == "按时下达预算批复" else ""}
               for row in report.version.data["indicators"]]  # fmt: skip
    data = {"budget": {"full_year": "114352", "executed": "110000"}, "indicators": entries}
    selfeval.save(report, actor=users["unitlead"], data=data, revision=report.revision)
    report.refresh_from_db()
    this_year = workflow.create_table(sasac, actor=users["clerk"], data=copy.deepcopy(seed_data[0]))
    # a draft 自评 is not yet the unit's word
    assert not [f for f in review_data(this_year.latest.data, sasac).report.findings if f.code == "JX-Y001"]
    selfeval.submit(report, actor=users["unitlead"], revision=report.revision)
    found = [f for f in review_data(this_year.latest.data, sasac).report.findings if f.code == "JX-Y001"]
    assert [f.location.indicator for f in found] == ["解决就业（人次）"]
    assert "低于2023年自评的实际完成值“2600”" in found[0].message
