"""The editor: header fields and indicator rows (add, remove, reorder), live review through htmx, submission."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from jixiao import fields, taxonomy

from .. import permissions as perms
from ..accounts import AuthenticatedRequest
from ..forms import BadInput, SubmitForm, TableForm, text_of
from ..models import Decision, Status, TableRecord
from ..services import deptdata, library, stages, workflow
from ..services.findings import Review, finding_key, review_data
from ..services.tabledata import INDICATOR_FIELDS, diff

EMPTY_ROW = dict.fromkeys(INDICATOR_FIELDS, "")


def _options(current: str, choices: tuple[str, ...] | list[str]) -> list[str]:
    """The dropdown's choices, with the value as written first when it is not one of them."""
    return ([current] if current and current not in choices else []) + list(choices)


def editor_rows(data: dict[str, Any], comments: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """The editor's indicator rows, each with the reviewers' comments on it (found by the indicator's name, which
    survives reordering, else by its position)."""
    notes = comments or []
    rows = []
    for index, row in enumerate(data.get("indicators", [])):
        level1 = taxonomy.canonical_level1(row.get("level1")) or ""
        named = [n["comment"] for n in notes if n.get("name") and n.get("name") == row.get("name")]
        rows.append(
            {
                "data": row,
                "level1_options": _options(row.get("level1", ""), taxonomy.LEVEL1),
                "level2_options": _options(row.get("level2", ""), taxonomy.allowed_level2(level1) if level1 else ()),
                "comments": named or [n["comment"] for n in notes if n.get("index") == index and not n.get("name")],
            }
        )
    return rows


def is_blank(data: dict[str, Any]) -> bool:
    """Nothing typed yet (a new form): no header text, no amount, no indicator text."""
    header = any(
        (data.get(name) or "").strip() for name in ("project_name", "implementer", "project_lead", "overall_goal")
    )
    amounts = any((data.get("funding") or {}).get(part) for part in ("total", "fiscal", "other"))
    rows = any((row.get(name) or "").strip() for row in data.get("indicators", []) for name in INDICATOR_FIELDS)
    return not (header or amounts or rows)


def returned_with(record: TableRecord) -> Decision | None:
    """The decision that returned the table, while it waits to be fixed."""
    if record.status != Status.RETURNED:
        return None
    return Decision.objects.filter(version__record=record, outcome=Decision.Outcome.RETURNED).first()


def _editor_context(data: dict[str, Any], **extra: Any) -> dict[str, Any]:
    record = extra.get("record")
    result = review_data(data, record.unit if record is not None else None)
    returned = returned_with(record) if record is not None else None
    return {
        "data": data,
        "blank": is_blank(data),
        "returned": returned,
        "edit_rows": editor_rows(data, returned.indicator_comments if returned else None),
        "result": result,
        "empty_row": EMPTY_ROW,
        "indicator_labels": [column.label for column in fields.INDICATOR],
        "taxonomy": {l1: list(taxonomy.allowed_level2(l1)) for l1 in taxonomy.LEVEL1},
        "level1_choices": taxonomy.LEVEL1,
        "basis_choices": taxonomy.BASIS,
        "scoring_choices": taxonomy.SCORING_RULES,
        "evidence_choices": taxonomy.EVIDENCE,
        **extra,
    }


@login_required
def table_new(request: AuthenticatedRequest) -> HttpResponse:
    perms.require(request.user, perms.EDIT)
    units = perms.units_in_scope(request.user)
    if request.method == "POST":
        form = TableForm(request.POST, new=True)
        try:
            data = form.table_data()
        except BadInput as bad:
            return _refused(request, form, bad, units=units, new=True)
        unit = get_object_or_404(units, pk=form.cleaned_data["unit"])
        record = workflow.create_table(unit, actor=request.user, data=data)
        messages.success(request, "目标表已保存为草稿。")
        return redirect("web:table_edit", pk=record.pk)
    data = {
        "year": 2024,
        "funding": {"unit": "万元"},
        "indicators": [dict(EMPTY_ROW)],
        "budget_unit": units[0].name if units else "",
    }
    return render(request, "web/editor.html", _editor_context(data, units=units, new=True))


def _refused(request: AuthenticatedRequest, form: TableForm, bad: BadInput, **context: Any) -> HttpResponse:
    """The editor again, with what the user typed (less the values that did not fit) and why it was refused."""
    data = form.typed_data()
    return render(request, "web/editor.html", _editor_context(data, form_errors=bad.messages, **context), status=400)


DEPARTMENT_EDIT = "部门整体支出绩效目标表不能在网上逐项修改；请改好文件后重新导入，导入为这张表的新版本"


@login_required
def table_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    record = perms.table_for(request.user, pk, perms.EDIT)
    if "edit" not in stages.actions(record, request.user):
        messages.error(request, f"目标表当前状态为“{stages.label(record)}”，不能修改。")
        return redirect("web:table_detail", pk=record.pk)
    latest = record.latest
    if deptdata.is_department(latest.data):  # the editor's form is a project table's: it would drop the 年度主要任务
        messages.error(request, DEPARTMENT_EDIT)
        return redirect("web:table_detail", pk=record.pk)
    if request.method != "POST":
        return render(request, "web/editor.html", _editor_context(latest.data, record=record, revision=latest.revision))
    form = TableForm(request.POST, saving=True)
    try:
        data = form.table_data()
    except BadInput as bad:
        return _refused(request, form, bad, record=record, revision=form.cleaned_data.get("revision", ""))
    try:
        workflow.save_draft(
            record,
            actor=request.user,
            data=data,
            revision=form.cleaned_data["revision"],
            comment=form.cleaned_data["comment"].strip(),
        )
    except workflow.EditConflict as conflict:
        theirs = diff(conflict.current.data, data)
        context = _editor_context(
            data,
            record=record,
            revision=conflict.current.revision,
            conflict=str(conflict),
            conflict_changes=theirs,
            conflict_version=conflict.current,
        )
        return render(request, "web/editor.html", context, status=409)
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
        return redirect("web:table_detail", pk=record.pk)
    messages.success(request, "已保存。")
    if form.cleaned_data["then"] == "submit":
        return redirect("web:table_submit", pk=record.pk)
    return redirect("web:table_edit", pk=record.pk)


@login_required
@require_POST
def live_review(request: AuthenticatedRequest) -> HttpResponse:
    """htmx: the findings for the editor's current (unsaved) content."""
    perms.require(request.user, perms.EDIT)
    form = TableForm(request.POST)
    # the table being edited, when it is one already: its project's earlier years are reviewed with it
    pk = request.POST.get("record", "")
    record = perms.table_for(request.user, int(pk), perms.EDIT) if pk.isdecimal() else None
    try:
        data = form.table_data()
    except BadInput as bad:
        context = _editor_context(form.typed_data(), live=True, form_errors=bad.messages, record=record)
        return render(request, "web/_findings.html", context, status=400)
    return render(request, "web/_findings.html", _editor_context(data, live=True, record=record))


@login_required
def library_suggest(request: AuthenticatedRequest) -> JsonResponse:
    """JSON: the 指标库 entries for a 三级指标 name being typed (``q``), under the row's 二级 (``level2``) in a
    project (``project``, whose name tells its kind), each with its typical target, unit and operator."""
    perms.require(request.user, perms.EDIT)
    query = request.GET.get("q", "")[:100]
    found = library.suggest(
        query, level2=request.GET.get("level2", "")[:50] or None, project_name=request.GET.get("project", "")[:300]
    )
    return JsonResponse({"query": query, "library": library.current() is not None, "suggestions": found})


def warnings_by_rule(result: Review, explanations: dict[str, str]) -> list[dict[str, Any]]:
    """The warnings grouped by rule: the unit explains a rule once, for every indicator it flags."""
    groups: dict[str, dict[str, Any]] = {}
    for warning in result.warnings:
        group = groups.setdefault(warning.code, {"code": warning.code, "findings": [], "text": ""})
        group["findings"].append(warning)
        group["text"] = group["text"] or explanations.get(finding_key(warning), "")
    return list(groups.values())


@login_required
def table_submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    record = perms.table_for(request.user, pk, perms.SUBMIT)
    if "submit" not in stages.actions(record, request.user):
        messages.error(request, f"目标表当前为“{stages.label(record)}”，不能提交。")
        return redirect("web:table_detail", pk=record.pk)
    version = record.latest
    result = review_data(version.data, record.unit)
    explanations = dict(version.explanations)
    form_errors: list[str] = []
    status = 200
    if request.method == "POST":
        form = SubmitForm(request.POST)
        try:
            chosen = form.checked()
            by_rule = {
                group["code"]: text_of(request.POST, f"explain-{group['code']}", "警告说明")
                for group in warnings_by_rule(result, {})
            }
            explanations = {finding_key(w): by_rule.get(w.code, "") for w in result.warnings}
            workflow.submit(
                record,
                actor=request.user,
                version=chosen["version"],
                revision=chosen["revision"],
                comment=chosen["comment"].strip(),
                explanations=explanations,
            )
        except BadInput as bad:
            form_errors, status = bad.messages, 400
        except workflow.WorkflowError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "已提交审核。")
            return redirect("web:table_detail", pk=record.pk)
    return render(
        request,
        "web/submit.html",
        {
            "record": record,
            "version": version,
            "result": result,
            "groups": warnings_by_rule(result, explanations),
            "form_errors": form_errors,
        },
        status=status,
    )
