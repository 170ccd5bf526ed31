"""The reviewer's page (return or approve, comments per indicator); publishing; 目标调整; deleting a draft."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .. import layout
from .. import permissions as perms
from ..accounts import AuthenticatedRequest
from ..forms import AdjustForm, BadInput, CommentForm, DecisionForm, PublishForm, text_of
from ..models import Decision
from ..services import attachments, notices, stages, workflow
from ..services.findings import review_data
from .refusals import bad_request


@login_required
def review_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    record = perms.table_for(request.user, pk, perms.REVIEW)
    if "review" not in stages.actions(record, request.user):
        messages.error(request, f"目标表当前为“{stages.label(record)}”，不由您审核。")
        return redirect("web:table_detail", pk=record.pk)
    version = record.latest
    result = review_data(version.data, record.unit)
    files = attachments.listed(record)
    notices.seen_table(request.user, record)
    form_errors: list[str] = []
    # what the reviewer wrote, shown again should the decision be refused
    comment, notes = "", {index: "" for index, _ in enumerate(result.table.indicators)}
    if request.method == "POST":
        try:
            notes = {
                index: text_of(request.POST, f"comment-{index}", f"对“{indicator.name}”的意见").strip()
                for index, indicator in enumerate(result.table.indicators)
            }
            chosen = DecisionForm(request.POST).checked()
            comment = chosen["comment"].strip()
            step = workflow.approve if chosen["decision"] == Decision.Outcome.APPROVED else workflow.return_for_changes
            step(
                record,
                actor=request.user,
                version=chosen["version"],
                comment=comment,
                indicator_comments=[
                    {"index": index, "name": indicator.name, "comment": notes[index]}
                    for index, indicator in enumerate(result.table.indicators)
                ],
            )
        except BadInput as bad:
            form_errors = bad.messages
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
            "stage": stages.current(record),
            "version": version,
            "result": result,
            "sheet": layout.official(result, files=files),
            "files": files,
            "explanations": version.explanations,
            "tasks": version.data.get("tasks") or [],  # a 部门整体 table's 年度主要任务
            "form_errors": form_errors,
            "comment": comment or request.POST.get("comment", "").replace("\x00", ""),
            "notes": notes,
            "outcomes": Decision.Outcome,
        },
        status=400 if form_errors else 200,
    )


@login_required
@require_POST
def publish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    record = perms.table_for(request.user, pk, perms.PUBLISH)
    try:
        chosen = PublishForm(request.POST).checked()
    except BadInput as bad:
        return bad_request(request, bad)
    try:
        workflow.publish(record, actor=request.user, version=chosen["version"], comment=chosen["comment"].strip())
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "已公开。")
    return redirect("web:table_detail", pk=record.pk)


@login_required
@require_POST
def adjust(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    record = perms.table_for(request.user, pk, perms.ADJUST)
    try:
        comment = AdjustForm(request.POST).checked()["comment"].strip()
    except BadInput as bad:
        return bad_request(request, bad)
    try:
        workflow.start_adjustment(record, actor=request.user, comment=comment)
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
        return redirect("web:table_detail", pk=record.pk)
    messages.success(request, "已开始目标调整：修改后请重新提交审核。")
    return redirect("web:table_edit", pk=record.pk)


@login_required
@require_POST
def delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    record = perms.table_for(request.user, pk, perms.EDIT)
    try:
        comment = CommentForm(request.POST).checked()["comment"].strip()
    except BadInput as bad:
        return bad_request(request, bad)
    try:
        workflow.delete_draft(record, actor=request.user, comment=comment)
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
        return redirect("web:table_detail", pk=record.pk)
    messages.success(request, f"草稿“{record.project_name}”已删除。")
    return redirect("web:table_list")
