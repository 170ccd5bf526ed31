"""绩效监控 and 绩效自评 of an approved 目标表 in a round: read the unit's report (lights, forecast, scores, findings)
and save its entries, through :mod:`..services.monitoring` and :mod:`..services.selfeval` as the report pages do.

A report that has not been started reads as its blank entries (``id`` null, ``revision`` 0); the first save starts
it (201), later saves name the revision they were made on (200, or ``edit_conflict``).
"""

from __future__ import annotations

from decimal import Decimal
from types import ModuleType
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status as Answer
from ninja.responses import codes_4xx

from jixiao.scoring.monitor import Light

from .. import permissions as perms
from ..models import FilingRound, RoundKind, RoundReport, TableRecord
from ..services import monitoring, reports, selfeval
from . import render
from .auth import caller
from .errors import ApiError, ErrorOut
from .schemas import Comment, FindingOut, ProblemOut, Text

router = Router(tags=["绩效监控与自评"])


class MonitoringData(Schema):
    """The unit's entries: one per indicator of the target version, in its order (names are the table's)."""

    budget: dict[str, Text] = Field(default_factory=dict, description="executed, forecast, reason, measures")
    indicators: list[dict[str, Text]] = Field(
        default_factory=list, max_length=1000, description="to_date, forecast, likelihood, reason, measures"
    )


class SelfevalData(MonitoringData):
    goal_actual: Text = ""
    deviation: Text = ""
    indicator_points: Text = ""


class MonitoringIn(Schema):
    revision: int = Field(ge=0, description="读取时的修订号；尚未开始填报时为 0")
    data: MonitoringData
    comment: Comment = ""


class SelfevalIn(Schema):
    revision: int = Field(ge=0, description="读取时的修订号；尚未开始填报时为 0")
    data: SelfevalData
    comment: Comment = ""


class ReportOut(Schema):
    id: int | None = Field(description="报告 id；尚未开始填报时为 null")
    round: int
    table: int
    kind: str
    status: str = Field(description="not_started, draft, submitted, returned, approved, published")
    status_label: str
    revision: int
    target_version: int = Field(description="所依据的目标表版本")
    actions: list[str]
    data: dict[str, Any]
    summary: dict[str, Any] = Field(
        description="监控：预算执行灯、红黄绿灯数、预计得分；自评：总分、等级、预算执行得分"
    )
    rows: list[dict[str, Any]] = Field(description="每个指标：监控的灯和进度，或自评的得分（jixiao 的与单位填报的）")
    findings: list[FindingOut]
    problems: list[ProblemOut]
    blocking: list[str] = Field(description="提交前须改正的问题")


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _round_and_table(
    request: HttpRequest, pk: int, table: int, kind: str, permission: str
) -> tuple[FilingRound, TableRecord]:
    user = caller(request)
    filing_round = perms.rounds_in_scope(user).filter(pk=pk).first()
    if filing_round is None or filing_round.kind != kind:
        raise ApiError(404, "not_found", f"没有这个{reports.KIND_LABELS[kind]}任务")
    return filing_round, perms.table_for(user, table, permission)


def _report(filing_round: FilingRound, record: TableRecord, module: ModuleType) -> RoundReport:
    """The stored report, or an unsaved one with the blank entries of the version it would be made on."""
    found = RoundReport.objects.filter(round=filing_round, record=record).select_related("version").first()
    if found is not None:
        return found
    version = reports.target_version(record)
    if version is None:
        raise ApiError(409, "wrong_state", f"“{record.project_name}”的目标表尚未审核通过，还没有报告")
    return RoundReport(
        round=filing_round, record=record, version=version, data=module.empty_data(version.data), revision=0
    )


def _document(request: HttpRequest, report: RoundReport, module: ModuleType) -> dict[str, Any]:
    result = module.evaluation(report)
    if module is monitoring:
        sheet = result.sheet
        summary = {
            "budget_light": result.budget_light.value if result.budget_light else None,
            "execution_rate": _number(sheet.rate) if sheet else None,
            "expected_rate": _number(sheet.expected) if sheet else None,
            **{light.value: result.count(light) for light in (Light.RED, Light.YELLOW, Light.GREEN)},
            "forecast_total": _number(sheet.forecast_total) if sheet else None,
            "forecast_grade": (sheet.forecast_grade if sheet else None) or None,
        }
        rows = [
            {
                "index": row.index,
                "name": row.name,
                "target": row.target,
                "light": row.light.value if row.light else None,
                "progress": _number(row.watch.progress) if row.watch else None,
                "needs_reason": row.needs_reason,
            }
            for row in result.rows
        ]
    else:
        summary = {
            "total": _number(result.total),
            "grade": result.grade,
            "budget_score": _number(result.budget_final),
            "overrides": result.override_count,
        }
        rows = [
            {
                "index": row.index,
                "name": row.name,
                "target": row.target,
                "score": _number(row.scored.score),
                "override": _number(row.override),
                "final": _number(row.final),
            }
            for row in result.rows
        ]
    started = report.pk is not None
    return {
        "id": report.pk,
        "round": report.round_id,
        "table": report.record_id,
        "kind": report.round.kind,
        "status": report.status if started else "not_started",
        "status_label": reports.label(report) if started else "未开始填报",
        "revision": report.revision,
        "target_version": report.version.number,
        "actions": sorted(reports.actions(report, caller(request))) if started else [],
        "data": result.data,
        "summary": summary,
        "rows": rows,
        "findings": [render.finding(f) for f in result.findings],
        "problems": [
            {"field": p.field, "text": p.text, "message": p.message, "indicator": p.indicator} for p in result.problems
        ],
        "blocking": result.blocking,
    }


def _get(request: HttpRequest, pk: int, table: int, kind: str, module: ModuleType) -> dict[str, Any]:
    filing_round, record = _round_and_table(request, pk, table, kind, perms.VIEW)
    return _document(request, _report(filing_round, record, module), module)


def _save(
    request: HttpRequest, pk: int, table: int, kind: str, module: ModuleType, body: MonitoringIn | SelfevalIn
) -> Answer[dict[str, Any]]:
    user = caller(request)
    filing_round, record = _round_and_table(request, pk, table, kind, perms.EDIT)
    report = RoundReport.objects.filter(round=filing_round, record=record).first()
    started = report is None
    if report is None:
        if body.revision != 0:
            raise ApiError(409, "edit_conflict", "这份报告还没有开始填报：首次保存时 revision 为 0")
        report = module.get(record, filing_round, actor=user)
        revision = report.revision
    else:
        revision = body.revision
    module.save(report, actor=user, data=body.data.model_dump(), revision=revision, comment=body.comment.strip())
    report.refresh_from_db()
    return Answer(201 if started else 200, _document(request, report, module))


@router.get(
    "/rounds/{pk}/tables/{table}/monitoring",
    operation_id="monitoring_get",
    summary="绩效监控报告",
    url_name="monitoring_get",
    response={200: ReportOut, codes_4xx: ErrorOut},
)
def monitoring_get(request: HttpRequest, pk: int, table: int) -> dict[str, Any]:
    """The unit's 绩效监控 of table ``table`` in round ``pk``: entries, lights, forecast score and findings."""
    return _get(request, pk, table, RoundKind.MONITORING, monitoring)


@router.post(
    "/rounds/{pk}/tables/{table}/monitoring",
    operation_id="monitoring_save",
    summary="保存绩效监控",
    url_name="monitoring_save",
    response={200: ReportOut, 201: ReportOut, codes_4xx: ErrorOut},
)
def monitoring_save(request: HttpRequest, pk: int, table: int, body: MonitoringIn) -> Answer[dict[str, Any]]:
    """Save the unit's monitoring entries (the first save starts the report: 201)."""
    return _save(request, pk, table, RoundKind.MONITORING, monitoring, body)


@router.get(
    "/rounds/{pk}/tables/{table}/selfeval",
    operation_id="selfeval_get",
    summary="绩效自评报告",
    url_name="selfeval_get",
    response={200: ReportOut, codes_4xx: ErrorOut},
)
def selfeval_get(request: HttpRequest, pk: int, table: int) -> dict[str, Any]:
    """The unit's 绩效自评 of table ``table`` in round ``pk``: entries, jixiao's scores, the scores reported."""
    return _get(request, pk, table, RoundKind.SELF_EVALUATION, selfeval)


@router.post(
    "/rounds/{pk}/tables/{table}/selfeval",
    operation_id="selfeval_save",
    summary="保存绩效自评",
    url_name="selfeval_save",
    response={200: ReportOut, 201: ReportOut, codes_4xx: ErrorOut},
)
def selfeval_save(request: HttpRequest, pk: int, table: int, body: SelfevalIn) -> Answer[dict[str, Any]]:
    """Save the unit's self-evaluation entries (the first save starts the report: 201)."""
    return _save(request, pk, table, RoundKind.SELF_EVALUATION, selfeval, body)
