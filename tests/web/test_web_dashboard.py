"""统计: the numbers of every chart (per department, per unit, per rule), their table views and xlsx downloads, the
per-rule counts kept with each table, the scope of each role, and a query count that does not grow with the tables."""

from __future__ import annotations

import copy
import datetime
import io
import json
import re
from collections import Counter
from typing import Any

import openpyxl
import pytest
from django.apps import apps
from django.db import connection
from django.db.models import Count, Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jixiao.scoring.monitor import Light
from jixiao.web.models import (
    Department,
    FindingCount,
    ReportTally,
    RoundKind,
    RoundReport,
    RuleTally,
    TableRecord,
    Unit,
    reporttallies,
)
from jixiao.web.services import dashboard, demo, monitoring, reports, rounds, selfeval, tablecopies, workflow
from jixiao.web.services.findings import review_data

FINANCE_DEPARTMENT = "自治区财政厅（国有金融资本）"
SASAC_DEPARTMENT = "自治区国资委"


@pytest.fixture
def seeded(users: dict[str, Any]) -> list[TableRecord]:
    """The demo: six 2024 tables in both departments, in a spread of states, and a 目标申报 round for every unit."""
    records = demo.load_seed_tables()
    rounds.open_round(
        Department.objects.first().office,  # type: ignore[union-attr]
        actor=users["finance"],
        kind=RoundKind.TARGETS,
        year=2024,
        deadline=datetime.date.today() + datetime.timedelta(days=7),
        units=Unit.objects.all(),
    )
    return records


def reviewed_counts(records: list[TableRecord]) -> Counter[str]:
    """Findings per rule, reviewing every table's latest version again (what the stored counts must equal)."""
    found: Counter[str] = Counter()
    for record in records:
        found.update(f.code for f in review_data(record.latest.data).report.findings)
    return found


def tallied() -> dict[tuple[int, int, str], tuple[int, int]]:
    """The kept sums per (year, unit, rule) that count some table: (findings, tables)."""
    kept = RuleTally.objects.filter(tables__gt=0).values_list("year", "unit_id", "code", "findings", "tables")
    return {(y, u, c): (n, t) for y, u, c, n, t in kept}


def summed() -> dict[tuple[int, int, str], tuple[int, int]]:
    """The same sums made from every table's counts."""
    rows = FindingCount.objects.values("year", "unit_id", "code").annotate(n=Sum("count"), t=Count("id"))
    return {(r["year"], r["unit_id"], r["code"]): (r["n"], r["t"]) for r in rows.order_by()}


def chart(charts: list[dashboard.Chart], key: str) -> dashboard.Chart:
    return next(c for c in charts if c.key == key)


def series(found: dashboard.Chart) -> dict[str, dict[str, int]]:
    """series name → category → value."""
    return {s.name: dict(zip(found.categories, s.values, strict=True)) for s in found.series}


def test_each_table_keeps_its_counts_per_rule(draft: TableRecord, users: dict[str, Any]) -> None:
    stored = dict(FindingCount.objects.filter(record=draft).values_list("code", "count"))
    assert stored == dict(reviewed_counts([draft])) and stored["JX-R001"] == 5
    data = copy.deepcopy(draft.latest.data)
    data["indicators"] = data["indicators"][:1]  # the other indicators, and their findings, are gone
    workflow.save_draft(draft, actor=users["clerk"], data=data, revision=draft.latest.revision)
    after = dict(FindingCount.objects.filter(record=draft).values_list("code", "count"))
    assert after == dict(reviewed_counts([draft])) and after != stored
    assert tallied() == summed() and (2024, draft.unit_id, "JX-R001") not in tallied()
    assert tallied()[(2024, draft.unit_id, "JX-C003")] == (after["JX-C003"], 1)
    severities = set(FindingCount.objects.filter(record=draft, code="JX-C003").values_list("severity", flat=True))
    assert severities == {"error"}


def test_the_migration_gives_each_count_its_tables_unit_and_year(draft: TableRecord, users: dict[str, Any]) -> None:
    import importlib

    migration = importlib.import_module("jixiao.web.migrations.0015_finding_counts_unit_year")
    deleted = workflow.create_table(draft.unit, actor=users["clerk"], data=copy.deepcopy(draft.latest.data))
    FindingCount.objects.filter(record=draft).update(year=1999)
    TableRecord.objects.filter(pk=deleted.pk).update(deleted_at=datetime.datetime.now(datetime.UTC))
    migration.copy_unit_and_year(apps, None)
    assert set(FindingCount.objects.filter(record=draft).values_list("unit_id", "year")) == {(draft.unit_id, 2024)}
    assert not FindingCount.objects.filter(record=deleted).exists()


def test_a_deleted_draft_is_counted_nowhere(draft: TableRecord, users: dict[str, Any]) -> None:
    other = workflow.create_table(draft.unit, actor=users["clerk"], data=copy.deepcopy(draft.latest.data))
    assert tallied() == summed() and tallied()[(2024, draft.unit_id, "JX-R001")] == (10, 2)
    assert FindingCount.objects.filter(record=draft).exists()
    workflow.delete_draft(draft, actor=users["clerk"])
    assert not FindingCount.objects.filter(record=draft).exists()
    assert tallied() == summed() and tallied()[(2024, draft.unit_id, "JX-R001")] == (5, 1)
    workflow.delete_draft(other, actor=users["clerk"])
    assert tallied() == summed() == {}


def test_finance_counts_per_department(seeded: list[TableRecord], users: dict[str, Any]) -> None:
    scope = dashboard.scope_for(users["finance"])
    assert scope.year == 2024 and [g.name for g in scope.groups] == [SASAC_DEPARTMENT, FINANCE_DEPARTMENT]
    filing_round = dashboard.rounds_of(users["finance"], 2024).first()
    charts = dashboard.charts(scope, filing_round)

    progress = series(chart(charts, "progress"))
    # the 国资委 unit's two tables: its least advanced one is a draft; the other department's four units
    assert progress["草稿"] == {FINANCE_DEPARTMENT: 1, SASAC_DEPARTMENT: 1}
    assert progress["退回修改"] == {FINANCE_DEPARTMENT: 1, SASAC_DEPARTMENT: 0}
    assert progress["审核通过"] == {FINANCE_DEPARTMENT: 2, SASAC_DEPARTMENT: 0}
    assert sum(progress["未开始"].values()) == 0 and sum(sum(v.values()) for v in progress.values()) == 5

    groups = series(chart(charts, "groups"))
    for department in (FINANCE_DEPARTMENT, SASAC_DEPARTMENT):
        mine = [r for r in TableRecord.objects.filter(unit__department__name=department)]
        assert groups["错误"][department] == sum(r.error_count for r in mine)
        assert groups["警告"][department] == sum(r.warning_count for r in mine)
        assert groups["目标表"][department] == len(mine)
    assert groups["目标表"] == {FINANCE_DEPARTMENT: 4, SASAC_DEPARTMENT: 2}
    assert groups["警告"] == {FINANCE_DEPARTMENT: 18, SASAC_DEPARTMENT: 8}

    rules = chart(charts, "rules")
    expected = reviewed_counts(seeded)
    by_rule = dict(zip(rules.categories, rules.series[0].values, strict=True))
    assert by_rule == {dashboard.rule_title(code): n for code, n in expected.most_common(dashboard.TOP_RULES)}
    assert rules.categories[0] == "JX-R001 正向指标值低于上年完成值" and rules.series[0].values[0] == 19
    assert rules.series[1].values[0] == 4  # in four tables

    where = series(chart(charts, "rule_groups"))
    assert where["JX-R001"] == {FINANCE_DEPARTMENT: 14, SASAC_DEPARTMENT: 5}


def test_a_department_sees_its_units_side_by_side(seeded: list[TableRecord], users: dict[str, Any]) -> None:
    own = dashboard.scope_for(users["deptreviewer"])
    assert own.by_unit and [g.name for g in own.groups] == [demo.SASAC]
    groups = series(dashboard.findings_by_group(own))
    assert groups["目标表"] == {demo.SASAC: 2}

    other = Department.objects.get(name=FINANCE_DEPARTMENT)
    picked = dashboard.scope_for(users["finance"], department=other)
    units = series(dashboard.findings_by_group(picked))["警告"]
    assert units == {
        unit.name: sum(r.warning_count for r in TableRecord.objects.filter(unit=unit)) for unit in other.units.all()
    }
    assert len(units) == 4


def test_the_page_shows_each_chart_with_its_table(seeded: list[TableRecord], client_for: Any) -> None:
    response = client_for("finance").get(reverse("web:dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    options = [
        json.loads(value.replace("&quot;", '"')) for value in re.findall(r'data-dashboard-chart="([^"]+)"', html)
    ]
    assert len(options) == 4
    rules = options[2]
    assert rules["categories"][0] == "JX-R001 正向指标值低于上年完成值" and rules["series"][0]["values"][0] == 19
    assert '<th scope="row">JX-R001 正向指标值低于上年完成值</th><td>19</td><td>4</td>' in html
    assert 'href="/dashboard/rules.xlsx?year=2024&amp;round=' in html


def test_a_chart_downloads_as_xlsx(seeded: list[TableRecord], client_for: Any) -> None:
    response = client_for("finance").get(reverse("web:dashboard_export", args=["groups"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["审核意见：各主管部门", None, None, None]
    assert rows[2] == ["主管部门", "错误", "警告", "目标表"]
    assert rows[3][0] == SASAC_DEPARTMENT and rows[3][2:] == [8, 2]
    assert rows[4][0] == FINANCE_DEPARTMENT and rows[4][2:] == [18, 4]
    assert rows[5][0] == "合计" and rows[5][2:] == [26, 6]


def test_the_rules_xlsx_does_not_add_up_tables_counted_under_several_rules(
    seeded: list[TableRecord], client_for: Any
) -> None:
    """A table is counted once per rule it breaks: the 涉及目标表 column has no 合计, the 意见条数 column has."""
    response = client_for("finance").get(reverse("web:dashboard_export", args=["rules"]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[2] == ["规则", "意见条数", "涉及目标表"]
    body, last = rows[3:-1], rows[-1]
    assert body[0] == ["JX-R001 正向指标值低于上年完成值", 19, 4]
    assert sum(row[2] for row in body) > len(seeded)  # what the 合计 used to say
    assert last == ["合计", sum(row[1] for row in body), None]


def test_the_department_and_round_must_be_in_scope(seeded: list[TableRecord], client_for: Any) -> None:
    other = Department.objects.get(name=FINANCE_DEPARTMENT)
    assert client_for("finance").get(reverse("web:dashboard"), {"department": other.pk}).status_code == 200
    assert client_for("deptreviewer").get(reverse("web:dashboard"), {"department": other.pk}).status_code == 404
    assert client_for("finance").get(reverse("web:dashboard"), {"round": 999999}).status_code == 404
    assert client_for("finance").get(reverse("web:dashboard_export", args=["nothing"])).status_code == 404
    refused = client_for("finance").get(reverse("web:dashboard"), {"year": "abc"})
    assert refused.status_code == 400 and "年度" in refused.content.decode()


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_queries_do_not_grow_with_the_tables(
    seeded: list[TableRecord], users: dict[str, Any], seed_data: list[dict[str, Any]], client_for: Any
) -> None:
    client = client_for("finance")
    url = reverse("web:dashboard")
    export = reverse("web:dashboard_export", args=["rule_groups"])
    before, before_export = _queries(client, url), _queries(client, export)
    units = list(Unit.objects.all())
    for index in range(12):  # twelve more tables, in every unit
        workflow.create_table(units[index % len(units)], actor=users["admin"], data=copy.deepcopy(seed_data[index % 6]))
    assert _queries(client, url) == before
    assert _queries(client, export) == before_export
    assert TableRecord.objects.count() == 18


def _open(users: dict[str, Any], unit: Unit, kind: str, period: str = "") -> Any:
    return rounds.open_round(
        unit.department.office,
        actor=users["finance"],
        kind=kind,
        year=2024,
        period=period,
        deadline=datetime.date.today() + datetime.timedelta(days=20),
        units=[unit],
    )


@pytest.fixture
def reported(
    users: dict[str, Any], draft: TableRecord, walk: Any, sasac: Unit, clean_data: dict[str, Any]
) -> dict[str, list[RoundReport]]:
    """Two published tables of the 国资委 unit, each with a monitoring report (the first with two red lights) and a
    published self-evaluation (the first with a score changed by hand, against the rules)."""
    tables = [
        walk(draft, "published"),
        walk(workflow.create_table(sasac, actor=users["clerk"], data=copy.deepcopy(clean_data)), "published"),
    ]
    watching = _open(users, sasac, RoundKind.MONITORING, "1-6月")
    monitored = []
    for index, record in enumerate(tables):
        report = monitoring.get(record, watching, actor=users["clerk"])
        data = monitoring.empty_data(report.version.data)
        for row in data["indicators"]:
            row["likelihood"] = "确定能"
        if index == 0:  # 20000 of 114352 by June: the budget is red; 100 of ≥2400 人次 by June: red
            data["budget"].update(executed="20000", reason="集中在下半年拨付")
            data["indicators"][8].update(to_date="100", likelihood="", reason="招聘延后")
        monitoring.save(report, actor=users["clerk"], data=data, revision=report.revision)
        report.refresh_from_db()
        monitored.append(report)
    evaluating = _open(users, sasac, RoundKind.SELF_EVALUATION)
    evaluated = []
    for index, record in enumerate(tables):
        report = selfeval.get(record, evaluating, actor=users["clerk"])
        data = selfeval.empty_data(report.version.data)
        data["budget"]["executed"] = data["budget"]["full_year"]
        for row, indicator in zip(data["indicators"], report.version.data["indicators"], strict=True):
            row["actual"] = indicator.get("target", "")
        if index == 0:
            data["indicators"][0].update(score="1", reason="自行酌减")
        selfeval.save(report, actor=users["clerk"], data=data, revision=report.revision)
        for actor, step in (("unitlead", "submit"), ("deptreviewer", "approve"), ("finance", "approve")):
            report.refresh_from_db()
            if step == "submit":
                selfeval.submit(report, actor=users[actor], revision=report.revision)
            else:
                reports.decide(report, actor=users[actor], outcome="approved", revision=report.revision)
        report.refresh_from_db()
        reports.publish(report, actor=users["finance"], revision=report.revision)
        report.refresh_from_db()
        evaluated.append(report)
    return {"monitoring": monitored, "selfeval": evaluated}


def test_monitoring_lights_per_department(reported: dict[str, list[RoundReport]], users: dict[str, Any]) -> None:
    scope = dashboard.scope_for(users["finance"])
    charts = dashboard.charts(scope, None, dashboard.rounds_of(users["finance"], 2024))
    lights = series(chart(charts, "lights"))
    results = [monitoring.evaluation(report) for report in reported["monitoring"]]
    for name, light in (("红灯", Light.RED), ("黄灯", Light.YELLOW), ("绿灯", Light.GREEN)):
        assert lights[name] == {SASAC_DEPARTMENT: sum(result.count(light) for result in results)}
    assert lights["红灯"] == {SASAC_DEPARTMENT: 2}
    assert "2 份监控报告" in chart(charts, "lights").note


def test_grades_and_published_scores_that_break_the_rules(
    reported: dict[str, list[RoundReport]], users: dict[str, Any], client_for: Any
) -> None:
    first, second = reported["selfeval"]
    assert first.status == second.status == "published"
    assert first.warning_count + first.error_count > 0 and second.warning_count + second.error_count == 0
    scope = dashboard.scope_for(users["deptreviewer"])
    charts = dashboard.charts(scope, None, dashboard.rounds_of(users["deptreviewer"], 2024))
    grades = series(chart(charts, "grades"))
    expected = Counter(selfeval.evaluation(report).grade for report in reported["selfeval"])
    assert {name: by_unit[demo.SASAC] for name, by_unit in grades.items()} == dict(expected)
    breaking = chart(charts, "breaking")
    assert series(breaking) == {"得分不合规则": {demo.SASAC: 1}, "得分合规": {demo.SASAC: 1}}
    assert "已公开 2 张自评表，其中 1 张（50%）" in breaking.note
    html = client_for("deptreviewer").get(reverse("web:dashboard")).content.decode()
    assert "已公开 2 张自评表，其中 1 张（50%）" in html and "绩效监控亮灯" in html


def _joined_lights(filing_round: Any) -> dict[str, dict[str, int]]:
    """The lights per department counted the long way, through each report's table (its unit, not deleted)."""
    rows = (
        RoundReport.objects.filter(round=filing_round, record__deleted_at__isnull=True)
        .values("record__unit__department__name")
        .annotate(red=Sum("red_count"), yellow=Sum("yellow_count"), green=Sum("green_count"))
    )
    return {
        label: {r["record__unit__department__name"]: r[light] for r in rows if r[light]}
        for light, label in (("red", "红灯"), ("yellow", "黄灯"), ("green", "绿灯"))
    }


def _lights(users: dict[str, Any]) -> dict[str, dict[str, int]]:
    scope = dashboard.scope_for(users["finance"])
    found = series(chart(dashboard.charts(scope, None, dashboard.rounds_of(users["finance"], 2024)), "lights"))
    return {name: {group: n for group, n in by_group.items() if n} for name, by_group in found.items()}


def test_the_report_charts_count_each_report_in_its_tables_unit_as_it_moves_and_is_deleted(
    reported: dict[str, list[RoundReport]], users: dict[str, Any], sasac: Unit
) -> None:
    first, second = reported["monitoring"]
    assert first.unit_id == second.unit_id == sasac.pk and not first.table_deleted
    assert _lights(users) == _joined_lights(first.round)
    assert _lights(users)["红灯"] == {SASAC_DEPARTMENT: first.red_count + second.red_count} == {SASAC_DEPARTMENT: 2}
    assert first.green_count > 0 and second.green_count > 0
    elsewhere = Unit.objects.exclude(department=sasac.department).order_by("id").first()
    assert elsewhere is not None and elsewhere.department.name == FINANCE_DEPARTMENT
    moved = first.record
    TableRecord.objects.filter(pk=moved.pk).update(unit=elsewhere)
    moved.refresh_from_db()
    tablecopies.follow(moved)
    assert _lights(users) == _joined_lights(first.round)
    assert _lights(users)["红灯"] == {FINANCE_DEPARTMENT: 2}
    assert _lights(users)["绿灯"] == {FINANCE_DEPARTMENT: first.green_count, SASAC_DEPARTMENT: second.green_count}
    assert set(FindingCount.objects.filter(record=moved).values_list("unit_id", flat=True)) == {elsewhere.pk}
    assert tallied() == summed() and any(unit == elsewhere.pk for _, unit, _ in tallied())
    moved.deleted_at = datetime.datetime.now(datetime.UTC)
    moved.save()
    tablecopies.follow(moved)
    assert _lights(users) == _joined_lights(first.round)
    assert _lights(users)["绿灯"] == {SASAC_DEPARTMENT: second.green_count}
    assert not FindingCount.objects.filter(record=moved).exists()
    assert tallied() == summed() and not any(unit == elsewhere.pk for _, unit, _ in tallied())
    assert RoundReport.objects.get(pk=first.pk).table_deleted
    assert reporttallies.drift() == []
    assert not ReportTally.objects.filter(unit=elsewhere).exists()  # its one report is on a deleted table


def test_the_migration_gives_each_report_its_tables_unit_and_deletion(
    reported: dict[str, list[RoundReport]], sasac: Unit
) -> None:
    import importlib

    migration = importlib.import_module("jixiao.web.migrations.0016_dashboard_copies_and_sums")
    first, second = reported["selfeval"]
    elsewhere = Unit.objects.exclude(pk=sasac.pk).order_by("id").first()
    RoundReport.objects.filter(pk__in=[first.pk, second.pk]).update(unit=elsewhere)
    TableRecord.objects.filter(pk=second.record_id).update(deleted_at=datetime.datetime.now(datetime.UTC))
    migration.copy_unit_and_deleted(apps, None)
    kept = dict(RoundReport.objects.filter(round=first.round).values_list("pk", "unit_id"))
    assert kept == {first.pk: sasac.pk, second.pk: sasac.pk}
    deleted = dict(RoundReport.objects.filter(round=first.round).values_list("pk", "table_deleted"))
    assert deleted == {first.pk: False, second.pk: True}
    expected = summed()
    RuleTally.objects.all().delete()
    migration.sum_rule_counts(apps, None)
    assert tallied() == expected and len(expected) > 3


def test_each_rounds_reports_are_kept_counted_per_unit(
    reported: dict[str, list[RoundReport]], users: dict[str, Any], sasac: Unit
) -> None:
    monitored, evaluated = reported["monitoring"], reported["selfeval"]
    assert reporttallies.drift() == []
    lights = ReportTally.objects.get(round=monitored[0].round, unit=sasac)
    assert (lights.count, lights.red) == (2, 2)
    assert (lights.yellow, lights.green) == (
        sum(r.yellow_count for r in monitored),
        sum(r.green_count for r in monitored),
    )
    grades = ReportTally.objects.get(round=evaluated[0].round, unit=sasac)
    assert (grades.count, grades.published, grades.draft, grades.breaking) == (2, 2, 0, 1)
    assert grades.grades == dict(Counter(report.grade for report in evaluated))
    report = evaluated[1]
    RoundReport.objects.filter(pk=report.pk).update(status="draft")  # a write that bypasses save() ...
    assert len(reporttallies.drift()) == 1
    report.refresh_from_db()
    report.save()  # ... and the next save recounts its round and unit
    grades = ReportTally.objects.get(round=evaluated[0].round, unit=sasac)
    assert (grades.published, grades.draft, grades.breaking) == (1, 1, 1) and reporttallies.drift() == []


def test_the_check_finds_a_wrong_report_tally_and_fix_repairs_it(
    reported: dict[str, list[RoundReport]], sasac: Unit, capsys: Any
) -> None:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    call_command("check_table_counts")
    assert "报告计数与报告一致" in capsys.readouterr().out
    kept = ReportTally.objects.get(round=reported["selfeval"][0].round, unit=sasac)
    ReportTally.objects.filter(pk=kept.pk).update(breaking=0, published=1)
    with pytest.raises(CommandError, match="1 处"):
        call_command("check_table_counts")
    err = capsys.readouterr().err
    assert f"填报任务 {kept.round_id} 单位 {sasac.pk} 的报告：记为 2 份（已公开 1" in err
    assert "得分不合规则 0）" in err and "实有 2 份（已公开 2" in err and "得分不合规则 1）" in err
    call_command("check_table_counts", "--fix")
    assert reporttallies.drift() == [] and ReportTally.objects.get(round=kept.round_id, unit=sasac).breaking == 1


def test_the_migration_counts_the_reports_there_are(reported: dict[str, list[RoundReport]]) -> None:
    import importlib

    expected = reporttallies.counted()
    assert len(expected) == 2
    ReportTally.objects.all().delete()
    importlib.import_module("jixiao.web.migrations.0020_report_tallies").count_reports(apps, None)
    assert reporttallies.kept() == expected


def test_a_unit_that_filed_a_file_without_a_report_has_submitted(
    users: dict[str, Any], sasac: Unit, other_unit: Unit
) -> None:
    from jixiao.web.models import RoundFiling, UploadedFile

    asked = rounds.open_round(
        sasac.department.office,
        actor=users["finance"],
        kind=RoundKind.SELF_EVALUATION,
        year=2024,
        deadline=datetime.date.today() + datetime.timedelta(days=20),
        units=[sasac, other_unit],
    )
    upload = UploadedFile.objects.create(
        name="自评表.xlsx",
        content=b"x",
        size=1,
        sha256="0" * 64,
        detected_type="xlsx",
        unit=sasac,
        uploaded_by=users["clerk"],
    )
    RoundFiling.objects.create(round=asked, unit=sasac, upload=upload, filed_by=users["clerk"])
    scope = dashboard.scope_for(users["finance"])  # per department: 国资委 (sasac), 财政厅 (the other unit)
    progress = series(chart(dashboard.charts(scope, asked, [asked]), "progress"))
    assert {name: {group: n for group, n in by_group.items() if n} for name, by_group in progress.items()} == {
        "未开始": {FINANCE_DEPARTMENT: 1},
        "草稿": {},
        "退回修改": {},
        "已提交": {SASAC_DEPARTMENT: 1},
        "审核通过": {},
    }
