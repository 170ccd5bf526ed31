"""A round's reports counted per unit — by status, lights, grade and rule-breaking published scores — kept beside
the reports so that the 统计 page's report charts read one row a unit, whatever the number of reports.

Only the reports on live tables count (``table_deleted`` false). Every save of a
:class:`~.reports.RoundReport` recounts its round and unit in the same transaction, the unit's row locked so that
two recounts of one unit follow each other; writes that bypass ``save()`` (a table's unit or deletion copied onto
its reports, rescoring in bulk, seeding) call :func:`recount` for what they touched. :func:`drift` compares what is
kept with a recount from the reports (``manage.py check_table_counts``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models, transaction
from django.db.models import Count, Q, Sum

from .organization import Unit
from .reports import RoundReport
from .rounds import FilingRound
from .tables import Status

#: (round id, unit id)
Pair = tuple[int, int]
STATUSES = tuple(Status.values)


class ReportTally(models.Model):
    """The live reports of ``unit`` in ``round``: how many, how many in each status, their lights summed, how many
    are published with scores that break the scoring rules, and how many of each grade."""

    round = models.ForeignKey(FilingRound, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    count = models.PositiveIntegerField("份数")
    draft = models.PositiveIntegerField("草稿", default=0)
    submitted = models.PositiveIntegerField("已提交", default=0)
    returned = models.PositiveIntegerField("退回修改", default=0)
    approved = models.PositiveIntegerField("审核通过", default=0)
    published = models.PositiveIntegerField("已公开", default=0)
    red = models.PositiveIntegerField("红灯", default=0)
    yellow = models.PositiveIntegerField("黄灯", default=0)
    green = models.PositiveIntegerField("绿灯", default=0)
    breaking = models.PositiveIntegerField("得分不合规则的已公开自评", default=0)  # with JX-S errors or warnings
    grades = models.JSONField("各等级份数", default=dict)  # grade ("" before scoring) → reports

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="one_report_tally")]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.unit_id} × {self.count}"


@dataclass
class Tally:
    """What :class:`ReportTally` keeps for one round and unit, as counted."""

    count: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    red: int = 0
    yellow: int = 0
    green: int = 0
    breaking: int = 0
    grades: dict[str, int] = field(default_factory=dict)


def _reports(pairs: Iterable[Pair] | None) -> models.QuerySet[RoundReport]:
    live = RoundReport.objects.filter(table_deleted=False).order_by()
    return live if pairs is None else live.filter(_of(pairs))


def _of(pairs: Iterable[Pair]) -> Q:
    """The rows (reports or tallies) of these rounds and units: one condition per round."""
    rounds: dict[int, set[int]] = {}
    for round_id, unit in pairs:
        rounds.setdefault(round_id, set()).add(unit)
    wanted = Q(pk__in=[])
    for round_id, units in rounds.items():
        wanted |= Q(round_id=round_id, unit_id__in=sorted(units))
    return wanted


def counted(pairs: Iterable[Pair] | None = None) -> dict[Pair, Tally]:
    """The live reports of ``pairs`` (every round and unit when None) counted from the reports themselves."""
    breaks = Q(status=Status.PUBLISHED) & (Q(error_count__gt=0) | Q(warning_count__gt=0))
    rows = (
        _reports(pairs)
        .values_list("round_id", "unit_id", "status", "grade")
        .annotate(
            n=Count("id"),
            red=Sum("red_count"),
            yellow=Sum("yellow_count"),
            green=Sum("green_count"),
            breaking=Count("id", filter=breaks),
        )
    )
    tallies: dict[Pair, Tally] = {}
    for round_id, unit, status, grade, n, red, yellow, green, breaking in rows:
        tally = tallies.setdefault((round_id, unit), Tally())
        tally.count += n
        tally.statuses[status] = tally.statuses.get(status, 0) + n
        tally.red, tally.yellow, tally.green = tally.red + red, tally.yellow + yellow, tally.green + green
        tally.breaking += breaking
        tally.grades[grade] = tally.grades.get(grade, 0) + n
    return tallies


def _row(pair: Pair, tally: Tally) -> ReportTally:
    return ReportTally(
        round_id=pair[0],
        unit_id=pair[1],
        count=tally.count,
        **{status: tally.statuses.get(status, 0) for status in STATUSES},
        red=tally.red,
        yellow=tally.yellow,
        green=tally.green,
        breaking=tally.breaking,
        grades=dict(sorted(tally.grades.items())),
    )


def kept(pairs: Iterable[Pair] | None = None) -> dict[Pair, Tally]:
    rows = ReportTally.objects.all() if pairs is None else _tallies(pairs)
    return {
        (row.round_id, row.unit_id): Tally(
            row.count,
            {status: getattr(row, status) for status in STATUSES if getattr(row, status)},
            row.red,
            row.yellow,
            row.green,
            row.breaking,
            dict(row.grades),
        )
        for row in rows
    }


def _tallies(pairs: Iterable[Pair]) -> models.QuerySet[ReportTally]:
    return ReportTally.objects.filter(_of(pairs))


def recount(pairs: Iterable[Pair] | None = None) -> None:
    """Count again the reports of ``pairs`` of (round id, unit id) (every round and unit when None), in the
    caller's transaction."""
    chosen = None if pairs is None else sorted(set(pairs))
    if chosen == []:
        return
    with transaction.atomic():
        units = Unit.objects.all() if chosen is None else Unit.objects.filter(pk__in={u for _, u in chosen})
        list(units.select_for_update().order_by("pk").values_list("pk", flat=True))  # one recount of a unit at a time
        (ReportTally.objects.all() if chosen is None else _tallies(chosen)).delete()
        ReportTally.objects.bulk_create(_row(pair, tally) for pair, tally in counted(chosen).items())


def recount_round(filing_round: FilingRound) -> None:
    """Count again every report of ``filing_round`` (after a write in bulk)."""
    units = RoundReport.objects.filter(round=filing_round).order_by().values_list("unit_id", flat=True).distinct()
    recount([(filing_round.pk, unit) for unit in units])


def drift() -> list[tuple[Pair, Tally, Tally]]:
    """(round and unit, kept, counted) wherever what is kept differs from a count of the reports."""
    have, want = kept(), counted()
    return [
        (pair, have.get(pair, Tally()), want.get(pair, Tally()))
        for pair in sorted(have.keys() | want.keys())
        if have.get(pair, Tally()) != want.get(pair, Tally())
    ]
