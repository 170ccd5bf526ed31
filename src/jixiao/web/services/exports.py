"""Exports through the core's writers: a table version in the official 目标表 layout (xlsx, docx, PDF, JSON; a
部门整体支出绩效目标表 in its own layout, xlsx, docx, PDF), and a monitoring or self-evaluation report in the official
监控表 or 自评表 layout (xlsx, docx, PDF)."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from jixiao.io.writers import write
from jixiao.io.writers.layout_selfeval import with_scores
from jixiao.io.writers.reports import Report, write_reports
from jixiao.model import TargetTable

from ..models import RoundKind, RoundReport, TableVersion
from . import deptdata
from .findings import review_data

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "json": "application/json; charset=utf-8",
}
LABELS = {"xlsx": "Excel（xlsx）", "docx": "Word（docx）", "pdf": "PDF", "json": "JSON"}


def export(version: TableVersion, kind: str) -> bytes:
    """The version's table as a file of ``kind`` (a key of :data:`CONTENT_TYPES`)."""
    if kind not in CONTENT_TYPES:
        raise ValueError(kind)
    if deptdata.is_department(version.data):
        if kind not in REPORT_KINDS:
            raise ValueError(kind)
        department, _shown, _problems = deptdata.department_from_data(version.data)
        with tempfile.TemporaryDirectory(prefix="jixiao-export-") as folder:
            return write_reports([department], Path(folder) / f"table.{kind}").read_bytes()
    table = review_data(version.data).table
    with tempfile.TemporaryDirectory(prefix="jixiao-export-") as folder:
        path = write([table], Path(folder) / f"table.{kind}")
        return path.read_bytes()


REPORT_KINDS = ("xlsx", "docx", "pdf")
REPORT_LABELS = {kind: LABELS[kind] for kind in REPORT_KINDS}


def report_model(report: RoundReport) -> Report:
    """The report as the core model: a 监控表 with the unit's entries and the execution rate to date, or a 自评表 with
    the scores reported (the unit's own where it changed one, else jixiao's), the total, the grade and the rate. The
    header names the unit's 主管部门 and the unit where the target table leaves them blank. A department's 评分表 is
    its own layout with the department's scores, the total (jixiao's when none is given) and jixiao's grade."""
    from . import deptselfeval, monitoring, selfeval

    if deptdata.is_department(report.version.data):
        rated = deptselfeval.evaluation(report)
        rubric, _problems = deptselfeval.rubric(rated.data, rated.table.department, rated.table.year)
        total = rubric.published_total if rubric.published_total is not None else rated.total
        return dataclasses.replace(rubric, published_total=total, grade=rated.grade)
    unit = report.record.unit
    if report.round.kind == RoundKind.MONITORING:
        watched = monitoring.evaluation(report)
        table = _with_organisation(watched.table, unit.department.name, unit.name)
        model, _problems = monitoring.build(watched.data, table, watched.month)
        rate = watched.sheet.rate if watched.sheet else None
        return dataclasses.replace(model, budget=dataclasses.replace(model.budget, rate=rate))
    scored = selfeval.evaluation(report)
    table = _with_organisation(scored.table, unit.department.name, unit.name)
    finals = {row.index: row.final for row in scored.rows if row.final is not None}
    published, _problems = selfeval.build(scored.data, table, finals, scored.budget_final, scored.total, scored.grade)
    return with_scores(published, scored.sheet)


def _with_organisation(table: TargetTable, department: str, unit: str) -> TargetTable:
    return dataclasses.replace(table, department=table.department or department, implementer=table.implementer or unit)


def export_report(report: RoundReport, kind: str) -> bytes:
    """The report as a file of ``kind`` (one of :data:`REPORT_KINDS`) in its official layout."""
    if kind not in REPORT_KINDS:
        raise ValueError(kind)
    with tempfile.TemporaryDirectory(prefix="jixiao-export-") as folder:
        path = write_reports([report_model(report)], Path(folder) / f"report.{kind}")
        return path.read_bytes()
