"""The reviewer's page (return or approve, comments per indicator); publishing; 目标调整."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .. import layout
from .. import permissions as perms
from ..services import workflow
from ..services.findings import review_data


@login_required
def review_page(request: HttpRequest, pk: int) -> HttpResponse:
    record = perms.table_for(request.user, pk, perms.REVIEW)
    version = record.latest
    result = review_data(version.data)
    if request.method == "POST":
        notes = [
            {"index": index, "name": indicator.name, "comment": request.POST.get(f"comment-{index}", "").strip()}
            for index, indicator in enumerate(result.table.indicators)
        ]
        step = workflow.approve if request.POST.get("decision") == "approve" else workflow.return_for_changes
        try:
            step(record, actor=request.user, comment=request.POST.get("comment", "").strip(), indicator_comments=notes)
        except workflow.WorkflowError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "审核意见已保存。")
            return redirect("web:todo")
    return render(
        request,
        "web/review.html",
        {
            "record": record,
            "version": version,
            "result": result,
            "sheet": layout.official(result),
            "explanations": version.explanations,
        },
    )


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    record = perms.table_for(request.user, pk, perms.PUBLISH)
    try:
        workflow.publish(record, actor=request.user, comment=request.POST.get("comment", "").strip())
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "已公开。")
    return redirect("web:table_detail", pk=record.pk)


@login_required
@require_POST
def adjust(request: HttpRequest, pk: int) -> HttpResponse:
    record = perms.table_for(request.user, pk, perms.ADJUST)
    try:
        workflow.start_adjustment(record, actor=request.user, comment=request.POST.get("comment", "").strip())
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
        return redirect("web:table_detail", pk=record.pk)
    messages.success(request, "已开始目标调整：修改后请重新提交审核。")
    return redirect("web:table_edit", pk=record.pk)
