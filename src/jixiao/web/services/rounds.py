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
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from jixiao.io.writers.formulas import csv_value, set_value

from ..models import FilingRound, FinanceOffice, NoticeKind, Role, RoleAssignment, RoundKind, Status, TableRecord, Unit
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
    if filing_round.kind == RoundKind.TARGETS:
        statuses = list(
            TableRecord.objects.filter(unit=unit, year=filing_round.year, deleted_at__isnull=True).values_list(
                "status", flat=True
            )
        )
        return least_advanced(statuses), len(statuses)
    statuses = list(filing_round.reports.filter(record__unit=unit).values_list("status", flat=True))
    if statuses:
        return least_advanced(statuses), len(statuses)
    filed = filing_round.filings.filter(unit=unit).count()
    return (SUBMITTED if filed else NOT_STARTED), filed


def progress(filing_round: FilingRound, units: QuerySet[Unit] | None = None) -> list[UnitProgress]:
    """Each unit of the round (within ``units``, the viewer's scope) with its state."""
    chosen = filing_round.units.select_related("department").order_by("department__name", "name")
    if units is not None:
        chosen = chosen.filter(pk__in=units)
    late = days_left(filing_round) < 0
    rows = []
    for unit in chosen:
        state, tables = unit_state(filing_round, unit)
        rows.append(UnitProgress(unit, state, tables, late and state in PENDING))
    return rows


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
