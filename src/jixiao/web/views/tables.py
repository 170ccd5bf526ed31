"""To-do list, table list with filters, the table in the official layout with findings, audit trail and decisions."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Max, Min, Q, QuerySet, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import render

from .. import layout
from .. import permissions as perms
from ..accounts import AuthenticatedRequest
from ..forms import BadInput, SeverityFilter, TableFilter, VersionChoice, VersionPair
from ..models import Decision, Status, Step, TableCount, TableRecord
from ..services import attachments, deptdata, exports, notices, reports, rounds, search, stages, workflow
from ..services import versions as versions_of
from ..services.findings import review_data
from .paging import count_upto, kept, page_of
from .refusals import bad_request

PAGE_SIZE = 20
#: the table list's order, newest change first (the ``table_recent`` indexes)
ORDER = ("-updated_at", "-id")
SHOWN = 50  # rows shown in each 待办 section; its count is of all of them
COUNTED = 1000  # the table list counts its rows up to here (a search of a common word matches most tables)


def _section(title: str, waiting: QuerySet[TableRecord], counted: QuerySet[TableCount]) -> dict[str, Any]:
    """A 待办 section: its first rows from ``waiting``, its number from the same tables' kept counts."""
    waiting = waiting.order_by(*ORDER)
    return {"title": title, "items": list(waiting[:SHOWN]), "count": counted.aggregate(n=Sum("count"))["n"] or 0}


@login_required
def todo(request: AuthenticatedRequest) -> HttpResponse:
    perms.require(request.user, perms.VIEW)
    user = request.user
    scope = perms.tables_in_scope(user)
    counts = TableCount.objects.filter(unit__in=perms.units_in_scope(user))
    waiting = stages.waiting_conditions(user)
    sections = []
    if perms.has(user, perms.SUBMIT):
        ready = Q(status__in=workflow.EDITABLE) & waiting[Step.SUBMIT]
        sections.append(
            _section("待提交（无错误）", scope.filter(ready, error_count=0), counts.filter(ready, error_free=True))
        )
    elif perms.has(user, perms.EDIT):
        for title, status in (("待修改（已退回）", Status.RETURNED), ("草稿", Status.DRAFT)):
            sections.append(_section(title, scope.filter(status=status), counts.filter(status=status)))
    for permission, title, status, step in (
        (perms.REVIEW, "待审核", Status.SUBMITTED, Step.REVIEW),
        (perms.PUBLISH, "待公开（已审核通过）", Status.APPROVED, Step.PUBLISH),
    ):
        if perms.has(user, permission):
            at = Q(status=status) & waiting[step]
            sections.append(_section(title, scope.filter(at), counts.filter(at)))
    granted = perms.assignment(user)
    tasks = []
    unit = granted.unit if granted is not None else None
    if unit is not None:
        open_rounds = list(rounds.open_for(unit))
        states = rounds.unit_states(open_rounds, unit)
        for filing_round in open_rounds:
            state = rounds.PROGRESS_LABELS[states[filing_round.pk][0]]
            tasks.append({"round": filing_round, "days_left": rounds.days_left(filing_round), "state": state})
    for_user = reports.waiting_for(user)
    waiting_reports = [(report, reports.label(report)) for report in for_user[:SHOWN]]
    by_status = dict(counts.order_by().values_list("status").annotate(n=Sum("count")))
    chart = [{"name": str(label), "value": by_status.get(value, 0)} for value, label in Status.choices]
    return render(
        request,
        "web/todo.html",
        {
            "sections": sections,
            "tasks": tasks,
            "waiting_reports": waiting_reports,
            "reports_count": for_user.count() if len(waiting_reports) == SHOWN else len(waiting_reports),
            "chart": json.dumps(chart, ensure_ascii=False),
            "total": sum(by_status.values()),
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
    records = search.matching(records, chosen["q"])
    try:
        page = page_of(records, ORDER, chosen, size=PAGE_SIZE)
    except BadInput as bad:
        return bad_request(request, bad)
    stages.attach_chains(page)
    # the years there are tables of, from their kept counts (a few rows a unit, not every table)
    span = TableCount.objects.filter(unit__in=perms.units_in_scope(request.user)).aggregate(
        first=Min("year"), last=Max("year")
    )
    years = range(span["last"], span["first"] - 1, -1) if span["first"] is not None else range(0)
    return render(
        request,
        "web/table_list.html",
        {
            "page": page,
            "count": count_upto(records, COUNTED),
            "counted": COUNTED,
            "statuses": Status.choices,
            "severities": SeverityFilter.choices,
            "units": perms.units_in_scope(request.user),
            "years": years,
            "query": request.GET,
            "params": kept(request.GET),
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
    result = review_data(version.data, record.unit)
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
            "export_kinds": (exports.REPORT_LABELS if deptdata.is_department(version.data) else exports.LABELS).items(),
            "department": deptdata.is_department(version.data),
            "tasks": version.data.get("tasks") or [],
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
