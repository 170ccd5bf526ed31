"""填报 rounds (任务下发): 财政 opens one for chosen units with a deadline; progress per unit; reminders.

A unit's progress in a 目标申报 round is read from its target tables of the round's year: 未开始 (none yet),
草稿, 已提交 (under review), 退回修改, 审核通过 (approved or published) — the least advanced of its tables. In a
绩效监控 or 绩效自评 round it is read the same way from its reports (:mod:`.reports`), or is 已提交 once the unit has
filed a file without one. Work not submitted by the deadline is
overdue (逾期).
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import openpyxl
from django.conf import settings
from django.db import transaction
from django.db.models import Count, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone

from jixiao.io.writers.formulas import csv_value, set_value

from ..models import (
    FilingRound,
    FinanceOffice,
    NoticeKind,
    Role,
    RoleAssignment,
    RoundFiling,
    RoundKind,
    RoundReport,
    Status,
    TableCount,
    Unit,
)
from . import notices

if TYPE_CHECKING:
    from ..accounts import User

NOT_STARTED, DRAFT, SUBMITTED, RETURNED, APPROVED = "not_started", "draft", "submitted", "returned", "approved"
PROGRESS_LABELS = {
    NOT_STARTED: "未开始",
    DRAFT: "草稿",
    SUBMITTED: "已提交",
    RETURNED: "退回修改",
    APPROVED: "审核通过",
}
#: a unit's state is its least advanced table's
_ORDER = (NOT_STARTED, RETURNED, DRAFT, SUBMITTED, APPROVED)
_OF_STATUS = {
    Status.DRAFT: DRAFT,
    Status.RETURNED: RETURNED,
    Status.SUBMITTED: SUBMITTED,
    Status.APPROVED: APPROVED,
    Status.PUBLISHED: APPROVED,
}
PENDING = {NOT_STARTED, DRAFT, RETURNED}


def least_advanced(statuses: Iterable[str]) -> str:
    """A unit's progress from its tables' statuses: the least advanced one's (未开始 without any)."""
    return min((_OF_STATUS[Status(s)] for s in statuses), key=_ORDER.index, default=NOT_STARTED)


class RoundError(Exception):
    """A round that cannot be opened as asked; the message says why."""


def today() -> datetime.date:
    return timezone.localdate()


def open_round(
    office: FinanceOffice,
    *,
    actor: User,
    kind: str,
    year: int,
    deadline: datetime.date,
    units: Iterable[Unit],
    period: str = "",
    note: str = "",
) -> FilingRound:
    """Open a round for ``units`` and tell their clerks and leads."""
    chosen = list(units)
    if not chosen:
        raise RoundError("请至少选择一个填报单位")
    if deadline < today():
        raise RoundError("截止日期不能早于今天")
    if kind == RoundKind.MONITORING and not period.strip():
        raise RoundError("绩效监控任务须写明监控期间（如 1-6月）")
    with transaction.atomic():
        FinanceOffice.objects.select_for_update().filter(pk=office.pk).first()  # one opening at a time per office
        if kind != RoundKind.TARGETS:  # a second 目标申报 round (补报) asks for more tables; reports would split
            _refuse_a_twin(office, kind, year, period.strip(), chosen)
        filing_round = FilingRound.objects.create(
            office=office, kind=kind, year=year, period=period.strip(), deadline=deadline, note=note, opened_by=actor
        )
        filing_round.units.set(chosen)
        people = RoleAssignment.objects.filter(
            unit__in=chosen, role__in=(Role.CLERK, Role.UNIT_LEAD), user__is_active=True
        ).values_list("user_id", flat=True)
        notices.notify(
            people,
            kind=NoticeKind.TASK,
            title=f"填报任务：{filing_round.title}",
            body=f"请于 {deadline:%Y-%m-%d} 前完成。{note}".strip(),
            link=reverse("web:round_detail", args=[filing_round.pk]),
            exclude=actor,
        )
    return filing_round


def close_round(filing_round: FilingRound, *, actor: User) -> None:
    """End a round: its reports can no longer be changed or submitted, it leaves 待办 and the reminders; the clerks
    and leads of its units are told."""
    with transaction.atomic():
        locked = FilingRound.objects.select_for_update().get(pk=filing_round.pk)
        if locked.closed:
            raise RoundError(f"“{locked.title}”已经结束")
        locked.closed = True
        locked.save(update_fields=["closed"])
        _tell_units(locked, actor, f"填报任务已结束：{locked.title}", "未提交的报告不能再修改或提交。")
    filing_round.closed = True


def reopen_round(filing_round: FilingRound, *, actor: User) -> None:
    """Open an ended round again (refused when another open round of its kind, year and period asks one of its
    units: their reports would split); its units are told."""
    with transaction.atomic():
        FinanceOffice.objects.select_for_update().filter(pk=filing_round.office_id).first()  # as an opening
        locked = FilingRound.objects.select_for_update().get(pk=filing_round.pk)
        if not locked.closed:
            raise RoundError(f"“{locked.title}”没有结束")
        if locked.kind != RoundKind.TARGETS:
            units = list(locked.units.all())
            _refuse_a_twin(locked.office, locked.kind, locked.year, locked.period, units, besides=locked)
        locked.closed = False
        locked.save(update_fields=["closed"])
        _tell_units(locked, actor, f"填报任务重新开放：{locked.title}", f"请于 {locked.deadline:%Y-%m-%d} 前完成。")
    filing_round.closed = False


def _tell_units(filing_round: FilingRound, actor: User, title: str, body: str) -> None:
    people = RoleAssignment.objects.filter(
        unit__in=filing_round.units.all(), role__in=(Role.CLERK, Role.UNIT_LEAD), user__is_active=True
    ).values_list("user_id", flat=True)
    link = reverse("web:round_detail", args=[filing_round.pk])
    notices.notify(people, kind=NoticeKind.TASK, title=title, body=body, link=link, exclude=actor)


def _refuse_a_twin(
    office: FinanceOffice, kind: str, year: int, period: str, units: list[Unit], besides: FilingRound | None = None
) -> None:
    """Refused when an open round of the same kind, year (and monitoring period) already asks one of ``units``:
    two such rounds would split the unit's reports, an upload going to the newer one only."""
    twins = FilingRound.objects.filter(office=office, kind=kind, year=year, period=period, closed=False)
    if besides is not None:
        twins = twins.exclude(pk=besides.pk)
    twin = twins.filter(units__in=units).distinct().order_by("id").first()
    if twin is None:
        return
    asked = list(twin.units.filter(pk__in=[unit.pk for unit in units]).order_by("name").values_list("name", flat=True))
    whom = "、".join(asked[:3]) + (f"等 {len(asked)} 个单位" if len(asked) > 3 else "")
    raise RoundError(f"“{twin.title}”（截止 {twin.deadline:%Y-%m-%d}）尚未结束，已向{whom}下发，不能重复下发")


def open_for(unit: Unit | None, kind: str | None = None) -> QuerySet[FilingRound]:
    """The rounds open for ``unit`` (of ``kind``), soonest deadline first."""
    rounds = FilingRound.objects.filter(closed=False, units=unit).order_by("deadline", "id")
    return rounds.filter(kind=kind) if kind else rounds


@dataclass(frozen=True)
class UnitProgress:
    unit: Unit
    state: str
    tables: int
    overdue: bool

    @property
    def label(self) -> str:
        return PROGRESS_LABELS[self.state]


def days_left(filing_round: FilingRound) -> int:
    return (filing_round.deadline - today()).days


def unit_state(filing_round: FilingRound, unit: Unit) -> tuple[str, int]:
    return unit_states([filing_round], unit)[filing_round.pk]


def _held(rows: Iterable[tuple[int, str, int]]) -> dict[int, list[tuple[str, int]]]:
    """(key, status, count) rows as key → [(status, count)]."""
    found: dict[int, list[tuple[str, int]]] = {}
    for key, status, count in rows:
        found.setdefault(key, []).append((status, count))
    return found


def _state(tables: list[tuple[str, int]], reports: list[tuple[str, int]], files: int, kind: str) -> tuple[str, int]:
    """A unit's state in a round: from its tables of the year (目标申报), else from its 监控表/自评表 under review
    (reports), else from the files it filed."""
    held = tables if kind == RoundKind.TARGETS else reports
    if held or kind == RoundKind.TARGETS:
        return least_advanced(s for s, _ in held), sum(n for _, n in held)
    return (SUBMITTED if files else NOT_STARTED), files


def unit_states(filing_rounds: Iterable[FilingRound], unit: Unit) -> dict[int, tuple[str, int]]:
    """(state, tables or files) of ``unit`` in each round, by round id: three queries, whatever the rounds."""
    chosen = list(filing_rounds)
    years = {r.year for r in chosen if r.kind == RoundKind.TARGETS}
    others = [r.pk for r in chosen if r.kind != RoundKind.TARGETS]
    kept = TableCount.objects.filter(unit=unit, year__in=years)
    tables = _held(kept.order_by().values_list("year", "status").annotate(n=Sum("count")))
    reports = _held(
        RoundReport.objects.filter(round__in=others, record__unit=unit)
        .order_by()
        .values_list("round", "status")
        .annotate(n=Count("id"))
    )
    filed = dict(
        RoundFiling.objects.filter(unit=unit, round__in=others).order_by().values_list("round").annotate(n=Count("id"))
    )
    return {r.pk: _state(tables.get(r.year, []), reports.get(r.pk, []), filed.get(r.pk, 0), r.kind) for r in chosen}


def units_of(filing_round: FilingRound, units: QuerySet[Unit] | None = None) -> QuerySet[Unit]:
    """The round's units (within ``units``, the viewer's scope), by department and name."""
    chosen = filing_round.units.select_related("department").order_by("department__name", "name", "id")
    return chosen.filter(pk__in=units) if units is not None else chosen


def _states(filing_round: FilingRound, unit_ids: Iterable[int]) -> dict[int, tuple[str, int]]:
    """unit id → (state, tables or files) in the round, from grouped counts (one query or two)."""
    wanted = list(unit_ids)
    tables: dict[int, list[tuple[str, int]]] = {}
    reports: dict[int, list[tuple[str, int]]] = {}
    filed: dict[int, int] = {}
    if filing_round.kind == RoundKind.TARGETS:
        kept = TableCount.objects.filter(unit__in=wanted, year=filing_round.year)
        tables = _held(kept.order_by().values_list("unit", "status").annotate(n=Sum("count")))
    else:
        reports = _held(
            filing_round.reports.filter(record__unit__in=wanted)
            .order_by()
            .values_list("record__unit", "status")
            .annotate(n=Count("id"))
        )
        filed = dict(
            filing_round.filings.filter(unit__in=wanted).order_by().values_list("unit").annotate(n=Count("id"))
        )
    return {
        unit: _state(tables.get(unit, []), reports.get(unit, []), filed.get(unit, 0), filing_round.kind)
        for unit in wanted
    }


def progress(filing_round: FilingRound, units: Iterable[Unit] | None = None) -> list[UnitProgress]:
    """Each of ``units`` (of the round; by default all of them) with its state."""
    shown = list(units if units is not None else units_of(filing_round))
    late = days_left(filing_round) < 0
    states = _states(filing_round, [unit.pk for unit in shown])
    return [UnitProgress(unit, *states[unit.pk], late and states[unit.pk][0] in PENDING) for unit in shown]


def summary(filing_round: FilingRound, units: QuerySet[Unit]) -> tuple[dict[str, int], int]:
    """How many of ``units`` (of the round) are in each state (by label), and how many are overdue."""
    states = _states(filing_round, units.values_list("pk", flat=True))
    counts = {label: 0 for label in PROGRESS_LABELS.values()}
    for state, _tables in states.values():
        counts[PROGRESS_LABELS[state]] += 1
    late = days_left(filing_round) < 0
    return counts, sum(1 for state, _ in states.values() if late and state in PENDING)


HEADER = ("主管部门", "预算单位", "进度", "目标表数", "是否逾期")


def _rows(filing_round: FilingRound, rows: list[UnitProgress]) -> list[tuple[object, ...]]:
    return [(r.unit.department.name, r.unit.name, r.label, r.tables, "逾期" if r.overdue else "") for r in rows]


def export(filing_round: FilingRound, rows: list[UnitProgress], kind: str) -> bytes:
    """The progress as ``csv`` (UTF-8 with BOM, for Excel) or ``xlsx``."""
    table = _rows(filing_round, rows)
    if kind == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([filing_round.title, f"截止 {filing_round.deadline:%Y-%m-%d}"])
        writer.writerow(HEADER)
        writer.writerows([csv_value(v) for v in row] for row in table)
        return ("\ufeff" + out.getvalue()).encode("utf-8")
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "填报进度"
    sheet.append([filing_round.title, f"截止 {filing_round.deadline:%Y-%m-%d}"])
    sheet.append(list(HEADER))
    for values in table:
        sheet.append([None] * len(values))
        for column, value in enumerate(values, 1):
            set_value(sheet.cell(row=sheet.max_row, column=column), value)
    for letter, width in zip("ABCDE", (28, 40, 10, 10, 10), strict=True):
        sheet.column_dimensions[letter].width = width
    out_bytes = io.BytesIO()
    book.save(out_bytes)
    return out_bytes.getvalue()


def send_reminders(on: datetime.date | None = None) -> int:
    """Remind each pending unit's clerks and leads once when a deadline is near and once when it has passed.

    Idempotent: a reminder's key (round, unit, near|overdue) is unique per person, so running again — or two
    runs at once — makes and mails nothing new. Returns the number of reminders made now.
    """
    day = on or today()
    made = 0
    for filing_round in FilingRound.objects.filter(closed=False).prefetch_related("units"):
        left = (filing_round.deadline - day).days
        if left > settings.JIXIAO_REMINDER_DAYS:
            continue
        which = "overdue" if left < 0 else "near"
        for unit in filing_round.units.all():
            state, _tables = unit_state(filing_round, unit)
            if state not in PENDING:
                continue
            if which == "near":
                kind, title = NoticeKind.DEADLINE_NEAR, f"临近截止：{filing_round.title}还剩 {left} 天"
            else:
                kind, title = (
                    NoticeKind.OVERDUE,
                    f"已逾期：{filing_round.title}已于 {filing_round.deadline:%m-%d} 截止",
                )
            body = f"{unit.name}：当前进度“{PROGRESS_LABELS[state]}”，截止日期 {filing_round.deadline:%Y-%m-%d}。"
            people = RoleAssignment.objects.filter(
                unit=unit, role__in=(Role.CLERK, Role.UNIT_LEAD), user__is_active=True
            ).select_related("user")
            for holder in people:
                made += notices.remind(
                    holder.user,
                    key=f"round:{filing_round.pk}:unit:{unit.pk}:{which}",
                    kind=kind,
                    title=title,
                    body=body,
                    link=reverse("web:round_detail", args=[filing_round.pk]),
                )
    return made
