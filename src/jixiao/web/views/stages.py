"""The office's review chain (审核流程), for 财政 and the administrator: see it, set it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from .. import permissions as perms
from ..accounts import AuthenticatedRequest
from ..forms import BadInput, texts
from ..models import FinanceOffice, Role, Step
from ..services import stages

#: Rows the form offers beyond the chain's own, for stages to add.
SPARE_ROWS = 2


def _posted_chain(request: AuthenticatedRequest) -> list[tuple[str, str, str]]:
    """The rows posted with a name, in order, as (name, role, step): the first submits, the last publishes."""
    names = texts(request.POST, "stage-name", "阶段名称")
    roles = texts(request.POST, "stage-role", "办理人")
    rows = [(name.strip(), role) for name, role in zip(names, roles, strict=False) if name.strip()]
    for position, (name, role) in enumerate(rows, start=1):
        if role not in Role.values:
            raise BadInput([f"第 {position} 个阶段“{name}”：请选择办理人"])
    last = len(rows) - 1
    return [
        (name, role, str(Step.SUBMIT if index == 0 else Step.PUBLISH if index == last else Step.REVIEW))
        for index, (name, role) in enumerate(rows)
    ]


@login_required
def stage_chain(request: AuthenticatedRequest) -> HttpResponse:
    perms.require(request.user, perms.CONFIGURE_STAGES)
    office = FinanceOffice.objects.order_by("id").first()
    errors: list[str] = []
    if office is not None and request.method == "POST":
        try:
            stages.configure(office, _posted_chain(request), actor=request.user)
        except BadInput as bad:
            errors = bad.messages
        except stages.ChainRefused as refused:
            errors = [str(refused)]
        else:
            messages.success(request, f"已设置审核流程：{stages.described(stages.chain(office))}。")
            return redirect("web:stages")
    current = stages.chain(office) if office is not None else []
    if errors:
        names = request.POST.getlist("stage-name")
        roles = request.POST.getlist("stage-role")
        rows = [{"name": n, "role": r} for n, r in zip(names, roles, strict=False)]
    else:
        rows = [{"name": s.name, "role": s.role} for s in current] + [{"name": "", "role": ""}] * SPARE_ROWS
    return render(
        request,
        "web/stages.html",
        {
            "office": office,
            "current": current,
            "rows": rows,
            "roles": [(value, label) for value, label in Role.choices if value != Role.CLERK and value != Role.ADMIN],
            "form_errors": errors,
            "trail": stages.history(),
        },
    )
