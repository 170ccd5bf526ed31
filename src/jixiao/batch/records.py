"""The per-file work of a batch: one file read, reviewed or scored, turned into plain records.

A file becomes a :class:`FileResult`: rows for the tables, indicators, findings and scores datasets
(plain dicts of str, int, Decimal and lists, so they travel to and from worker processes and Dask
workers cheaply), or the reason it could not be read. Target tables are reviewed, self-evaluations
scored and audited, monitoring reports checked, each by the kind the table shows (its title or columns).
Nothing here needs pyarrow: a worker only needs ``jixiao[formats]``.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import units
from ..errors import JixiaoError
from ..findings import Report, Severity
from ..io.limits import MAX_FILE_BYTES
from ..model import Indicator, Target, TargetTable
from ..reading import read_grids
from ..recognize import recognize
from ..recognize.monitor import recognize_monitoring
from ..recognize.selfeval import recognize_selfevals
from ..review import Reviewer
from ..scoring import IndicatorScore, MonitorSheet, ScoreSheet, monitor, score
from ..scoring.detect import detect_profiles
from ..scoring.reading import MONITOR, SELFEVAL, document_kind

AUTO = "auto"
TARGET = "target"
Record = dict[str, Any]


@dataclass(frozen=True)
class FileJob:
    """A file to process: its place in the run, its path and its content hash.

    ``data``: the file's bytes, read once for its hash and handed to the reader in the same process (None when
    the job goes to another process, which reads the file itself, or when the file is past the size limit).
    """

    seq: int
    path: str
    digest: str
    data: bytes | None = field(default=None, repr=False, compare=False)


@dataclass
class FileResult:
    """What one file gave: rows for each dataset, or why it could not be read."""

    seq: int
    path: str
    digest: str
    tables: list[Record] = field(default_factory=list)
    indicators: list[Record] = field(default_factory=list)
    findings: list[Record] = field(default_factory=list)
    scores: list[Record] = field(default_factory=list)
    error: str | None = None
    error_row: int | None = None


def digest_of(path: Path) -> str:
    """The content hash that identifies a file across runs (BLAKE2b, 128 bits, hex), read in pieces."""
    hasher = hashlib.blake2b(digest_size=16)
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            hasher.update(chunk)
    return hasher.hexdigest()


def read_and_digest(path: Path) -> tuple[bytes | None, str]:
    """The file's bytes and their :func:`digest_of`, from one read; a file past the size any reader takes is hashed
    in pieces and its bytes are not kept (None)."""
    hasher = hashlib.blake2b(digest_size=16)
    with path.open("rb") as stream:
        if os.fstat(stream.fileno()).st_size <= MAX_FILE_BYTES:
            data = stream.read()
            hasher.update(data)
            return data, hasher.hexdigest()
        while chunk := stream.read(1 << 20):
            hasher.update(chunk)
    return None, hasher.hexdigest()


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and every regular file below folders named (hidden ones skipped), in a stable order.

    Below a folder named, files and folders whose names start with a dot are skipped; the folder named is read
    whatever its path (``..``, ``~/.cache/tables``): it was asked for.
    """
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(_files_below(path)))
        else:
            files.append(path)
    return files


def has_files(folder: Path) -> bool:
    """Whether :func:`expand` finds a file below ``folder`` (the listing stops at the first one)."""
    return next(_files_below(folder), None) is not None


def _files_below(folder: Path) -> Iterator[Path]:
    """The files below ``folder`` whose names start with no dot, in folders whose names start with none either; a
    link to a file counts, a link to a folder is not followed, a folder that may not be listed is passed over."""
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except PermissionError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and not entry.is_symlink():
            yield from _files_below(folder / entry.name)
        elif entry.is_file():
            yield folder / entry.name


@lru_cache(maxsize=16)
def _reviewer(profile: str) -> Reviewer:
    """One reviewer per profile and process: rules are chosen once, not per file."""
    return Reviewer(None if profile == AUTO else profile)


def process_file(job: FileJob, profile: str = AUTO) -> FileResult:
    """The records of one file; a reading error becomes the result's ``error``."""
    result = FileResult(job.seq, job.path, job.digest)
    try:
        tables = _tables(Path(job.path), profile, job.data)
        for index, (kind, chosen, table, report, sheet, indicator_rows) in enumerate(tables):
            table_id = f"{job.digest[:20]}-{index:04d}"
            result.tables.append(_table_record(job, index, table_id, kind, chosen, table, report))
            for position, row in enumerate(indicator_rows):  # each row is its own dict: completed in place
                row["table_id"], row["position"] = table_id, position
            result.indicators.extend(indicator_rows)
            result.findings.extend(_finding_records(table_id, report))
            if sheet is not None:
                result.scores.append(_score_record(table_id, sheet))
    except JixiaoError as error:
        return FileResult(job.seq, job.path, job.digest, error=str(error), error_row=error.row)
    return result


#: (kind, profile, table, findings, score sheet, indicator rows) of one table
Recognized = tuple[str, str, TargetTable, Report, ScoreSheet | MonitorSheet | None, list[Record]]


def _tables(path: Path, profile: str, data: bytes | None) -> Iterator[Recognized]:
    for grid in read_grids(path, data=data):
        kind = document_kind(grid)
        if kind == SELFEVAL:
            selfevals = recognize_selfevals(grid)
            names = _profiles([(s.table, s.form_code) for s in selfevals], profile)
            for selfeval, chosen in zip(selfevals, names, strict=True):
                sheet = score(selfeval, chosen)
                scored = {id(item.result): item for item in sheet.indicators}
                rows = [
                    _indicator_record(r.indicator) | _result_fields(r.actual, scored.get(id(r)))
                    for r in selfeval.results
                ]
                yield kind, chosen, selfeval.table, sheet.findings, sheet, rows
        elif kind == MONITOR:
            reports = recognize_monitoring(grid)
            for report, chosen in zip(reports, _profiles([(r.table, None) for r in reports], profile), strict=True):
                checked = monitor(report, chosen)
                rows = [_indicator_record(m.indicator) | _result_fields(m.to_date, None) for m in report.indicators]
                yield kind, chosen, report.table, checked.findings, checked, rows
        else:
            reviewer = _reviewer(profile)
            for table in recognize(grid):
                rows = [_indicator_record(indicator) | _NO_RESULT for indicator in table.indicators]
                yield TARGET, reviewer.profile.name, table, reviewer.review(table), None, rows


def _profiles(tables: list[tuple[TargetTable, str | None]], profile: str) -> list[str]:
    """The profile per table: as given, or detected the way `jixiao score --profile auto` does."""
    return detect_profiles(tables) if profile == AUTO else [profile] * len(tables)


def _table_record(
    job: FileJob, index: int, table_id: str, kind: str, profile: str, table: TargetTable, report: Report
) -> Record:
    funding = table.funding
    return {
        "table_id": table_id, "file": job.path, "file_digest": job.digest, "file_seq": job.seq,
        "table_index": index, "kind": kind, "source_row": table.source_row, "title": table.title,
        "year": table.year, "project_name": table.project_name, "budget_unit": table.budget_unit,
        "department": table.department, "implementer": table.implementer, "project_lead": table.project_lead,
        "funding_total": funding.total, "funding_fiscal": funding.fiscal, "funding_other": funding.other,
        "funding_unit": funding.unit, "indicators": len(table.indicators), "notes": len(table.notes),
        "errors": len(report.by_severity(Severity.ERROR)), "warnings": len(report.by_severity(Severity.WARNING)),
        "infos": len(report.by_severity(Severity.INFO)), "codes": sorted(set(report.codes())), "profile": profile,
    }  # fmt: skip


def _indicator_record(indicator: Indicator) -> Record:
    target, prior = indicator.target, indicator.prior
    return {
        "row": indicator.source.row, "level1": indicator.level1, "level2": indicator.level2,
        "number": indicator.number, "name": indicator.name,
        "target_text": target.text if target else None, "target_kind": target.kind.value if target else None,
        "operator": target.operator.value if target and target.operator else None,
        "target_value": target.value if target else None, "target_upper": target.upper if target else None,
        "target_unit": target.unit if target else None,
        "prior_text": prior.text if prior else None, "prior_value": prior.value if prior else None,
        "prior_unit": prior.unit if prior else None, "prior_in_target_unit": _in_unit(prior, target),
        "weight": indicator.weight, "basis": indicator.basis, "scoring_rule": indicator.scoring_rule,
    }  # fmt: skip


def _in_unit(value: Target | None, target: Target | None) -> Decimal | None:
    """``value`` in the target's unit, when both are numbers of one dimension."""
    if value is None or value.value is None or target is None or target.value is None:
        return None
    if not units.same_dimension(value.unit, target.unit):
        return None
    return units.convert(value.value, value.unit, target.unit)


def _result_fields(actual: Target | None, scored: IndicatorScore | None) -> Record:
    """The columns of an indicator's result: its actual value and its score (empty for a target table's)."""
    return {
        "actual_text": actual.text if actual else None, "actual_value": actual.value if actual else None,
        "actual_unit": actual.unit if actual else None,
        "score": scored.score if scored is not None else None,
        "published_score": scored.published_score if scored is not None else None,
        "status": str(scored.status) if scored is not None else None,
    }  # fmt: skip


#: The result columns of a target table's indicator, which has neither an actual value nor a score.
_NO_RESULT = _result_fields(None, None)


def _finding_records(table_id: str, report: Report) -> Iterator[Record]:
    for position, finding in enumerate(report.findings):
        location = finding.location
        yield {
            "table_id": table_id, "position": position, "code": finding.code, "severity": finding.severity.value,
            "group": finding.group, "title": finding.title, "message": finding.message,
            "indicator": location.indicator, "field": location.field, "row": location.row, "column": location.column,
        }  # fmt: skip


def _score_record(table_id: str, sheet: ScoreSheet | MonitorSheet) -> Record:
    if isinstance(sheet, MonitorSheet):
        return {
            "table_id": table_id, "total": sheet.forecast_total,
            "scored_total": None, "grade": sheet.forecast_grade, "published_total": None, "published_grade": None,
            "budget_rate": sheet.rate, "budget_score": None, "budget_published_score": None, "budget_weight": None,
        }  # fmt: skip
    budget = sheet.budget
    return {
        "table_id": table_id, "total": sheet.total,
        "scored_total": sheet.scored_total, "grade": sheet.grade, "published_total": sheet.published_total,
        "published_grade": sheet.published_grade, "budget_rate": budget.rate, "budget_score": budget.score,
        "budget_published_score": budget.published_score, "budget_weight": budget.weight,
    }  # fmt: skip
