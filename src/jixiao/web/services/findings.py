"""The review findings (审核意见) for a stored table: the one place the web app calls the review.

Every table is reviewed by :func:`jixiao.review.review` under the profile ``settings.JIXIAO_REVIEW_PROFILE``, with
the system's 指标库 when there is one (JX-R010, :mod:`.library`); a table of a known unit also by the cross-year
rules over its project's earlier years (JX-Y, :mod:`.years`). A department-wide table (部门整体) is reviewed by the
department rules (JX-D) alone, as ``jixiao review`` does (:mod:`.deptdata`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings

from jixiao.findings import Finding, Report, Severity
from jixiao.model import TargetTable
from jixiao.review import review as review_table

from ..models import FindingCount, TableRecord
from . import deptdata, library, ruletallies, years
from .tabledata import InputProblem, table_from_data

if TYPE_CHECKING:
    from ..models import Unit

log = logging.getLogger(__name__)


def review(table: TargetTable, unit: Unit | None = None) -> Report:
    report = review_table(table, profile=settings.JIXIAO_REVIEW_PROFILE, library=library.current())
    if unit is None:
        return report
    return Report((*report.findings, *years.cross_year_findings(unit, table, table.year)), report.project_name)


def finding_key(finding: Finding) -> str:
    """A stable key for a finding, to attach the unit's explanation to it across saves."""
    location = finding.location
    return f"{finding.code}|{location.indicator or ''}|{location.field or ''}"


@dataclass(frozen=True)
class Review:
    """A stored table's model, its findings and the cells that could not be read."""

    table: TargetTable
    report: Report
    problems: tuple[InputProblem, ...]
    marks: tuple[str, ...] = ()  # per indicator, the 指标库 entry it was taken from ("" for none)

    @property
    def errors(self) -> list[Finding]:
        return self.report.errors

    @property
    def warnings(self) -> list[Finding]:
        return self.report.warnings

    @property
    def blocking(self) -> bool:
        """True when the table cannot be submitted: error findings or unreadable cells remain."""
        return bool(self.report.errors or self.problems)

    @property
    def ordered(self) -> list[Finding]:
        """Errors first, then warnings, then notes; the review's order within each."""
        rank = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
        return sorted(self.report.findings, key=lambda finding: rank[finding.severity])

    def unexplained(self, explanations: dict[str, str]) -> list[Finding]:
        return [w for w in self.report.warnings if not (explanations.get(finding_key(w)) or "").strip()]

    def for_indicator(self, name: str) -> list[Finding]:
        return [f for f in self.report.findings if f.location.indicator == name]

    def table_level(self) -> list[Finding]:
        return [f for f in self.report.findings if f.location.indicator is None]

    def counts(self) -> dict[str, int]:
        counts = self.report.counts()
        counts[Severity.ERROR.value] += len(self.problems)
        return counts


def review_data(data: dict[str, Any], unit: Unit | None = None) -> Review:
    """Review a stored table (of ``unit``: with the cross-year rules). Should the review itself fail, the draft can
    still be saved but not submitted."""
    marks = tuple(library.mark_of(row.get("library")) for row in data.get("indicators", []))
    if deptdata.is_department(data):  # 部门整体: the JX-D rules, as `jixiao review` reviews it
        shown, found, problems = deptdata.review(data, settings.JIXIAO_REVIEW_PROFILE)
        return Review(shown, found, tuple(problems), marks)
    table, problems = table_from_data(data)
    try:
        report = review(table, unit)
    except Exception:
        log.exception("review failed on %r", table.project_name)
        report = Report(project_name=table.project_name)
        problems.append(InputProblem("review", "", "自动审核未能完成，暂不能提交；请联系管理员"))
    return Review(table, report, tuple(problems), marks)


def rule_counts(report: Report) -> dict[str, tuple[str, int]]:
    """rule code → (severity, number of findings) in ``report``."""
    counts: dict[str, tuple[str, int]] = {}
    for finding in report.findings:
        _severity, count = counts.get(finding.code, (finding.severity.value, 0))
        counts[finding.code] = (finding.severity.value, count + 1)
    return counts


def store_counts(record: TableRecord, result: Review) -> None:
    """Keep ``result``'s per-rule counts as ``record``'s (a saved record), replacing the previous ones, and their
    sums per unit and year; a deleted draft keeps none."""
    previous = FindingCount.objects.filter(record=record)
    removed = ruletallies.rows_of(previous)
    previous.delete()
    added: list[FindingCount] = []
    if record.deleted_at is None:
        added = FindingCount.objects.bulk_create(
            FindingCount(
                record=record, unit_id=record.unit_id, year=record.year, code=code, severity=severity, count=count
            )
            for code, (severity, count) in rule_counts(result.report).items()
        )
    ruletallies.shift(removed, ruletallies.rows_of(added))
