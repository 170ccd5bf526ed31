"""Dashboards (统计): where the finance office, or one department, stands — counted by aggregate queries.

财政 sees every department side by side; a 主管部门 its units (财政 too, for one department it picks). Each chart is
a :class:`Chart` (categories and series of counts) that the page draws with ECharts, shows as a table for screen
readers and printing, and offers as an xlsx download. Every number comes from a grouped query over counts kept
beside the rows they count, summed per group in the database: the tables' counts and error and warning sums per
unit and year (:class:`~jixiao.web.models.TableCount`), the per-rule sums per unit and year
(:class:`~jixiao.web.models.RuleTally`) and a round's reports per unit (:class:`~jixiao.web.models.ReportTally`).
The number of queries, and the rows they return, do not grow with the tables or the reports.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import openpyxl
from django.db.models import Exists, Max, Min, Model, OuterRef, QuerySet, Sum
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from jixiao.io.writers.formulas import set_value
from jixiao.rules import REGISTRY, load

from .. import permissions as perms
from ..models import (
    Department,
    FilingRound,
    ReportTally,
    Role,
    RoundFiling,
    RoundKind,
    RuleTally,
    Status,
    TableCount,
    reporttallies,
)
from . import rounds

if TYPE_CHECKING:
    from ..accounts import AnyUser

M = TypeVar("M", bound=Model)

#: How many rules the 规则 chart shows, most findings first.
TOP_RULES = 15
PROGRESS_COLORS = {
    rounds.NOT_STARTED: "#8a96a3",
    rounds.DRAFT: "#2f6fa3",
    rounds.RETURNED: "#c0392b",
    rounds.SUBMITTED: "#d68910",
    rounds.APPROVED: "#2e7d4f",
}
PROGRESS_ORDER = (rounds.NOT_STARTED, rounds.DRAFT, rounds.RETURNED, rounds.SUBMITTED, rounds.APPROVED)
LIGHT_COLORS = (
    ("red", "红灯", "#c0392b"),
    ("yellow", "黄灯", "#d4ac0d"),
    ("green", "绿灯", "#2e7d4f"),
)
#: grades as the profiles name them, best first; a report not yet scored has none
GRADE_ORDER = ("优", "良", "中", "差")
GRADE_COLORS = ("#2e7d4f", "#2f6fa3", "#d68910", "#c0392b", "#8a96a3", "#5b8fbf")
UNGRADED = "未评分"


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[int, ...]
    color: str
    additive: bool = True  # False when a thing is counted in several categories (a table under each of its rules)

    @property
    def sum(self) -> int | None:
        """The 合计 of the values; None when they do not add up."""
        return sum(self.values) if self.additive else None


@dataclass(frozen=True)
class Chart:
    """One chart's numbers: a count per category for each series."""

    key: str
    title: str
    category_label: str  # the table view's first column: 主管部门, 预算单位, 规则
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    stacked: bool = True
    note: str = ""
    empty: str = "暂无数据"

    @property
    def header(self) -> list[str]:
        return [self.category_label, *(s.name for s in self.series)]

    def rows(self) -> list[list[Any]]:
        return [[category, *(s.values[i] for s in self.series)] for i, category in enumerate(self.categories)]

    @property
    def total(self) -> int:
        return sum(s.sum or 0 for s in self.series)

    def option(self) -> dict[str, Any]:
        """What the page's script needs to draw the chart (no code: the Content-Security-Policy forbids eval)."""
        return {
            "categories": list(self.categories),
            "stacked": self.stacked,
            "series": [{"name": s.name, "values": list(s.values), "color": s.color} for s in self.series],
        }


@dataclass(frozen=True)
class Group:
    key: int
    name: str


@dataclass(frozen=True)
class Scope:
    """What a dashboard counts: these units' work in ``year``, grouped by department or by unit."""

    units: dict[int, int]  # unit id → the id of its group (its department's, or its own when by_unit)
    groups: tuple[Group, ...]
    by_unit: bool
    year: int | None
    department: Department | None  # the one department shown unit by unit
    unit_query: QuerySet[Any, Any]  # the scope's units' ids, for the counts' queries (a subquery, not a list of ids)
    everything: bool  # the scope is every unit: the counts' queries need no filter by unit
    #: (year, group key, errors, warnings, tables) of the scope's live tables, every year: their kept counts summed
    table_sums: tuple[tuple[int, int, int, int, int], ...] = ()

    @property
    def years(self) -> list[int]:
        """The years to choose from, the latest first: from the first year of the scope's tables to the last."""
        found = [row[0] for row in self.table_sums]
        return list(range(max(found), min(found) - 1, -1)) if found else []

    def within(self, rows: QuerySet[M]) -> QuerySet[M]:
        """``rows`` (of a model with a ``unit``) of the scope's units."""
        return rows if self.everything else rows.filter(unit__in=self.unit_query)

    @property
    def group_label(self) -> str:
        return "预算单位" if self.by_unit else "主管部门"

    @property
    def group_field(self) -> str:
        """What groups a row kept per unit: its unit, or its unit's department (summed by the database)."""
        return group_field(self.by_unit)

    def per_group(self, counts: Iterable[tuple[int, int]]) -> tuple[int, ...]:
        """(unit id, count) pairs summed per group, in the groups' order."""
        return self.in_groups((self.units[unit], count) for unit, count in counts if unit in self.units)

    def in_groups(self, counts: Iterable[tuple[int, int]]) -> tuple[int, ...]:
        """(group key, count) pairs summed per group, in the groups' order."""
        summed: Counter[int] = Counter()
        for group, count in counts:
            summed[group] += count or 0
        return tuple(summed[group.key] for group in self.groups)


def group_field(by_unit: bool) -> str:
    return "unit_id" if by_unit else "unit__department_id"


def department_choices(user: AnyUser) -> QuerySet[Department]:
    """The departments a user may pick to see unit by unit: all for 财政, none for a 主管部门 (it sees its own)."""
    granted = perms.assignment(user)
    if granted is None or granted.role == Role.DEPARTMENT_REVIEWER:
        return Department.objects.none()
    return Department.objects.filter(units__in=perms.units_in_scope(user)).distinct().order_by("name")


def _counts_of(user: AnyUser) -> QuerySet[TableCount]:
    counts = TableCount.objects.order_by()
    return counts if perms.sees_every_unit(user) else counts.filter(unit__in=perms.units_in_scope(user))


def years(user: AnyUser) -> list[int]:
    """The years to choose from, the latest first: from the first year of the user's live tables to the last (their
    kept counts, a few rows a unit)."""
    span = _counts_of(user).aggregate(first=Min("year"), last=Max("year"))
    return list(range(span["last"], span["first"] - 1, -1)) if span["first"] is not None else []


def scope_for(user: AnyUser, *, year: int | None = None, department: Department | None = None) -> Scope:
    granted = perms.assignment(user)
    units = perms.units_in_scope(user)
    by_unit = department is not None or (granted is not None and granted.role == Role.DEPARTMENT_REVIEWER)
    if department is not None:
        units = units.filter(department=department)
    # ordered here, not by the database: the order of names is the same on SQLite and PostgreSQL (any collation)
    rows = sorted(
        units.values_list("id", "name", "department_id", "department__name"), key=lambda row: (row[3], row[1])
    )
    groups: dict[int, Group] = {}
    members: dict[int, int] = {}
    for unit_id, unit_name, department_id, department_name in rows:
        key, name = (unit_id, unit_name) if by_unit else (department_id, department_name)
        groups.setdefault(key, Group(key, name))
        members[unit_id] = key
    # the scope's units are within the user's: their counts, by unit id (no join with the units)
    unit_query = units.order_by().values("id")
    everything = department is None and perms.sees_every_unit(user)
    counts = TableCount.objects.order_by()
    counts = counts if everything else counts.filter(unit__in=unit_query)
    summed = counts.values_list("year", group_field(by_unit)).annotate(Sum("errors"), Sum("warnings"), Sum("count"))
    sums = tuple(summed)
    if year is None:  # the latest year with live tables in scope
        year = max((row[0] for row in sums), default=None)
    return Scope(members, tuple(groups.values()), by_unit, year, department, unit_query, everything, sums)


def rounds_of(user: AnyUser, year: int | None) -> QuerySet[FilingRound]:
    """The rounds ``user`` sees, of ``year`` when given, the latest opened first."""
    found = perms.rounds_in_scope(user).order_by("-opened_at", "-id")
    return found.filter(year=year) if year is not None else found


class UnitReports(NamedTuple):
    """One unit's reports in a round, as their tally keeps them (:class:`~jixiao.web.models.ReportTally`)."""

    unit: int
    statuses: tuple[int, ...]  # how many in each of reporttallies.STATUSES
    red: int
    yellow: int
    green: int
    breaking: int  # published with scores that break the rules
    grades: dict[str, int]

    @property
    def published(self) -> int:
        return self.statuses[PUBLISHED]


PUBLISHED = reporttallies.STATUSES.index(Status.PUBLISHED)
#: a round's kept report counts, one entry per unit of the scope that has reports in it
Tallies = dict[int, list[UnitReports]]


def report_tallies(scope: Scope, chosen: Iterable[FilingRound | None]) -> Tallies:
    """The report counts kept for each of the ``chosen`` report rounds (监控, 自评), per unit of the scope: one
    query for every chart, a row per unit and round."""
    ids = {r.pk for r in chosen if r is not None and r.kind != RoundKind.TARGETS}
    found: Tallies = {pk: [] for pk in ids}
    if not ids:
        return found
    columns = ("round_id", "unit_id", *reporttallies.STATUSES, "red", "yellow", "green", "breaking", "grades")
    width = len(reporttallies.STATUSES)
    for row in scope.within(ReportTally.objects.filter(round__in=ids).order_by()).values_list(*columns):
        found[row[0]].append(UnitReports(row[1], row[2 : 2 + width], *row[2 + width :]))
    return found


def progress_chart(scope: Scope, filing_round: FilingRound | None, tallies: Tallies) -> Chart:
    """How many units of each group are at each stage of ``filing_round`` (a unit: its least advanced table)."""
    if filing_round is None:
        return Chart("progress", "填报进度", scope.group_label, (), (), empty="还没有填报任务")
    members = FilingRound.units.through.objects.filter(filinground_id=filing_round.pk).order_by()
    reporting = filing_round.kind != RoundKind.TARGETS
    rows: Iterable[tuple[int, bool]]
    if reporting:  # whether the unit filed a file for the round, read with the units asked
        filings = RoundFiling.objects.filter(round=filing_round.pk, unit=OuterRef("unit_id"))
        rows = members.values_list("unit_id", Exists(filings))
    else:
        rows = ((unit, False) for unit in members.values_list("unit_id", flat=True))
    asked = {unit: filed for unit, filed in rows if unit in scope.units}
    # each unit asked, with the statuses of its tables (reports); the pairs of the units not asked are left out
    statuses: dict[int, list[str]] = {unit: [] for unit in asked}
    if filing_round.kind == RoundKind.TARGETS:
        found = TableCount.objects.filter(unit__in=list(asked), year=filing_round.year)  # the tables' kept counts
        pairs: Iterable[tuple[int, str]] = found.values_list("unit_id", "status").distinct()
    else:  # the reports on the unit's tables (the statuses they are in); without one, a file filed for the round
        held = tallies[filing_round.pk]
        pairs = [(r.unit, s) for r in held for s, n in zip(reporttallies.STATUSES, r.statuses, strict=True) if n]
    for unit, status in pairs:
        if unit in statuses:
            statuses[unit].append(status)
    states = {unit: rounds.least_advanced(held) for unit, held in statuses.items()}
    if reporting:  # a unit without a report that filed a file has submitted
        states.update({unit: rounds.SUBMITTED for unit, filed in asked.items() if filed and not statuses[unit]})
    series = tuple(
        Series(
            str(rounds.PROGRESS_LABELS[state]),
            scope.per_group((unit, 1) for unit, reached in states.items() if reached == state),
            PROGRESS_COLORS[state],
        )
        for state in PROGRESS_ORDER
    )
    categories, series = _drop_empty_groups(scope, series)
    return Chart(
        "progress",
        f"填报进度：{filing_round.title}",
        scope.group_label,
        categories,
        series,
        note="单位数；一个单位的进度按其最落后的一张目标表（监控、自评：一份报告）计",
        empty="这个任务没有范围内的单位",
    )


def _drop_empty_groups(scope: Scope, series: tuple[Series, ...]) -> tuple[tuple[str, ...], tuple[Series, ...]]:
    """The groups with some count, and the series over them only."""
    kept = [i for i in range(len(scope.groups)) if any(s.values[i] for s in series)]
    categories = tuple(scope.groups[i].name for i in kept)
    return categories, tuple(Series(s.name, tuple(s.values[i] for i in kept), s.color) for s in series)


def findings_by_group(scope: Scope) -> Chart:
    """Errors and warnings of the scope's tables of the year (their latest versions), per group: the counts and sums
    kept per unit and year (:class:`~jixiao.web.models.TableCount`), not the tables."""
    rows = [row[1:] for row in scope.table_sums if scope.year is None or row[0] == scope.year]
    series: tuple[Series, ...] = (
        Series("错误", scope.in_groups((group, errors) for group, errors, _, _ in rows), "#c0392b"),
        Series("警告", scope.in_groups((group, warnings) for group, _, warnings, _ in rows), "#d68910"),
        Series("目标表", scope.in_groups((group, n) for group, _, _, n in rows), "#8a96a3"),
    )
    categories, series = _drop_empty_groups(scope, series)
    return Chart(
        "groups",
        f"审核意见：各{scope.group_label}",
        scope.group_label,
        categories,
        series,
        stacked=False,
        note="各目标表最新版本的错误、警告条数与目标表张数",
        empty="范围内还没有目标表",
    )


def rule_title(code: str) -> str:
    load()
    rule = REGISTRY.get(code)
    return f"{code} {rule.title}" if rule is not None else code


class RuleCount(NamedTuple):
    code: str
    group: int  # the key of a group of the scope
    findings: int
    tables: int  # one count row per table and rule: the tables meeting the rule in this group


def rule_counts(scope: Scope) -> list[RuleCount]:
    """Findings and tables per (rule, group) in the scope's tables of the year: the sums kept per unit, year and
    rule (:class:`~jixiao.web.models.RuleTally`), summed per group by the database."""
    sums = scope.within(RuleTally.objects.filter(tables__gt=0)).order_by()
    if scope.year is not None:
        sums = sums.filter(year=scope.year)
    rows = sums.values_list("code", scope.group_field).annotate(Sum("findings"), Sum("tables"))
    return [RuleCount._make(row) for row in rows]


def _top(counts: list[RuleCount], limit: int) -> list[tuple[str, int, int]]:
    """(code, findings, tables) of the ``limit`` rules with most findings, ties by code."""
    findings: Counter[str] = Counter()
    tables: Counter[str] = Counter()
    for row in counts:
        findings[row.code] += row.findings
        tables[row.code] += row.tables
    ranked = sorted(findings, key=lambda code: (-findings[code], code))[:limit]
    return [(code, findings[code], tables[code]) for code in ranked]


def findings_by_rule(scope: Scope, counts: list[RuleCount], limit: int = TOP_RULES) -> Chart:
    """The rules that fire most in the scope's tables of the year: findings and tables per rule."""
    top = _top(counts, limit)
    return Chart(
        "rules",
        "最常出现的审核规则",
        "规则",
        tuple(rule_title(code) for code, _, _ in top),
        (
            Series("意见条数", tuple(n for _, n, _ in top), "#2f6fa3"),
            Series("涉及目标表", tuple(t for _, _, t in top), "#8a96a3", additive=False),
        ),
        stacked=False,
        note=f"各目标表最新版本的审核意见，按条数排在前 {limit} 的规则",
        empty="范围内的目标表没有审核意见",
    )


def rules_by_group(scope: Scope, counts: list[RuleCount], limit: int = 8) -> Chart:
    """For the most frequent rules, their findings in each group: which department (unit) meets which rule."""
    top = [code for code, _, _ in _top(counts, limit)]
    by_code: dict[str, list[tuple[int, int]]] = {code: [] for code in top}
    for row in counts:
        if row.code in by_code:
            by_code[row.code].append((row.group, row.findings))
    palette = ("#1f4e79", "#2f6fa3", "#5b8fbf", "#8fb3d6", "#d68910", "#c0392b", "#2e7d4f", "#8a96a3")
    series = tuple(Series(code, scope.in_groups(by_code[code]), palette[i % 8]) for i, code in enumerate(top))
    categories, series = _drop_empty_groups(scope, series)
    return Chart(
        "rule_groups",
        f"各{scope.group_label}的常见审核规则",
        scope.group_label,
        categories,
        series,
        note=f"条数最多的 {limit} 条规则在各{scope.group_label}的意见条数",
        empty="范围内的目标表没有审核意见",
    )


def lights_chart(scope: Scope, filing_round: FilingRound | None, tallies: Tallies) -> Chart:
    """The lights of a monitoring round's reports (budget execution and each indicator), per group."""
    if filing_round is None:
        return Chart("lights", "绩效监控亮灯", scope.group_label, (), (), empty="这一年度还没有绩效监控任务")
    rows = tallies[filing_round.pk]
    series: tuple[Series, ...] = tuple(
        Series(label, scope.per_group((r.unit, getattr(r, light)) for r in rows), color)
        for light, label, color in LIGHT_COLORS
    )
    categories, series = _drop_empty_groups(scope, series)
    return Chart(
        "lights",
        f"绩效监控亮灯：{filing_round.title}",
        scope.group_label,
        categories,
        series,
        note=f"{sum(sum(r.statuses) for r in rows)} 份监控报告的预算执行灯与各指标灯（盏）",
        empty="这个监控任务还没有报告",
    )


def grades_chart(scope: Scope, filing_round: FilingRound | None, tallies: Tallies) -> Chart:
    """How many self-evaluations of each grade (by the total reported), per group."""
    if filing_round is None:
        return Chart("grades", "自评等级", scope.group_label, (), (), empty="这一年度还没有绩效自评任务")
    rows = [(r.unit, grade or UNGRADED, n) for r in tallies[filing_round.pk] for grade, n in r.grades.items() if n]
    seen = {grade for _, grade, _ in rows}
    names = [g for g in GRADE_ORDER if g in seen] + sorted(seen - {*GRADE_ORDER, UNGRADED})
    names += [UNGRADED] if UNGRADED in seen else []
    series: tuple[Series, ...] = tuple(
        Series(
            name,
            scope.per_group((unit, n) for unit, grade, n in rows if grade == name),
            "#b8c0c8" if name == UNGRADED else GRADE_COLORS[i % len(GRADE_COLORS)],
        )
        for i, name in enumerate(names)
    )
    categories, series = _drop_empty_groups(scope, series)
    return Chart(
        "grades",
        f"自评等级：{filing_round.title}",
        scope.group_label,
        categories,
        series,
        note="自评表张数，按单位报告的总分所得等级",
        empty="这个自评任务还没有自评表",
    )


def rule_breaking_chart(scope: Scope, filing_round: FilingRound | None, tallies: Tallies) -> Chart:
    """Of the published self-evaluations, how many publish scores that break the scoring rules (JX-S findings)."""
    if filing_round is None:
        return Chart("breaking", "公开自评得分合规情况", scope.group_label, (), (), empty="这一年度还没有绩效自评任务")
    rows = tallies[filing_round.pk]
    series: tuple[Series, ...] = (
        Series("得分不合规则", scope.per_group((r.unit, r.breaking) for r in rows), "#c0392b"),
        Series("得分合规", scope.per_group((r.unit, r.published - r.breaking) for r in rows), "#2e7d4f"),
    )
    categories, series = _drop_empty_groups(scope, series)
    published, breaking = sum(r.published for r in rows), sum(r.breaking for r in rows)
    share = f"{breaking / published:.0%}" if published else "—"
    return Chart(
        "breaking",
        f"公开自评得分合规情况：{filing_round.title}",
        scope.group_label,
        categories,
        series,
        note=f"已公开 {published} 张自评表，其中 {breaking} 张（{share}）的得分不合评分规则（JX-S 复核意见）",
        empty="这个自评任务还没有公开的自评表",
    )


def latest_of_kind(found: Iterable[FilingRound], kind: str, chosen: FilingRound | None) -> FilingRound | None:
    """The chosen round when it is of ``kind``, else the first (latest) round of that kind among ``found``."""
    if chosen is not None and chosen.kind == kind:
        return chosen
    return next((r for r in found if r.kind == kind), None)


def charts(scope: Scope, filing_round: FilingRound | None, found: Sequence[FilingRound] = ()) -> list[Chart]:
    """Every chart; the monitoring and self-evaluation ones are of the chosen round when it is of their kind, else
    of the latest such round among ``found`` (the year's rounds in scope, the latest first)."""
    monitoring = latest_of_kind(found, RoundKind.MONITORING, filing_round)
    evaluating = latest_of_kind(found, RoundKind.SELF_EVALUATION, filing_round)
    counts = rule_counts(scope)
    tallies = report_tallies(scope, (filing_round, monitoring, evaluating))
    return [
        progress_chart(scope, filing_round, tallies),
        findings_by_group(scope),
        findings_by_rule(scope, counts),
        rules_by_group(scope, counts),
        lights_chart(scope, monitoring, tallies),
        grades_chart(scope, evaluating, tallies),
        rule_breaking_chart(scope, evaluating, tallies),
    ]


def workbook(chart: Chart, subtitle: str) -> bytes:
    """One chart's numbers as an xlsx sheet: title, what it counts, a header and one row per category."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = chart.key
    sheet.append([chart.title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([subtitle + (f"；{chart.note}" if chart.note else "")])
    sheet.append(chart.header)
    for cell in sheet[3]:
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="F2F2F2")
    for values in chart.rows():
        sheet.append([None] * len(values))
        for column, value in enumerate(values, 1):
            set_value(sheet.cell(row=sheet.max_row, column=column), value)
    sheet.append(["合计", *(s.sum for s in chart.series)])  # empty under a count that does not add up
    sheet.column_dimensions["A"].width = 44
    for column in range(2, len(chart.header) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 14
    sheet.freeze_panes = "B4"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
