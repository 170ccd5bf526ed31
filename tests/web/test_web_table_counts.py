"""The kept counts of the tables (待办, a round's progress) stay those of a recount through every change of a
table, are built from the tables by the migration, and their drift is found and repaired by a command; 待办's
reports are those whose actions ask a step of the user, found by one query."""

from __future__ import annotations

import copy
import datetime
import importlib
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from jixiao.web.models import FilingRound, RoundKind, RoundReport, Status, TableCount, TableRecord, Unit, tablecounts
from jixiao.web.services import bulkseed, reports, rounds, workflow

ROLES = ("clerk", "unitlead", "deptreviewer", "finance", "admin")
#: how many reports wait for each role in the test's world (24 tables in two units, three rounds, one closed)
COUNTS = {"clerk": 3, "unitlead": 7, "deptreviewer": 4, "finance": 17, "admin": 0}


def kept_of(unit: Unit) -> dict[tuple[str, int, bool], int]:
    """(status, stage, error free) → count kept for ``unit`` in 2024."""
    rows = TableCount.objects.filter(unit=unit, year=2024).values_list("status", "stage", "error_free", "count")
    return {(status, stage, free): n for status, stage, free, n in rows}


def test_counts_follow_every_step_of_the_workflow(
    users: dict[str, Any], sasac: Unit, other_unit: Unit, seed_data: list[dict[str, Any]], walk: Any
) -> None:
    made = [workflow.create_table(sasac, actor=users["clerk"], data=copy.deepcopy(seed_data[0])) for _ in range(4)]
    free = made[0].error_count == 0
    assert kept_of(sasac) == {("draft", 0, free): 4}
    walk(made[0], "published")
    walk(made[1], "reviewed")  # waiting at 财政复审, the third stage (position 2)
    walk(made[2], "submitted")
    workflow.return_for_changes(made[2], actor=users["deptreviewer"], version=made[2].latest.number, comment="补充")
    workflow.delete_draft(made[3], actor=users["clerk"])
    assert kept_of(sasac) == {
        ("published", 3, free): 1,
        ("submitted", 2, free): 1,
        ("returned", 0, free): 1,
    }
    workflow.start_adjustment(TableRecord.objects.get(pk=made[0].pk), actor=users["unitlead"], comment="预算调减")
    assert kept_of(sasac)[("draft", 0, free)] == 1 and ("published", 3, free) not in kept_of(sasac)
    moved = TableRecord.objects.get(pk=made[1].pk)
    moved.unit = other_unit
    moved.save()
    assert kept_of(other_unit) == {("submitted", 2, free): 1}
    assert ("submitted", 2, free) not in kept_of(sasac)
    assert tablecounts.drift() == []


def test_an_edit_that_clears_the_errors_moves_the_table_to_error_free(
    users: dict[str, Any], sasac: Unit, seed_data: list[dict[str, Any]], clean_data: dict[str, Any]
) -> None:
    broken = copy.deepcopy(clean_data)
    broken["indicators"] = []  # no indicator at all: an error
    record = workflow.create_table(sasac, actor=users["clerk"], data=broken)
    assert record.error_count > 0 and kept_of(sasac) == {("draft", 0, False): 1}
    latest = record.latest
    workflow.save_draft(record, actor=users["clerk"], data=copy.deepcopy(clean_data), revision=latest.revision)
    record.refresh_from_db()
    assert record.error_count == 0 and kept_of(sasac) == {("draft", 0, True): 1}


def test_seeded_tables_are_counted_as_they_are_written(users: dict[str, Any], seed_data: list[dict[str, Any]]) -> None:
    units = list(Unit.objects.select_related("department").order_by("id"))
    bulkseed.seed_tables(40, seed_data, units=units, actor=users["clerk"], batch=15)
    bulkseed.seed_tables(20, seed_data, units=units[:3], actor=users["clerk"], start=40)
    assert sum(TableCount.objects.values_list("count", flat=True)) == 60
    assert tablecounts.kept(TableCount.objects.all()) == tablecounts.counted(TableRecord.objects.all())


def test_the_migrations_count_the_tables_there_are(users: dict[str, Any], seed_data: list[dict[str, Any]]) -> None:
    units = list(Unit.objects.select_related("department").order_by("id"))
    bulkseed.seed_tables(30, seed_data, units=units, actor=users["clerk"])
    expected = tablecounts.kept(TableCount.objects.all())
    assert sum(n for n, _, _ in expected.values()) == 30
    assert sum(e for _, e, _ in expected.values()) == sum(TableRecord.objects.values_list("error_count", flat=True))
    TableCount.objects.all().delete()
    importlib.import_module("jixiao.web.migrations.0017_table_counts").count_tables(apps, None)
    importlib.import_module("jixiao.web.migrations.0019_table_count_sums").sum_findings(apps, None)
    assert tablecounts.kept(TableCount.objects.all()) == expected


def test_the_check_finds_drift_and_fix_repairs_it(
    users: dict[str, Any], seed_data: list[dict[str, Any]], capsys: Any
) -> None:
    units = list(Unit.objects.select_related("department").order_by("id"))
    bulkseed.seed_tables(12, seed_data, units=units, actor=users["clerk"])
    call_command("check_table_counts")
    assert "一致" in capsys.readouterr().out
    wrong = TableCount.objects.order_by("id").first()
    assert wrong is not None
    TableCount.objects.filter(pk=wrong.pk).update(count=wrong.count + 5)
    with pytest.raises(CommandError, match="1 处"):
        call_command("check_table_counts")
    assert f"记为 {wrong.count + 5} 张（错误 {wrong.errors} 条" in capsys.readouterr().err
    call_command("check_table_counts", "--fix")
    assert tablecounts.drift() == []
    assert (
        TableCount.objects.get(
            unit=wrong.unit_id, year=wrong.year, status=wrong.status, stage=wrong.stage, error_free=wrong.error_free
        ).count
        == wrong.count
    )


def test_the_round_progress_reads_the_kept_counts(
    users: dict[str, Any], sasac: Unit, other_unit: Unit, seed_data: list[dict[str, Any]], walk: Any
) -> None:
    filing_round = rounds.open_round(
        sasac.department.office,
        actor=users["finance"],
        kind=RoundKind.TARGETS,
        year=2024,
        deadline=datetime.date.today() + datetime.timedelta(days=5),
        units=[sasac, other_unit],
    )
    first = workflow.create_table(sasac, actor=users["clerk"], data=copy.deepcopy(seed_data[0]))
    second = workflow.create_table(sasac, actor=users["clerk"], data=copy.deepcopy(seed_data[0]))
    walk(first, "approved")
    progress = {row.unit.pk: (row.state, row.tables) for row in rounds.progress(filing_round)}
    assert progress == {sasac.pk: (rounds.DRAFT, 2), other_unit.pk: (rounds.NOT_STARTED, 0)}
    walk(second, "submitted")
    assert rounds.unit_state(filing_round, sasac) == (rounds.SUBMITTED, 2)


def test_the_todo_reports_are_those_whose_actions_ask_a_step(
    users: dict[str, Any], sasac: Unit, other_unit: Unit, seed_data: list[dict[str, Any]]
) -> None:
    units = [Unit.objects.select_related("department").get(pk=pk) for pk in (sasac.pk, other_unit.pk)]
    bulkseed.seed_tables(24, seed_data, units=units, actor=users["clerk"])
    deadline = datetime.date.today() + datetime.timedelta(days=9)

    def opened(kind: str) -> FilingRound:
        return rounds.open_round(
            sasac.department.office,
            actor=users["finance"],
            kind=kind,
            year=2024,
            period="1-6月" if kind == RoundKind.MONITORING else "",
            deadline=deadline,
            units=units,
        )

    closed = opened(RoundKind.SELF_EVALUATION)
    closed.closed = True  # closed before the open round of the same kind and year was opened
    closed.save()
    made = [opened(RoundKind.MONITORING), opened(RoundKind.SELF_EVALUATION), closed]
    states = [(s, stage) for s, stage in bulkseed.STATES] + [(Status.SUBMITTED, 7)]  # past the chain's end
    number = 0
    for record in TableRecord.objects.order_by("id"):
        for filing_round in made:
            status, stage = states[number % len(states)]
            number += 1
            RoundReport.objects.create(
                round=filing_round,
                record=record,
                version=record.latest,
                status=status,
                stage=stage,
                created_by=users["clerk"],
            )
    waiting = {}
    for role in ROLES:
        user = users[role]
        one_by_one = {
            report.pk
            for report in reports.reports_in_scope(user).exclude(status=Status.PUBLISHED)
            if reports.actions(report, user) & {"submit", "review", "publish"}
            or (report.status == Status.RETURNED and "edit" in reports.actions(report, user))
        }
        waiting[role] = set(reports.waiting_for(user).values_list("pk", flat=True))
        assert waiting[role] == one_by_one, role
    assert {role: len(found) for role, found in waiting.items()} == COUNTS


def test_the_table_list_offers_the_years_of_the_live_tables_in_scope(
    users: dict[str, Any], sasac: Unit, other_unit: Unit, seed_data: list[dict[str, Any]], client_for: Any
) -> None:
    for unit, year in ((sasac, 2022), (sasac, 2024), (other_unit, 2019)):
        workflow.create_table(unit, actor=users["clerk"], data={**copy.deepcopy(seed_data[0]), "year": year})
    gone = workflow.create_table(sasac, actor=users["clerk"], data={**copy.deepcopy(seed_data[0]), "year": 2017})
    workflow.delete_draft(gone, actor=users["clerk"])
    clerk = client_for("clerk").get("/tables/").context["years"]
    assert list(clerk) == [2024, 2023, 2022]  # 国资委's own: not the other unit's 2019, not the deleted 2017
    assert list(client_for("finance").get("/tables/").context["years"]) == [2024, 2023, 2022, 2021, 2020, 2019]


def sums_of(unit: Unit) -> tuple[int, int, int]:
    """(tables, errors, warnings) kept for ``unit`` in 2024, and the same summed from its live tables."""
    kept = TableCount.objects.filter(unit=unit, year=2024).values_list("count", "errors", "warnings")
    return tuple(sum(column) for column in zip(*kept, strict=True)) if kept else (0, 0, 0)  # type: ignore[return-value]


def from_tables(unit: Unit) -> tuple[int, int, int]:
    live = TableRecord.objects.filter(unit=unit, year=2024, deleted_at__isnull=True)
    return (
        live.count(),
        sum(live.values_list("error_count", flat=True)),
        sum(live.values_list("warning_count", flat=True)),
    )


def test_the_kept_sums_of_errors_and_warnings_follow_edits_and_deletions(
    users: dict[str, Any], sasac: Unit, clean_data: dict[str, Any]
) -> None:
    broken = copy.deepcopy(clean_data)
    broken["indicators"] = []  # no indicator at all: errors
    record = workflow.create_table(sasac, actor=users["clerk"], data=copy.deepcopy(broken))
    other = workflow.create_table(sasac, actor=users["clerk"], data=copy.deepcopy(broken))
    assert record.error_count > 0
    assert sums_of(sasac) == (2, 2 * record.error_count, 2 * record.warning_count) == from_tables(sasac)
    workflow.save_draft(record, actor=users["clerk"], data=copy.deepcopy(clean_data), revision=record.latest.revision)
    record.refresh_from_db()
    assert sums_of(sasac) == (2, other.error_count + record.error_count, other.warning_count + record.warning_count)
    assert sums_of(sasac) == from_tables(sasac)
    workflow.delete_draft(other, actor=users["clerk"])
    assert sums_of(sasac) == (1, record.error_count, record.warning_count) == from_tables(sasac)
    assert tablecounts.drift() == []


def test_seeding_adds_to_the_kept_sums(users: dict[str, Any], sasac: Unit, seed_data: list[dict[str, Any]]) -> None:
    units = list(Unit.objects.select_related("department").order_by("id"))
    bulkseed.seed_tables(25, seed_data, units=units, actor=users["clerk"], batch=10)
    bulkseed.seed_tables(15, seed_data, units=units[:2], actor=users["clerk"], start=25)  # onto rows already kept
    errors = sum(TableRecord.objects.values_list("error_count", flat=True))
    warnings = sum(TableRecord.objects.values_list("warning_count", flat=True))
    assert errors + warnings > 0
    assert sum(TableCount.objects.values_list("errors", flat=True)) == errors
    assert sum(TableCount.objects.values_list("warnings", flat=True)) == warnings
    assert tablecounts.kept(TableCount.objects.all()) == tablecounts.counted(TableRecord.objects.all())


def test_the_check_finds_a_wrong_sum_and_the_migration_fills_them(
    users: dict[str, Any], seed_data: list[dict[str, Any]], capsys: Any
) -> None:
    units = list(Unit.objects.select_related("department").order_by("id"))
    bulkseed.seed_tables(20, seed_data, units=units, actor=users["clerk"])
    expected = tablecounts.kept(TableCount.objects.all())
    wrong = TableCount.objects.filter(warnings__gt=0).order_by("id").first()
    assert wrong is not None
    TableCount.objects.filter(pk=wrong.pk).update(warnings=wrong.warnings + 3)
    with pytest.raises(CommandError, match="1 处"):
        call_command("check_table_counts")
    err = capsys.readouterr().err
    assert (
        f"警告 {wrong.warnings + 3} 条）" in err
        and f"实有 {wrong.count} 张（错误 {wrong.errors} 条、警告 {wrong.warnings} 条）" in err
    )
    TableCount.objects.update(errors=0, warnings=0)  # as the columns are added
    importlib.import_module("jixiao.web.migrations.0019_table_count_sums").sum_findings(apps, None)
    assert tablecounts.kept(TableCount.objects.all()) == expected
    assert tablecounts.drift() == []
