"""The per-rule counts summed per unit and year (:class:`~jixiao.web.models.RuleTally`), for the dashboards.

Whatever replaces, moves or deletes a table's :class:`~jixiao.web.models.FindingCount` rows passes the rows it
took away and those it wrote to :func:`shift`, in the same transaction: each sum changes by the difference, by an
``UPDATE … SET findings = findings + n`` that two saves in the same unit apply one after the other (the row lock),
so no save's change is lost. :func:`rebuild` sums every count again (after a bulk load).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, F, Sum

from ..models import FindingCount, RuleTally

#: one table's count of one rule: (year, unit id, rule code, findings)
Row = tuple[int, int, str, int]


def rows_of(counts: Iterable[FindingCount]) -> list[Row]:
    return [(c.year, c.unit_id, c.code, c.count) for c in counts]


def shift(removed: Iterable[Row], added: Iterable[Row]) -> None:
    """Take ``removed`` off the sums and add ``added`` (each row is one table's count of one rule)."""
    findings: Counter[tuple[int, int, str]] = Counter()
    tables: Counter[tuple[int, int, str]] = Counter()
    for sign, rows in ((-1, removed), (1, added)):
        for year, unit, code, count in rows:
            findings[(year, unit, code)] += sign * count
            tables[(year, unit, code)] += sign
    changed = sorted(key for key in findings.keys() | tables.keys() if findings[key] or tables[key])
    if not changed:
        return
    with transaction.atomic():
        RuleTally.objects.bulk_create(
            (RuleTally(year=year, unit_id=unit, code=code) for year, unit, code in changed), ignore_conflicts=True
        )
        for key in changed:  # in one order, so that two saves never wait on each other's rows crosswise
            year, unit, code = key
            RuleTally.objects.filter(year=year, unit_id=unit, code=code).update(
                findings=F("findings") + findings[key], tables=F("tables") + tables[key]
            )


def rebuild() -> int:
    """Every sum made again from the per-table counts; the number of sums."""
    with transaction.atomic():
        RuleTally.objects.all().delete()
        sums = FindingCount.objects.values("year", "unit_id", "code").annotate(n=Sum("count"), t=Count("id"))
        made = RuleTally.objects.bulk_create(
            (
                RuleTally(year=s["year"], unit_id=s["unit_id"], code=s["code"], findings=s["n"], tables=s["t"])
                for s in sums.order_by()
            ),
            batch_size=5000,
        )
    return len(made)
