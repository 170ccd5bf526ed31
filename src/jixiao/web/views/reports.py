"""Monitoring (绩效监控) and self-evaluation (绩效自评) reports: the unit's form with live lights or scores, the
review and publication, the lights of every unit in a round."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .. import permissions as perms
from ..accounts import AuthenticatedRequest
from ..forms import BadInput, PageChoice, text_of
from ..models import Decision, RoundKind, RoundReport
from ..services import deptselfeval, exports, monitoring, reportkinds, reports, selfeval, workflow
from .paging import kept, page_of
from .refusals import bad_request
from .rounds import round_for

#: a round's reports, by their tables' department, unit and project
REPORT_ORDER = ("record__unit__department__name", "record__unit__name", "record__project_name", "id")
REPORT_PAGE = 50


def service(report: RoundReport) -> ModuleType:
    return reportkinds.module_for(report.round.kind, report.version.data)


def _revision(request: AuthenticatedRequest) -> int:
    try:
        value = int(request.POST.get("revision", ""))
    except ValueError:
        raise BadInput(["缺少修订号（revision），请重新打开页面"]) from None
    if not 0 < value < 2**31:
        raise BadInput(["修订号（revision）不对，请重新打开页面"])
    return value


def posted(request: AuthenticatedRequest, report: RoundReport) -> dict[str, Any]:
    """The entries as posted; a value the form does not show (a 自评表's block points) is kept as stored."""
    module = service(report)
    stored = module.cleaned(report.data, report.version.data)
    post = request.POST

    def value(name: str, label: str, before: str) -> str:
        return text_of(post, name, label) if name in post else before

    budget = {k: value(f"budget-{k}", "预算执行", stored["budget"][k]) for k in module.BUDGET_ENTRIES}
    blank = dict.fromkeys(module.INDICATOR_ENTRIES, "")
    shown = [*stored["indicators"], *[blank] * getattr(module, "EXTRA_ROWS", 0)]  # a 评分表 may grow
    rows = [
        {k: value(f"ind-{i}-{k}", f"第 {i + 1} 个指标", row[k]) for k in module.INDICATOR_ENTRIES}
        for i, row in enumerate(shown)
    ]
    data: dict[str, Any] = {"budget": budget, "indicators": rows}
    for name in getattr(module, "TEXT_ENTRIES", ()):
        data[name] = value(name, "自评说明", stored[name])
    return data


def _context(report: RoundReport, result: Any, request: AuthenticatedRequest, **extra: Any) -> dict[str, Any]:
    return {
        "report": report,
        "record": report.record,
        "round": report.round,
        "result": result,
        "monitoring": report.round.kind == RoundKind.MONITORING,
        "department": service(report) is deptselfeval,
        "extra_rows": range(len(result.rows), len(result.rows) + deptselfeval.EXTRA_ROWS),
        "label": reports.label(report),
        "report_stage": reports.current(report).name,
        "can_do": reports.actions(report, request.user),
        "likelihoods": monitoring.LIKELIHOODS,
        "judgements": selfeval.JUDGEMENTS,
        "decisions": report.decisions.select_related("reviewer")[:20],
        "export_kinds": exports.REPORT_LABELS.items(),
        **extra,
    }


@login_required
@require_POST
def report_start(request: AuthenticatedRequest, pk: int, table: int) -> HttpResponse:
    """The unit opens (the first time: starts) its report on one of its approved tables for the round."""
    filing_round = round_for(request, pk)
    record = perms.table_for(request.user, table, perms.EDIT)
    version = reports.target_version(record)
    module = reportkinds.module_for(filing_round.kind, version.data if version is not None else {})
    try:
        report = module.get(record, filing_round, actor=request.user)
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
        return redirect("web:round_detail", pk=filing_round.pk)
    return redirect("web:report_edit", pk=report.pk)


@login_required
def report_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report = reports.report_for(request.user, pk)
    result = service(report).evaluation(report)
    return render(request, "web/report_detail.html", _context(report, result, request))


@login_required
def report_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report = reports.report_for(request.user, pk, perms.EDIT)
    module = service(report)
    if "edit" not in reports.actions(report, request.user):
        messages.error(request, f"报告当前为“{reports.label(report)}”，不能修改。")
        return redirect("web:report_detail", pk=report.pk)
    if request.method != "POST":
        result = module.evaluation(report)
        return render(request, "web/report_edit.html", _context(report, result, request))
    try:
        data = posted(request, report)
        revision = _revision(request)
        then = text_of(request.POST, "then", "操作")
        result = module.save(report, actor=request.user, data=data, revision=revision)
        if then == "submit":
            report.refresh_from_db()
            module.submit(report, actor=request.user, revision=report.revision)
    except BadInput as bad:
        result = module.evaluation(report)
        context = _context(report, result, request, form_errors=bad.messages)
        return render(request, "web/report_edit.html", context, status=400)
    except reports.ReportChanged as changed:
        result = module.evaluation(report, data)
        context = _context(changed.current, result, request, form_errors=[str(changed)])
        return render(request, "web/report_edit.html", context, status=409)
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
        return redirect("web:report_edit", pk=report.pk)
    if then == "submit":
        messages.success(request, "已提交审核。")
        return redirect("web:report_detail", pk=report.pk)
    messages.success(request, "已保存。")
    return redirect("web:report_edit", pk=report.pk)


@login_required
@require_POST
def report_live(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """htmx: the lights or scores of the form's current (unsaved) entries."""
    report = reports.report_for(request.user, pk, perms.EDIT)
    try:
        data = posted(request, report)
    except BadInput as bad:
        result = service(report).evaluation(report)
        context = _context(report, result, request, live=True, form_errors=bad.messages)
        return render(request, "web/_report_live.html", context, status=400)
    result = service(report).evaluation(report, data)
    return render(request, "web/_report_live.html", _context(report, result, request, live=True))


DECISIONS = {Decision.Outcome.APPROVED.value, Decision.Outcome.RETURNED.value}


@login_required
@require_POST
def report_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report = reports.report_for(request.user, pk, perms.REVIEW)
    try:
        outcome = text_of(request.POST, "decision", "审核结论")
        if outcome not in DECISIONS:
            raise BadInput(["审核结论应为“审核通过”或“退回修改”"])
        reports.decide(
            report,
            actor=request.user,
            outcome=outcome,
            revision=_revision(request),
            comment=text_of(request.POST, "comment", "审核意见").strip(),
        )
    except BadInput as bad:
        messages.error(request, "；".join(bad.messages))
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "审核意见已保存。")
    return redirect("web:report_detail", pk=report.pk)


@login_required
@require_POST
def report_publish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report = reports.report_for(request.user, pk, perms.PUBLISH)
    try:
        reports.publish(report, actor=request.user, revision=_revision(request))
    except BadInput as bad:
        messages.error(request, "；".join(bad.messages))
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "已公开。")
    return redirect("web:report_detail", pk=report.pk)


@login_required
def round_reports(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Every unit's report in the round, within the viewer's scope, with its lights (监控) or score and grade (自评),
    a keyset page at a time."""
    filing_round = round_for(request, pk)
    perms.require(request.user, perms.PROGRESS)
    if filing_round.kind == RoundKind.TARGETS:
        raise Http404("目标申报任务没有监控或自评报告")
    found = reports.reports_in_scope(request.user).filter(round=filing_round)
    try:
        page = page_of(found, REPORT_ORDER, PageChoice(request.GET).checked(), size=REPORT_PAGE)
    except BadInput as bad:
        return bad_request(request, bad)
    return render(
        request,
        "web/round_reports.html",
        {
            "round": filing_round,
            "rows": page,
            "page": page,
            "params": kept(request.GET),
            "monitoring": filing_round.kind == RoundKind.MONITORING,
        },
    )
