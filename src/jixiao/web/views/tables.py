"""To-do list, table list with filters, the table in the official layout with findings, audit trail and decisions."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import render

from .. import layout
from .. import permissions as perms
from ..accounts import AuthenticatedRequest
from ..forms import BadInput, SeverityFilter, TableFilter, VersionChoice, VersionPair
from ..models import Decision, Status, TableRecord
from ..services import attachments, exports, notices, reports, rounds, stages, workflow
from ..services import versions as versions_of
from ..services.findings import review_data
from .refusals import bad_request

if TYPE_CHECKING:
    from ..accounts import AnyUser

PAGE_SIZE = 20


def _waiting_for(user: AnyUser, records: QuerySet[TableRecord], action: str) -> list[TableRecord]:
    """The tables among ``records`` on which ``user`` may take ``action`` now (their stage is the user's)."""
    return [record for record in records[:200] if action in stages.actions(record, user)][:50]


@login_required
def todo(request: AuthenticatedRequest) -> HttpResponse:
    perms.require(request.user, perms.VIEW)
    scope = perms.tables_in_scope(request.user)
    sections: list[tuple[str, list[TableRecord]]] = []
    if perms.has(request.user, perms.SUBMIT):
        ready = scope.filter(status__in=workflow.EDITABLE, error_count=0)
        sections.append(("待提交（无错误）", _waiting_for(request.user, ready, "submit")))
    elif perms.has(request.user, perms.EDIT):
        sections.append(("待修改（已退回）", list(scope.filter(status=Status.RETURNED)[:50])))
        sections.append(("草稿", list(scope.filter(status=Status.DRAFT)[:50])))
    if perms.has(request.user, perms.REVIEW):
        sections.append(("待审核", _waiting_for(request.user, scope.filter(status=Status.SUBMITTED), "review")))
    if perms.has(request.user, perms.PUBLISH):
        approved = scope.filter(status=Status.APPROVED)
        sections.append(("待公开（已审核通过）", _waiting_for(request.user, approved, "publish")))
    granted = perms.assignment(request.user)
    tasks = []
    unit = granted.unit if granted is not None else None
    if unit is not None:
        for filing_round in rounds.open_for(unit):
            state = rounds.PROGRESS_LABELS[rounds.unit_state(filing_round, unit)[0]]
            tasks.append({"round": filing_round, "days_left": rounds.days_left(filing_round), "state": state})
    waiting_reports = [
        (report, reports.label(report))
        for report in reports.reports_in_scope(request.user).exclude(status=Status.PUBLISHED)[:300]
        if reports.actions(report, request.user) & {"submit", "review", "publish"}
        or (report.status == Status.RETURNED and "edit" in reports.actions(report, request.user))
    ]
    counts = dict(scope.values_list("status").annotate(n=Count("id")))
    chart = [{"name": str(label), "value": counts.get(value, 0)} for value, label in Status.choices]
    return render(
        request,
        "web/todo.html",
        {
            "sections": sections,
            "tasks": tasks,
            "waiting_reports": waiting_reports,
            "chart": json.dumps(chart, ensure_ascii=False),
            "total": scope.count(),
        },
    )


@login_required
def table_list(request: AuthenticatedRequest) -> HttpResponse:
    perms.require(request.user, perms.VIEW)
    try:
        chosen = TableFilter(request.GET).checked()
    except BadInput as bad:
        return bad_request(request, bad)
    records = perms.tables_in_scope(request.user)
    if chosen["year"] is not None:
        records = records.filter(year=chosen["year"])
    if chosen["unit"] is not None:
        records = records.filter(unit_id=chosen["unit"])
    if chosen["status"]:
        records = records.filter(status=chosen["status"])
    severity = chosen["severity"]
    if severity == SeverityFilter.ERROR:
        records = records.filter(error_count__gt=0)
    elif severity == SeverityFilter.WARNING:
        records = records.filter(error_count=0, warning_count__gt=0)
    elif severity == SeverityFilter.CLEAN:
        records = records.filter(error_count=0, warning_count=0)
    if chosen["q"].strip():
        records = records.filter(project_name__icontains=chosen["q"].strip())
    query = request.GET
    page = Paginator(records, PAGE_SIZE).get_page(chosen["page"])
    params = query.copy()
    params.pop("page", None)
    years = perms.tables_in_scope(request.user).values_list("year", flat=True).distinct().order_by("-year")
    return render(
        request,
        "web/table_list.html",
        {
            "page": page,
            "statuses": Status.choices,
            "severities": SeverityFilter.choices,
            "units": perms.units_in_scope(request.user),
            "years": years,
            "query": query,
            "params": params.urlencode(),
        },
    )


@login_required
def table_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    record = perms.table_for(request.user, pk)
    try:
        number = VersionChoice(request.GET).checked()["version"]
    except BadInput as bad:
        return bad_request(request, bad)
    versions = list(record.versions.order_by("-number"))
    version = next((v for v in versions if v.number == number), None) if number is not None else versions[0]
    if version is None:
        raise Http404(f"这张目标表没有第 {number} 版")
    result = review_data(version.data)
    decisions = Decision.objects.filter(version__record=record).select_related("reviewer", "version")
    last_decision = next((d for d in decisions if d.version_id == version.pk), None)
    comments = last_decision.indicator_comments if last_decision else []
    if last_decision is None and record.status == Status.RETURNED and version.number > 1:
        previous = next((d for d in decisions), None)
        comments = previous.indicator_comments if previous else []
    audit = record.audit_entries.select_related("actor") if perms.has(request.user, perms.AUDIT) else []
    states = versions_of.states(record)
    actions = stages.actions(record, request.user)
    notices.seen_table(request.user, record)
    files = attachments.listed(record)
    return render(
        request,
        "web/table_detail.html",
        {
            "record": record,
            "actions": actions,
            "stage": stages.current(record),
            "version": version,
            "versions": versions,
            "version_states": [(v, states[v.pk]) for v in versions],
            "result": result,
            "sheet": layout.official(result, comments, files),
            "files": files,
            "reports": record.reports.select_related("round").order_by("round__opened_at", "id"),
            "can_attach": "edit" in actions,
            "decisions": decisions,
            "audit": audit,
            "explanations": version.explanations,
            "is_latest": version.pk == versions[0].pk,
            "export_kinds": exports.LABELS.items(),
            # the file the table was imported from stays with every later version of it
            "source_file": next(
                (v.source_file for v in reversed(versions) if v.number <= version.number and v.source_file_id), None
            ),
        },
    )


@login_required
def table_compare(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Two versions side by side (by default the newest and the one before it), changed cells marked."""
    record = perms.table_for(request.user, pk)
    try:
        chosen = VersionPair(request.GET).checked()
    except BadInput as bad:
        return bad_request(request, bad)
    versions = {v.number: v for v in record.versions.order_by("number")}
    newest = max(versions)
    b_number = chosen["b"] or newest
    a_number = chosen["a"] or max(b_number - 1, 1)
    for number in (a_number, b_number):
        if number not in versions:
            raise Http404(f"这张目标表没有第 {number} 版")
    if a_number > b_number:
        a_number, b_number = b_number, a_number
    states = versions_of.states(record)
    before, after = versions[a_number], versions[b_number]
    return render(
        request,
        "web/table_compare.html",
        {
            "record": record,
            "before": before,
            "after": after,
            "before_state": states[before.pk],
            "after_state": states[after.pk],
            "numbers": sorted(versions),
            "comparison": versions_of.compare(before.data, after.data),
        },
    )
