"""A table's project across the years in the web (跨年度): last year's table, the year diff, the JX-Y rules, and
the reviewers' link decisions.

A project is the unit's tables whose names are the same without the year (:func:`jixiao.library.names.project_key`):
``2023年国有资本经营预算项目`` and ``2024年国有资本经营预算项目``. A year's targets are its published version (else
its latest); its actuals come from the unit's 自评 of that year's 绩效自评 round (a report made in the web, else
a 自评表 filed as a file). Links between two years' indicators are proposed by :mod:`jixiao.years` and decided by
a reviewer (``years.link``): an accepted or broken link is an :class:`~jixiao.web.models.IndicatorLink`, audited
on the later table, and used by the diff and by the JX-Y rules in every review of the project.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction

from jixiao.errors import JixiaoError
from jixiao.findings import Finding
from jixiao.library.names import project_key
from jixiao.model import TargetTable
from jixiao.model_selfeval import SelfEvaluation
from jixiao.reading import read_grids
from jixiao.recognize.selfeval import recognize_selfevals
from jixiao.scoring.reading import SELFEVAL, document_kind
from jixiao.years import Decisions, DiffLine, History, Link, YearTables, check_history, year_diff
from jixiao.years.links import Decision, Ref

from .. import permissions as perms
from ..models import AuditAction, IndicatorLink, RoundFiling, RoundKind, RoundReport, TableRecord, Unit, UploadedFile
from . import audit, scratch
from .tabledata import table_from_data

if TYPE_CHECKING:
    from ..accounts import User

log = logging.getLogger(__name__)

_lock = threading.Lock()
_read: dict[int, tuple[SelfEvaluation, ...]] = {}  # upload pk → its 自评表 (an upload never changes)


class LinkRefused(Exception):
    """A link decision that cannot be taken; the message says why."""


def targets_of(record: TableRecord) -> TargetTable:
    """A year's targets: the published version's, else the latest's."""
    version = record.published_version or record.latest
    return table_from_data(version.data)[0]


def _earlier_records(unit: Unit, project: str, year: int) -> dict[int, TableRecord]:
    """The project's tables of the years before ``year``: per year the published one, else the newest."""
    found: dict[int, TableRecord] = {}
    records = TableRecord.objects.filter(unit=unit, deleted_at__isnull=True, year__lt=year)
    for record in records.order_by("year", "published_version", "updated_at", "pk"):
        if project_key(record.project_name) != project:
            continue
        chosen = found.get(record.year)
        if chosen is None or chosen.published_version_id is None or record.published_version_id is not None:
            found[record.year] = record
    return found


def _selfevals_in(upload: UploadedFile) -> tuple[SelfEvaluation, ...]:
    with _lock:
        if upload.pk in _read:
            return _read[upload.pk]
    found: list[SelfEvaluation] = []
    try:
        with scratch.on_disk(bytes(upload.content), Path(upload.name).suffix) as file:
            for grid in read_grids(file, scans=False):
                if document_kind(grid) == SELFEVAL:
                    found.extend(recognize_selfevals(grid))
    except JixiaoError:
        log.info("the 自评表 %s (upload %s) cannot be read", upload.name, upload.pk)
    with _lock:
        _read[upload.pk] = tuple(found)
    return tuple(found)


def _filed(unit: Unit, project: str, up_to: int) -> dict[int, SelfEvaluation]:
    """The project's 自评表 filed as files in the unit's 绩效自评 rounds up to ``up_to``, the latest per year."""
    found: dict[int, SelfEvaluation] = {}
    filings = RoundFiling.objects.filter(unit=unit, round__kind=RoundKind.SELF_EVALUATION, round__year__lte=up_to)
    for filing in filings.select_related("round", "upload").order_by("filed_at", "pk"):
        for selfeval in _selfevals_in(filing.upload):
            if project_key(selfeval.table.project_name) == project:
                found[filing.round.year] = selfeval
    return found


def _reported(unit: Unit, project: str, up_to: int) -> dict[int, SelfEvaluation]:
    """The project's 自评 reports made in the web up to ``up_to`` and submitted at least once, the latest per year:
    the actual values entered on that year's 目标表."""
    from .selfeval import build, cleaned  # the 自评 service reviews through the workflow, which reads this one

    found: dict[int, SelfEvaluation] = {}
    reports = RoundReport.objects.filter(
        record__unit=unit, round__kind=RoundKind.SELF_EVALUATION, round__year__lte=up_to, submitted_at__isnull=False
    )
    for report in reports.select_related("round", "record", "version").order_by("updated_at", "pk"):
        if project_key(report.record.project_name) != project:
            continue
        table = table_from_data(report.version.data)[0]
        found[report.round.year] = build(cleaned(report.data, report.version.data), table)[0]
    return found


def selfevals(unit: Unit, project: str, up_to: int) -> dict[int, SelfEvaluation]:
    """The project's self-evaluations up to year ``up_to``: each year's 自评 report made in the web, else its
    自评表 filed as a file."""
    return {**_filed(unit, project, up_to), **_reported(unit, project, up_to)}


def decisions(unit: Unit, project: str) -> Decisions:
    return Decisions(
        [
            Decision(project, Ref(d.earlier_year, d.earlier_name), Ref(d.later_year, d.later_name), d.accepted)
            for d in IndicatorLink.objects.filter(unit=unit, project=project)
        ]
    )


def history(unit: Unit, table: TargetTable, year: int) -> History | None:
    """The project's years up to ``year``, whose targets are ``table`` (as being edited or reviewed)."""
    project = project_key(table.project_name)
    if not project:
        return None
    earlier = _earlier_records(unit, project, year)
    actuals = selfevals(unit, project, year)
    years = [YearTables(y, targets_of(record), actuals.get(y)) for y, record in sorted(earlier.items())]
    years.append(YearTables(year, table, actuals.get(year)))
    return History(unit.name, project, tuple(years), decisions(unit, project))


def cross_year_findings(unit: Unit, table: TargetTable, year: int | None) -> list[Finding]:
    """The JX-Y findings about ``year``'s table: those of the whole history less those the earlier years give
    alone (a target of two years ago below its year's actual is not this table's)."""
    if year is None:
        return []
    found = history(unit, table, year)
    if found is None or (len(found.years) < 2 and found.years[-1].selfeval is None):
        return []
    profile = settings.JIXIAO_REVIEW_PROFILE
    before = History(found.unit, found.project, found.years[:-1], found.decisions)
    old = {(f.code, f.message) for f in check_history(before, profile).findings} if before.years else set()
    return [f for f in check_history(found, profile).findings if (f.code, f.message) not in old]


@dataclass(frozen=True)
class YearDiff:
    """A table compared with its project's table of the year before."""

    record: TableRecord
    earlier_record: TableRecord | None
    earlier: YearTables | None
    later: YearTables
    links: tuple[Link, ...]
    lines: tuple[DiffLine, ...]

    def counts(self) -> dict[str, int]:
        counted: dict[str, int] = {}
        for line in self.lines:
            counted[line.change.value] = counted.get(line.change.value, 0) + 1
        return counted

    def link_of(self, line: DiffLine) -> Link | None:
        if line.later is None or line.earlier is None:
            return None
        return next((link for link in self.links if link.later.name == line.later.name), None)


def compare_with_last_year(record: TableRecord) -> YearDiff:
    """``record``'s latest version against last year's table of its project (none: every indicator is new)."""
    table = table_from_data(record.latest.data)[0]
    project = project_key(table.project_name)
    year = record.year
    earlier_record = _earlier_records(record.unit, project, year).get(year - 1) if project else None
    actuals = selfevals(record.unit, project, year) if project else {}
    later = YearTables(year, table, actuals.get(year))
    if earlier_record is None:
        return YearDiff(record, None, None, later, (), tuple(year_diff((), later.indicators, ())))
    earlier = YearTables(year - 1, targets_of(earlier_record), actuals.get(year - 1))
    found = History(record.unit.name, project, (earlier, later), decisions(record.unit, project))
    links = tuple(found.links(earlier, later))
    return YearDiff(record, earlier_record, earlier, later, links,
                    tuple(year_diff(earlier.indicators, later.indicators, links)))  # fmt: skip


def decide_link(record: TableRecord, *, actor: User, earlier: str, later: str, accept: bool) -> IndicatorLink:
    """A reviewer accepts (``accept``) or breaks the link between last year's indicator ``earlier`` and this
    year's ``later`` of ``record``'s project; one audit entry on ``record``."""
    perms.require(actor, perms.LINKS)
    compared = compare_with_last_year(record)
    if compared.earlier is None or compared.earlier_record is None:
        raise LinkRefused("没有上年的目标表，无法关联指标")
    if earlier not in {i.name for i in compared.earlier.indicators}:
        raise LinkRefused(f"上年的目标表中没有指标“{earlier}”")
    if later not in {i.name for i in compared.later.indicators}:
        raise LinkRefused(f"本年的目标表中没有指标“{later}”")
    project = project_key(compared.later.table.project_name)
    with transaction.atomic():
        link, _created = IndicatorLink.objects.update_or_create(
            unit=record.unit,
            project=project,
            earlier_year=compared.earlier.year,
            earlier_name=earlier,
            later_year=compared.later.year,
            later_name=later,
            defaults={"accepted": accept, "decided_by": actor},
        )
        change: dict[str, Any] = {"field": "link", "indicator": later, "before": earlier,
                                  "after": "确认关联" if accept else "断开关联"}  # fmt: skip
        audit.record(
            record,
            actor=actor,
            action=AuditAction.LINK,
            comment=f"{'确认' if accept else '断开'}跨年度关联：{compared.earlier.year}年“{earlier}”—"
            f"{compared.later.year}年“{later}”",
            diff=[change],
            version_number=record.latest.number,
        )
    return link
