"""Many tables (and reports on them) at once, for the load benchmark (``bench/web_load.py``) and the query-count tests.

Each table is a record with one version, in one of the states of the default chain (:data:`STATES`, in turn), its
data one of ``samples`` under a name of its own; written by ``bulk_create`` a batch at a time. No review runs
(the counts of findings are the sample's, read once), and no audit entry or notice is written per table: this
is a database for reading, not a history.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.utils import timezone

from ..models import (
    FilingRound,
    Notice,
    NoticeKind,
    RoundReport,
    Status,
    TableRecord,
    TableVersion,
    Unit,
    reporttallies,
    tablecounts,
)
from . import search
from .findings import review_data
from .workflow import UNNAMED

if TYPE_CHECKING:
    from ..accounts import User

#: (status, stage) of the default chain: 草稿, 退回修改, at 主管部门初审, at 财政复审, 审核通过, 已公开.
STATES = (
    (Status.DRAFT, 0),
    (Status.RETURNED, 0),
    (Status.SUBMITTED, 1),
    (Status.SUBMITTED, 2),
    (Status.APPROVED, 3),
    (Status.PUBLISHED, 3),
)
PLACES = (
    "乌鲁木齐市",
    "克拉玛依市",
    "吐鲁番市",
    "哈密市",
    "昌吉州",
    "伊犁州",
    "塔城地区",
    "阿勒泰地区",
    "喀什地区",
    "和田地区",
)


def _counts(samples: Sequence[dict[str, Any]]) -> list[tuple[int, int]]:
    counted = []
    for data in samples:
        found = review_data(data).counts()
        counted.append((found["error"], found["warning"]))
    return counted


def seed_tables(
    count: int,
    samples: Sequence[dict[str, Any]],
    *,
    units: Sequence[Unit],
    actor: User,
    year: int = 2024,
    start: int = 0,
    batch: int = 2000,
) -> int:
    """Write ``count`` tables spread over ``units`` (numbered from ``start``, so that a second call adds others).
    Returns the number written."""
    counts = _counts(samples)
    departments = {unit.pk: unit.department.name for unit in units}
    written = 0
    while written < count:
        size = min(batch, count - written)
        with transaction.atomic():
            records: list[TableRecord] = []
            datas: list[dict[str, Any]] = []
            for offset in range(size):
                number = start + written + offset
                which = (number // len(STATES)) % len(samples)  # every sample in every state
                sample = samples[which]
                unit = units[number % len(units)]
                name = f"{PLACES[number % len(PLACES)]}{(sample.get('project_name') or UNNAMED).strip()}（{number}）"
                data = {**sample, "project_name": name, "year": year}
                status, stage = STATES[number % len(STATES)]
                errors, warnings = counts[which]
                records.append(
                    TableRecord(
                        unit=unit,
                        year=year,
                        project_name=name[:300],
                        status=status,
                        stage=stage,
                        error_count=errors,
                        warning_count=warnings,
                        search_text=search.text_of(name, unit.name, data),
                    )
                )
                datas.append(data)
            TableRecord.objects.bulk_create(records)
            tablecounts.add(records)
            versions = _versions(records, datas, actor)
            public = []
            for record, data in zip(records, datas, strict=True):
                if record.status == Status.PUBLISHED:
                    record.published_version_id = versions[record.pk]
                    record.public_name = record.project_name
                    record.public_year = year
                    record.public_department = departments[record.unit_id]
                    record.public_search = search.text_of(record.project_name, record.unit.name, data)
                    public.append(record)
            TableRecord.objects.bulk_update(
                public, ["published_version", "public_name", "public_year", "public_department", "public_search"]
            )
        written += size
    return written


def _versions(records: list[TableRecord], datas: list[dict[str, Any]], actor: User) -> dict[int, int]:
    """Each record's first version; record id → version id. By COPY on PostgreSQL (the data is most of the bytes
    written, and psycopg's parameters are slow for it), by ``bulk_create`` elsewhere."""
    if connection.vendor != "postgresql":
        made = TableVersion.objects.bulk_create(
            TableVersion(
                record=record,
                number=1,
                data=data,
                frozen=record.status not in (Status.DRAFT, Status.RETURNED),
                created_by=actor,
            )
            for record, data in zip(records, datas, strict=True)
        )
        return {version.record_id: version.pk for version in made}
    now = timezone.now()
    columns = "record_id, number, data, revision, frozen, is_adjustment, explanations, created_by_id, created_at"
    with (
        connection.cursor() as cursor,
        cursor.connection.cursor().copy(f"COPY web_tableversion ({columns}) FROM STDIN") as copy,
    ):
        for record, data in zip(records, datas, strict=True):
            frozen = record.status not in (Status.DRAFT, Status.RETURNED)
            copy.write_row((record.pk, 1, json.dumps(data, ensure_ascii=False), 1, frozen, False, "{}", actor.pk, now))
    found = TableVersion.objects.filter(record__in=[r.pk for r in records], number=1).values_list("record", "id")
    return dict(found)


def seed_reports(filing_round: FilingRound, *, actor: User, status: str = Status.DRAFT, batch: int = 2000) -> int:
    """A report in ``status`` (no entries) for ``filing_round`` on each approved or published table of its year and
    units that has none; the number written."""
    tables = TableRecord.objects.filter(
        year=filing_round.year,
        unit__in=filing_round.units.all(),
        status__in=(Status.APPROVED, Status.PUBLISHED),
        deleted_at__isnull=True,
    ).exclude(reports__round=filing_round)
    pairs = list(tables.filter(versions__number=1).values_list("id", "unit_id", "versions__id"))
    RoundReport.objects.bulk_create(
        (
            RoundReport(
                round=filing_round, record_id=record, unit_id=unit, version_id=version, status=status, created_by=actor
            )
            for record, unit, version in pairs
        ),
        batch_size=batch,
    )
    reporttallies.recount_round(filing_round)  # the reports' kept tallies, as their saves keep them
    return len(pairs)


def seed_notices(user: User, count: int, *, batch: int = 5000) -> None:
    """``count`` unread notices in ``user``'s inbox."""
    for first in range(0, count, batch):
        Notice.objects.bulk_create(
            Notice(user=user, kind=NoticeKind.SUBMITTED, title=f"待审核：第 {number} 张目标表", body="请审核。")
            for number in range(first, min(first + batch, count))
        )
