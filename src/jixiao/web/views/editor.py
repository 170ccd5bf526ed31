"""The editor: header fields and indicator rows (add, remove, reorder), live review through htmx, submission."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from jixiao import fields, taxonomy

from .. import permissions as perms
from ..services import workflow
from ..services.findings import finding_key, review_data
from ..services.tabledata import FUNDING_FIELDS, HEADER_FIELDS, INDICATOR_FIELDS, diff

EMPTY_ROW = dict.fromkeys(INDICATOR_FIELDS, "")


def data_from_post(post: QueryDict) -> dict[str, Any]:
    """The stored form of a table from the editor's fields (indicator rows in the order shown)."""
    columns = {name: post.getlist(f"ind-{name}") for name in (*INDICATOR_FIELDS, "number")}
    count = len(columns["name"])
    rows = []
    for i in range(count):
        row = {name: (values[i] if i < len(values) else "").strip() for name, values in columns.items()}
        if any(row[name] for name in INDICATOR_FIELDS):
            rows.append(row)
    year = post.get("year", "").strip()
    return {
        "year": int(year) if year.isdigit() else None,
        **{name: post.get(name, "").strip() for name in HEADER_FIELDS},
        "funding": {
            **{part: post.get(f"funding-{part}", "").strip() for part in FUNDING_FIELDS},
            "unit": post.get("funding-unit", "万元").strip() or "万元",
        },
        "indicators": rows,
    }


def _options(current: str, choices: tuple[str, ...] | list[str]) -> list[str]:
    """The dropdown's choices, with the value as written first when it is not one of them."""
    return ([current] if current and current not in choices else []) + list(choices)


def editor_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for row in data.get("indicators", []):
        level1 = taxonomy.canonical_level1(row.get("level1")) or ""
        rows.append(
            {
                "data": row,
                "level1_options": _options(row.get("level1", ""), taxonomy.LEVEL1),
                "level2_options": _options(row.get("level2", ""), taxonomy.allowed_level2(level1) if level1 else ()),
            }
        )
    return rows


def _editor_context(data: dict[str, Any], **extra: Any) -> dict[str, Any]:
    result = review_data(data)
    return {
        "data": data,
        "edit_rows": editor_rows(data),
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
def table_new(request: HttpRequest) -> HttpResponse:
    perms.require(request.user, perms.EDIT)
    units = perms.units_in_scope(request.user)
    if request.method == "POST":
        unit = get_object_or_404(units, pk=request.POST.get("unit"))
        record = workflow.create_table(unit, actor=request.user, data=data_from_post(request.POST))
        messages.success(request, "目标表已保存为草稿。")
        return redirect("web:table_edit", pk=record.pk)
    data = {
        "year": 2024,
        "funding": {"unit": "万元"},
        "indicators": [dict(EMPTY_ROW)],
        "budget_unit": units[0].name if units else "",
    }
    return render(request, "web/editor.html", _editor_context(data, units=units, new=True))


@login_required
def table_edit(request: HttpRequest, pk: int) -> HttpResponse:
    record = perms.table_for(request.user, pk, perms.EDIT)
    if record.status not in workflow.EDITABLE:
        messages.error(request, f"目标表当前状态为“{record.get_status_display()}”，不能修改。")
        return redirect("web:table_detail", pk=record.pk)
    latest = record.latest
    if request.method != "POST":
        return render(request, "web/editor.html", _editor_context(latest.data, record=record, revision=latest.revision))
    data = data_from_post(request.POST)
    revision = int(request.POST.get("revision", "0") or 0)
    try:
        workflow.save_draft(
            record, actor=request.user, data=data, revision=revision, comment=request.POST.get("comment", "").strip()
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
    if request.POST.get("then") == "submit":
        return redirect("web:table_submit", pk=record.pk)
    return redirect("web:table_edit", pk=record.pk)


@login_required
@require_POST
def live_review(request: HttpRequest) -> HttpResponse:
    """htmx: the findings for the editor's current (unsaved) content."""
    perms.require(request.user, perms.EDIT)
    data = data_from_post(request.POST)
    return render(request, "web/_findings.html", _editor_context(data, live=True))


@login_required
def table_submit(request: HttpRequest, pk: int) -> HttpResponse:
    record = perms.table_for(request.user, pk, perms.SUBMIT)
    version = record.latest
    result = review_data(version.data)
    explanations = dict(version.explanations)
    if request.method == "POST":
        explanations = {finding_key(w): request.POST.get(f"explain-{finding_key(w)}", "") for w in result.warnings}
        try:
            workflow.submit(
                record, actor=request.user, comment=request.POST.get("comment", "").strip(), explanations=explanations
            )
        except workflow.WorkflowError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "已提交审核。")
            return redirect("web:table_detail", pk=record.pk)
    warnings = [(w, finding_key(w), explanations.get(finding_key(w), "")) for w in result.warnings]
    return render(
        request,
        "web/submit.html",
        {"record": record, "result": result, "warnings": warnings},
    )
