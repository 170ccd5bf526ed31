"""How many live tables each unit has per year, status, stage and whether they are free of errors, and the sums of
their errors and warnings, kept beside the tables so that 待办, a round's progress and the 统计 page count them in a
few hundred rows, whatever the number of tables.

Every save or deletion of a :class:`~.tables.TableRecord` recounts its unit (and the unit it left) in the same
transaction, the unit's row locked so that two recounts of one unit follow each other; writes that bypass
``save()`` call :func:`add` (new tables by ``bulk_create``, as the seeding writes them) or :func:`recount`.
:func:`drift` compares what is kept with a recount from the tables (``manage.py check_table_counts``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models, transaction
from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet, Sum

from .organization import Unit
from .tables import LIVE, Status, TableRecord

#: (unit id, year, status, stage, error_free)
Key = tuple[int, int, str, int, bool]
#: (tables, their errors, their warnings)
Tally = tuple[int, int, int]
EMPTY: Tally = (0, 0, 0)


class TableCount(models.Model):
    """``count`` live tables of ``unit`` in ``year`` with this status and stage, without errors when ``error_free``;
    ``errors`` and ``warnings`` the sums of theirs."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField("年度")
    status = models.CharField("状态", max_length=20, choices=Status.choices)
    stage = models.PositiveIntegerField("审核阶段")
    error_free = models.BooleanField("无错误")  # error_count == 0
    count = models.PositiveIntegerField("张数")
    errors = models.PositiveIntegerField("错误条数", default=0)
    warnings = models.PositiveIntegerField("警告条数", default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "status", "stage", "error_free"], name="one_table_count")
        ]
        indexes = [models.Index(fields=["year", "unit"], name="table_count_year_unit")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year} {self.status}/{self.stage} × {self.count}"


def counted(records: QuerySet[TableRecord]) -> dict[Key, Tally]:
    """The live tables of ``records`` counted (and their errors and warnings summed) by :data:`Key`, from the tables
    themselves."""
    no_errors = ExpressionWrapper(Q(error_count=0), output_field=BooleanField())
    rows = (
        records.filter(LIVE)
        .order_by()
        .annotate(error_free=no_errors)
        .values_list("unit_id", "year", "status", "stage", "error_free")
        .annotate(n=Count("id"), errors=Sum("error_count"), warnings=Sum("warning_count"))
    )
    return {
        (unit, year, status, stage, bool(is_error_free)): (n, errors or 0, warnings or 0)
        for unit, year, status, stage, is_error_free, n, errors, warnings in rows
    }


def kept(counts: QuerySet[TableCount]) -> dict[Key, Tally]:
    rows = counts.values_list("unit_id", "year", "status", "stage", "error_free", "count", "errors", "warnings")
    return {
        (unit, year, status, stage, free): (n, errors, warnings)
        for unit, year, status, stage, free, n, errors, warnings in rows
    }


def _row(key: Key, tally: Tally) -> TableCount:
    (unit, year, status, stage, error_free), (n, errors, warnings) = key, tally
    return TableCount(
        unit_id=unit,
        year=year,
        status=status,
        stage=stage,
        error_free=error_free,
        count=n,
        errors=errors,
        warnings=warnings,
    )


def recount(unit_ids: Iterable[int | None] | None = None) -> None:
    """Count again the tables of ``unit_ids`` (every unit's when None), in the caller's transaction."""
    ids = None if unit_ids is None else sorted({pk for pk in unit_ids if pk is not None})
    if ids == []:
        return
    with transaction.atomic():
        units = Unit.objects.all() if ids is None else Unit.objects.filter(pk__in=ids)
        list(units.select_for_update().order_by("pk").values_list("pk", flat=True))  # one recount of a unit at a time
        records = TableRecord.objects.all() if ids is None else TableRecord.objects.filter(unit__in=ids)
        counts = TableCount.objects.all() if ids is None else TableCount.objects.filter(unit__in=ids)
        counts.delete()
        TableCount.objects.bulk_create(_row(key, tally) for key, tally in counted(records).items())


def add(tables: Iterable[TableRecord]) -> None:
    """Count ``tables``, new live tables written without ``save()`` (by ``bulk_create``), in the caller's
    transaction: three queries, whatever their number."""
    added: dict[Key, Tally] = {}
    for record in tables:
        key = (record.unit_id, record.year, record.status, record.stage, record.error_count == 0)
        n, errors, warnings = added.get(key, EMPTY)
        added[key] = (n + 1, errors + record.error_count, warnings + record.warning_count)
    if not added:
        return
    ids = sorted({unit for unit, *_ in added})
    with transaction.atomic():
        list(Unit.objects.filter(pk__in=ids).select_for_update().order_by("pk").values_list("pk", flat=True))
        have = kept(TableCount.objects.filter(unit__in=ids))
        TableCount.objects.bulk_create(
            [
                _row(key, (had[0] + n, had[1] + errors, had[2] + warnings))
                for key, (n, errors, warnings) in added.items()
                for had in [have.get(key, EMPTY)]
            ],
            update_conflicts=True,
            unique_fields=["unit", "year", "status", "stage", "error_free"],
            update_fields=["count", "errors", "warnings"],
        )


def drift(unit_ids: Iterable[int] | None = None) -> list[tuple[Key, Tally, Tally]]:
    """(key, kept, counted) wherever what is kept differs from a count of the tables; empty when all is right."""
    ids = None if unit_ids is None else list(unit_ids)
    records = TableRecord.objects.all() if ids is None else TableRecord.objects.filter(unit__in=ids)
    counts = TableCount.objects.all() if ids is None else TableCount.objects.filter(unit__in=ids)
    have, want = kept(counts), counted(records)
    return [
        (key, have.get(key, EMPTY), want.get(key, EMPTY))
        for key in sorted(have.keys() | want.keys())
        if have.get(key, EMPTY) != want.get(key, EMPTY)
    ]
