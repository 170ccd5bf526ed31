"""跨年度对比: a table against its project's table of the year before, and a reviewer's link decisions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jixiao.years import Change, DiffLine

from .. import permissions as perms
from ..accounts import AuthenticatedRequest
from ..forms import BadInput, LinkForm
from ..services import years
from ..services.findings import review_data

#: The order of the summary, as a reviewer reads it: what got easier first.
ORDER = (Change.LOOSENED, Change.CHANGED, Change.TIGHTENED, Change.ADDED, Change.REMOVED, Change.UNCHANGED)


def _target(line_indicator: Any) -> str:
    target = line_indicator.target if line_indicator is not None else None
    return target.text if target is not None else ""


def _row(compared: years.YearDiff, line: DiffLine) -> dict[str, Any]:
    link = compared.link_of(line)
    indicator = line.later or line.earlier
    return {
        "line": line,
        "change": line.change,
        "level2": indicator.level2 if indicator is not None else "",
        "before": _target(line.earlier),
        "after": _target(line.later),
        "link": link,
        # a link proposed from similar names only, not yet decided by a person
        "proposed": link is not None and not link.accepted and line.renamed,
    }


@login_required
def year_diff(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    record = perms.table_for(request.user, pk, perms.VIEW)
    compared = years.compare_with_last_year(record)
    counts = compared.counts()
    removed = [line.earlier.name for line in compared.lines if line.change is Change.REMOVED and line.earlier]
    added = [line.later.name for line in compared.lines if line.change is Change.ADDED and line.later]
    cross_year = [f for f in review_data(record.latest.data, record.unit).report.findings if f.code.startswith("JX-Y")]
    return render(
        request,
        "web/year_diff.html",
        {
            "record": record,
            "compared": compared,
            "rows": [_row(compared, line) for line in compared.lines],
            "summary": [(change, counts.get(change.value, 0)) for change in ORDER],
            "removed": removed,
            "added": added,
            "cross_year": cross_year,
            "can_link": perms.has(request.user, perms.LINKS),
        },
    )


@login_required
@require_POST
def link(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    record = perms.table_for(request.user, pk, perms.LINKS)
    try:
        chosen = LinkForm(request.POST).checked()
        accept = chosen["decision"] == "accept"
        years.decide_link(record, actor=request.user, earlier=chosen["earlier"], later=chosen["later"], accept=accept)
    except BadInput as bad:
        for text in bad.messages:
            messages.error(request, text)
    except years.LinkRefused as refused:
        messages.error(request, str(refused))
    else:
        verb = "确认" if accept else "断开"
        messages.success(request, f"已{verb}关联：“{chosen['earlier']}”—“{chosen['later']}”")
    return redirect("web:table_years", pk=record.pk)
