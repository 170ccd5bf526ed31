"""统计: the dashboards of 财政 (every department) and of a 主管部门 (its units), and each chart's numbers as xlsx."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote, urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from .. import permissions as perms
from ..accounts import AuthenticatedRequest
from ..forms import BadInput, DashboardFilter
from ..services import dashboard
from ..services.exports import CONTENT_TYPES
from .refusals import bad_request


def _chosen(request: AuthenticatedRequest) -> dict[str, Any]:
    """The scope, round and charts the query asks for, within what the user may see (else 404)."""
    query = DashboardFilter(request.GET).checked()
    departments = dashboard.department_choices(request.user)
    department = None
    if query["department"] is not None:
        department = departments.filter(pk=query["department"]).first()
        if department is None:
            raise Http404("没有这个主管部门")
    scope = dashboard.scope_for(request.user, year=query["year"], department=department)
    years = scope.years if department is None else dashboard.years(request.user)  # the user's years, as choices
    rounds = list(dashboard.rounds_of(request.user, scope.year))  # a year's rounds: a few, read once
    if query["round"] is None:
        filing_round = rounds[0] if rounds else None
    else:
        filing_round = next((r for r in rounds if r.pk == query["round"]), None)
        if filing_round is None:
            raise Http404("没有这个填报任务")
    kept = {"year": scope.year, "department": department.pk if department else None}
    kept["round"] = filing_round.pk if filing_round else None
    return {
        "scope": scope,
        "years": years,
        "departments": departments,
        "rounds": rounds[:50],
        "round": filing_round,
        "charts": dashboard.charts(scope, filing_round, rounds),
        "query": urlencode({k: v for k, v in kept.items() if v is not None}),
    }


def _subtitle(chosen: dict[str, Any]) -> str:
    scope = chosen["scope"]
    where = scope.department.name if scope.department else "范围内各主管部门" if not scope.by_unit else "本部门各单位"
    return f"{scope.year or '—'} 年度 · {where}"


@login_required
def dashboard_page(request: AuthenticatedRequest) -> HttpResponse:
    perms.require(request.user, perms.PROGRESS)
    try:
        chosen = _chosen(request)
    except BadInput as bad:
        return bad_request(request, bad)
    shown = [{"chart": chart, "option": json.dumps(chart.option(), ensure_ascii=False)} for chart in chosen["charts"]]
    return render(
        request,
        "web/dashboard.html",
        {**chosen, "shown": shown, "subtitle": _subtitle(chosen)},
    )


@login_required
def dashboard_export(request: AuthenticatedRequest, chart: str) -> HttpResponse:
    perms.require(request.user, perms.PROGRESS)
    try:
        chosen = _chosen(request)
    except BadInput as bad:
        return bad_request(request, bad)
    found = next((c for c in chosen["charts"] if c.key == chart), None)
    if found is None:
        raise Http404("没有这张图")
    response = HttpResponse(dashboard.workbook(found, _subtitle(chosen)), content_type=CONTENT_TYPES["xlsx"])
    name = f"统计-{found.title}-{chosen['scope'].year or ''}.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
