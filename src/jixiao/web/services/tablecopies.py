"""A table's unit, year and deletion, copied onto the rows the dashboards count without joining the tables.

:class:`~jixiao.web.models.FindingCount` keeps its table's unit and year (and :class:`~jixiao.web.models.RuleTally`
their sums), :class:`~jixiao.web.models.RoundReport` its table's unit and whether the table is deleted. Whatever
changes one of those on a table calls :func:`follow` in the same transaction, so the dashboards count the table
where it now is (and the reports' kept tallies, :mod:`~jixiao.web.models.reporttallies`, are recounted).
"""

from __future__ import annotations

from ..models import FindingCount, RoundReport, TableRecord, reporttallies
from . import ruletallies


def follow(record: TableRecord) -> None:
    """Make the copies on ``record``'s counts and reports what ``record`` (saved) now holds; a deleted table's
    per-rule counts go (it is counted nowhere), its reports stay for their audit trail but are not counted."""
    counts = FindingCount.objects.filter(record=record)
    deleted = record.deleted_at is not None
    stale = counts if deleted else counts.exclude(unit_id=record.unit_id, year=record.year)
    removed = ruletallies.rows_of(stale)
    if deleted:
        counts.delete()
    elif removed:
        counts.update(unit_id=record.unit_id, year=record.year)
    ruletallies.shift(removed, [] if deleted else [(record.year, record.unit_id, r[2], r[3]) for r in removed])
    moved = RoundReport.objects.filter(record=record).exclude(unit_id=record.unit_id, table_deleted=deleted)
    left = list(moved.values_list("round_id", "unit_id"))
    if left:
        moved.update(unit_id=record.unit_id, table_deleted=deleted)
        reporttallies.recount([*left, *((round_id, record.unit_id) for round_id, _ in left)])
