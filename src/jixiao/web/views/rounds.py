"""填报 rounds: 财政 opens one; everyone concerned sees its days left; 财政 and 主管部门 follow each unit."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .. import permissions as perms
from ..accounts import AuthenticatedRequest
from ..forms import BadInput, PageChoice, RoundForm
from ..models import FilingRound, FinanceOffice, RoundKind
from ..services import reports, rounds
from .paging import kept, page_of
from .refusals import bad_request

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def round_for(request: AuthenticatedRequest, pk: int) -> FilingRound:
    found = perms.rounds_in_scope(request.user).filter(pk=pk).first()
    if found is None:
        raise Http404("没有这个填报任务")
    return found


#: open rounds first, the soonest deadline first (the ``round_list_order`` index)
ORDER = ("closed", "deadline", "id")
UNIT_ORDER = ("department__name", "name", "id")  # a round's units, by department


@login_required
def round_list(request: AuthenticatedRequest) -> HttpResponse:
    perms.require(request.user, perms.VIEW)
    granted = perms.assignment(request.user)
    unit = granted.unit if granted and granted.unit_id else None
    try:
        chosen = PageChoice(request.GET).checked()
        listed = perms.rounds_in_scope(request.user).annotate(unit_count=Count("units", distinct=True))
        page = page_of(listed, ORDER, chosen, size=50)
    except BadInput as bad:
        return bad_request(request, bad)
    states = rounds.unit_states(page, unit) if unit else {}
    rows = []
    for filing_round in page:
        state = rounds.PROGRESS_LABELS[states[filing_round.pk][0]] if unit else ""
        rows.append({"round": filing_round, "days_left": rounds.days_left(filing_round), "state": state})
    return render(request, "web/rounds.html", {"rows": rows, "page": page, "params": kept(request.GET)})


@login_required
def round_new(request: AuthenticatedRequest) -> HttpResponse:
    perms.require(request.user, perms.OPEN_ROUND)
    errors: list[str] = []
    if request.method == "POST":
        try:
            chosen = RoundForm(request.POST).checked()
            office = FinanceOffice.objects.order_by("id").first()
            if office is None:
                raise rounds.RoundError("还没有财政部门")
            opened = rounds.open_round(
                office,
                actor=request.user,
                kind=chosen["kind"],
                year=chosen["year"],
                period=chosen["period"],
                deadline=chosen["deadline"],
                units=chosen["units"],
                note=chosen["note"].strip(),
            )
        except BadInput as bad:
            errors = bad.messages
        except rounds.RoundError as error:
            errors = [str(error)]
        else:
            messages.success(request, f"已下发填报任务：{opened.title}。")
            return redirect("web:round_detail", pk=opened.pk)
    units = perms.units_in_scope(request.user).select_related("department").order_by("department__name", "name")
    return render(
        request,
        "web/round_new.html",
        {"kinds": RoundKind.choices, "units": units, "form_errors": errors, "posted": request.POST},
        status=400 if errors else 200,
    )


@login_required
def round_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    perms.require(request.user, perms.VIEW)
    filing_round = round_for(request, pk)
    units = rounds.units_of(filing_round, perms.units_in_scope(request.user))
    try:
        page = page_of(units, UNIT_ORDER, PageChoice(request.GET).checked(), size=50)
    except BadInput as bad:
        return bad_request(request, bad)
    counts, overdue = rounds.summary(filing_round, units)
    tables: list[dict[str, object]] = []
    if filing_round.kind != RoundKind.TARGETS:
        made = {r.record_id: r for r in reports.reports_in_scope(request.user).filter(round=filing_round)}
        for record in reports.tables_for(filing_round, request.user)[:500]:
            tables.append({"record": record, "report": made.get(record.pk)})
    return render(
        request,
        "web/round_detail.html",
        {
            "round": filing_round,
            "rows": rounds.progress(filing_round, page),
            "page": page,
            "params": kept(request.GET),
            "counts": counts,
            "overdue": overdue,
            "days_left": rounds.days_left(filing_round),
            "tables": tables,
        },
    )


def _end_or_reopen(request: AuthenticatedRequest, pk: int, *, close: bool) -> HttpResponse:
    filing_round = round_for(request, pk)
    perms.require(request.user, perms.OPEN_ROUND)
    try:
        if close:
            rounds.close_round(filing_round, actor=request.user)
        else:
            rounds.reopen_round(filing_round, actor=request.user)
    except rounds.RoundError as refused:
        messages.error(request, str(refused))
    else:
        done = "已结束：未提交的报告不能再修改" if close else "已重新开放"
        messages.success(request, f"“{filing_round.title}”{done}。")
    return redirect("web:round_detail", pk=filing_round.pk)


@login_required
@require_POST
def round_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _end_or_reopen(request, pk, close=True)


@login_required
@require_POST
def round_reopen(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _end_or_reopen(request, pk, close=False)


@login_required
def round_export(request: AuthenticatedRequest, pk: int, kind: str) -> HttpResponse:
    filing_round = round_for(request, pk)
    perms.require(request.user, perms.PROGRESS)
    if kind not in CONTENT_TYPES:
        raise Http404("不支持的导出格式")
    rows = rounds.progress(filing_round, rounds.units_of(filing_round, perms.units_in_scope(request.user)))
    response = HttpResponse(rounds.export(filing_round, rows, kind), content_type=CONTENT_TYPES[kind])
    name = f"{filing_round.title}-填报进度.{kind}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
