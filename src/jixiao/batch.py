"""Batch work over many files: every table in every file read, reviewed or scored, one summary row each.

A file that cannot be read becomes one row saying why, and the batch goes on. Target tables are
reviewed, self-evaluations scored and audited, monitoring reports checked, each by the kind the table
shows (its title or columns). Files are processed in worker processes when ``jobs`` > 1.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .errors import JixiaoError
from .findings import Report, Severity
from .model import TargetTable
from .reading import read_grids
from .recognize import recognize
from .recognize.monitor import recognize_monitoring
from .recognize.selfeval import recognize_selfevals
from .review import Reviewer
from .scoring import monitor, score
from .scoring.detect import detect_profiles
from .scoring.reading import MONITOR, SELFEVAL, document_kind

AUTO = "auto"


@dataclass(frozen=True)
class BatchRow:
    """One table of one file (or one unreadable file)."""

    file: str
    kind: str  # target | selfeval | monitor | error
    project_name: str | None = None
    budget_unit: str | None = None
    indicators: int = 0
    report: Report = field(default_factory=Report)
    total: Decimal | None = None  # the rule-correct total of a self-evaluation, the forecast of a report
    grade: str | None = None
    published_total: Decimal | None = None
    profile: str | None = None
    message: str | None = None  # why a file could not be read
    row: int | None = None  # first row of the table in its file

    def count(self, severity: Severity) -> int:
        return len(self.report.by_severity(severity))

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.report.codes())))


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and every regular file below folders named (hidden ones skipped), in a stable order."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.parts))
            )
        else:
            files.append(path)
    return files


def process_file(path: Path, profile: str = AUTO) -> list[BatchRow]:
    """The summary rows of one file; a reading error becomes a single ``error`` row."""
    try:
        return list(_rows(path, profile))
    except JixiaoError as error:
        return [BatchRow(str(path), "error", message=str(error), row=error.row)]


def _rows(path: Path, profile: str) -> Iterator[BatchRow]:
    reviewer = Reviewer(None if profile == AUTO else profile)
    for grid in read_grids(path):
        kind = document_kind(grid)
        if kind == SELFEVAL:
            selfevals = recognize_selfevals(grid)
            names = _profiles([(s.table, s.form_code) for s in selfevals], profile)
            for selfeval, chosen in zip(selfevals, names, strict=True):
                sheet = score(selfeval, chosen)
                yield BatchRow(
                    str(path), kind, selfeval.project_name, selfeval.table.budget_unit, len(selfeval.results),
                    total=sheet.total, grade=sheet.grade, published_total=sheet.published_total, profile=chosen,
                    row=selfeval.table.source_row, report=sheet.findings,
                )  # fmt: skip
        elif kind == MONITOR:
            reports = recognize_monitoring(grid)
            for report, chosen in zip(reports, _profiles([(r.table, None) for r in reports], profile), strict=True):
                checked = monitor(report, chosen)
                yield BatchRow(
                    str(path), kind, report.table.project_name, report.table.budget_unit, len(report.table.indicators),
                    total=checked.forecast_total, grade=checked.forecast_grade, profile=chosen,
                    row=report.table.source_row, report=checked.findings,
                )  # fmt: skip
        else:
            for table in recognize(grid):
                yield BatchRow(
                    str(path), kind, table.project_name, table.budget_unit, len(table.indicators),
                    profile=reviewer.profile.name, row=table.source_row, report=reviewer.review(table),
                )  # fmt: skip


def _profiles(tables: list[tuple[TargetTable, str | None]], profile: str) -> list[str]:
    """The profile per table: as given, or detected the way `jixiao score --profile auto` does."""
    return detect_profiles(tables) if profile == AUTO else [profile] * len(tables)


def run_batch(paths: Iterable[str | Path], *, profile: str = AUTO, jobs: int = 1) -> Iterator[BatchRow]:
    """Summary rows for every table under ``paths``, file by file in order, with ``jobs`` worker processes."""
    files = expand(paths)
    workers = max(1, min(jobs if jobs > 0 else (os.cpu_count() or 1), len(files)))
    if workers == 1:
        for file in files:
            yield from process_file(file, profile)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for rows in pool.map(process_file, files, [profile] * len(files), chunksize=8):
            yield from rows
