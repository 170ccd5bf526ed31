"""Import: upload a file → preview the tables found with their findings → save one as a draft."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from .. import layout
from .. import permissions as perms
from ..accounts import AuthenticatedRequest
from ..forms import BadInput, ImportChoice, UploadForm, text_of
from ..models import RoundFiling, RoundKind, ScanReading, ScanState, UploadedFile
from ..services import deptdata, filing, imports, placement, scans, workflow
from ..services.deptdata import stored_form
from ..services.findings import review_data


@login_required
def upload(request: AuthenticatedRequest) -> HttpResponse:
    perms.require(request.user, perms.EDIT)
    units = perms.units_in_scope(request.user)
    error = None
    length = str(request.META.get("CONTENT_LENGTH") or "")
    declared = int(length) if length.isdigit() else 0
    if request.method == "POST" and declared > settings.JIXIAO_UPLOAD_MAX_BYTES + 65536:
        # refused before Django reads the body into a temporary file
        error = f"文件超过 {settings.JIXIAO_UPLOAD_MAX_BYTES / 1048576:.0f} MB 的上限"
    elif request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        try:
            chosen = form.checked()
            unit = get_object_or_404(units, pk=chosen["unit"] or (units[0].pk if units else 0))
            file = chosen["file"]
            notes: list[str] = []
            # read at most one byte past the limit: enough to refuse an oversized file without holding it
            stored = filing.receive(
                unit,
                actor=request.user,
                name=file.name or "upload",
                content=file.read(settings.JIXIAO_UPLOAD_MAX_BYTES + 1),
                notes=notes,
            )
        except BadInput as bad:
            error = "；".join(bad.messages)
        except imports.UploadRefused as refused:
            error = str(refused)
        else:
            if isinstance(stored, RoundFiling) and stored.report is not None:
                what = "监控" if stored.round.kind == RoundKind.MONITORING else "自评"
                messages.success(
                    request, f"已读入“{stored.report.record.project_name}”的{what}：{stored.upload.name}。"
                )
                for note in notes:
                    messages.warning(request, note)
                return redirect("web:report_edit", pk=stored.report.pk)
            if isinstance(stored, RoundFiling):
                what = "监控" if stored.round.kind == RoundKind.MONITORING else "自评"
                unmatched = f"（未找到同名且审核通过的目标表，未填入网上{what}）"
                messages.success(request, f"已作为“{stored.round.title}”报送：{stored.upload.name}。{unmatched}")
                return redirect("web:round_detail", pk=stored.round_id)
            return redirect("web:import_preview", pk=stored.pk)
    return render(
        request,
        "web/import.html",
        {
            "units": units,
            "error": error,
            "types": [label for label, _ in imports.TYPES.values()],
            "limit_mb": settings.JIXIAO_UPLOAD_MAX_BYTES // 1048576,
        },
        status=400 if error else 200,
    )


def _upload_for(request: AuthenticatedRequest, pk: int) -> UploadedFile:
    upload = UploadedFile.objects.filter(pk=pk, unit__in=perms.units_in_scope(request.user)).first()
    if upload is None:
        raise Http404("没有这个文件")
    perms.require(request.user, perms.EDIT)
    return upload


@login_required
def preview(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    upload = _upload_for(request, pk)
    parsed = imports.parse(upload)
    reading = parsed.scan
    if reading is not None and reading.state == ScanState.READING and not parsed.error:
        template = "web/_scan_progress.html" if request.headers.get("HX-Request") else "web/scan_reading.html"
        return render(request, template, {"upload": upload, "reading": reading})
    if request.headers.get("HX-Request"):  # the progress poll: the reading has ended, show the preview
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    doubts = scans.open_doubts(reading) if reading is not None and parsed.tables else []
    form_errors: list[str] = []
    if request.method == "POST" and "confirm" in request.POST and doubts:
        try:
            answers = {
                doubt.key: text_of(request.POST, doubt.key, f"第{doubt.row}行第{doubt.column}列") for doubt in doubts
            }
            scans.confirm(reading, actor=request.user, answers=answers)  # type: ignore[arg-type]
        except BadInput as bad:
            form_errors = bad.messages
        except KeyError as missing:
            form_errors = [str(missing.args[0])]
        else:
            messages.success(request, f"已核对 {len(doubts)} 处识别结果。")
            return redirect("web:import_preview", pk=upload.pk)
    elif request.method == "POST" and parsed.tables:
        try:
            chosen = ImportChoice(request.POST).checked()
        except BadInput as bad:
            form_errors = bad.messages
        else:
            if doubts:
                form_errors = [f"扫描件还有 {len(doubts)} 处识别结果没有核对，核对后才能保存"]
            else:
                return _save_draft(request, upload, parsed, chosen)
    previews = []
    for index, table in enumerate(parsed.tables):
        data = stored_form(table)
        result = review_data(data)
        data["year"] = data.get("year") or 2024
        where = placement.place(data, upload, perms.units_in_scope(request.user))
        previews.append(
            {
                "index": index,
                "table": result.table,
                "result": result,
                "sheet": layout.official(result),
                "placement": where,
                "tasks": data.get("tasks"),
            }
        )
    return render(
        request,
        "web/import_preview.html",
        {
            "upload": upload,
            "error": parsed.error,
            "form_errors": form_errors,
            "previews": previews,
            "reading": reading,
            "doubts": doubts,
            "type_label": imports.TYPES.get(upload.detected_type, ("", ""))[0],
        },
        status=400 if form_errors else 200,
    )


@login_required
def scan_cell(request: AuthenticatedRequest, pk: int, grid: int, row: int, column: int) -> HttpResponse:
    """A doubtful cell of an uploaded scan, cut out of its page (PNG), for the person confirming it."""
    upload = _upload_for(request, pk)
    reading = ScanReading.objects.filter(upload=upload, state=ScanState.READ).first()
    image = scans.crop(reading, grid, row, column) if reading is not None else None
    if image is None:
        raise Http404("没有这个单元格")
    response = HttpResponse(image, content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _save_draft(
    request: AuthenticatedRequest, upload: UploadedFile, parsed: imports.Parsed, chosen: dict[str, Any]
) -> HttpResponse:
    """Table ``index`` of the upload as a draft of the unit it names (or a new version of the table it already is),
    in ``year`` unless it names its own."""
    index = chosen["table"]
    if not 0 <= index < len(parsed.tables):
        raise Http404("没有这张表")
    try:
        record, again = placement.save_import(
            upload,
            parsed,
            index=index,
            year=chosen["year"],
            as_own=chosen["as_own"],
            actor=request.user,
            allowed=perms.units_in_scope(request.user),
        )
    except (placement.ForeignUnit, workflow.WorkflowError) as error:
        messages.error(request, str(error))
        return redirect("web:import_preview", pk=upload.pk)
    if again:
        messages.success(request, f"“{record.project_name}”已存在，导入为第 {record.latest.number} 版草稿。")
    else:
        messages.success(request, "已导入为草稿。")
    if deptdata.is_department(record.latest.data):  # not edited on the web: its page, to submit it from
        return redirect("web:table_detail", pk=record.pk)
    return redirect("web:table_edit", pk=record.pk)


@login_required
def original(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The original uploaded file, as an attachment (never rendered inline)."""
    perms.require(request.user, perms.VIEW)
    visible = UploadedFile.objects.filter(tableversion__record__in=perms.tables_in_scope(request.user))
    if perms.has(request.user, perms.EDIT):
        visible = visible | UploadedFile.objects.filter(unit__in=perms.units_in_scope(request.user))
    upload = visible.filter(pk=pk).distinct().first()
    if upload is None:
        raise Http404("没有这个文件")
    response = HttpResponse(bytes(upload.content), content_type="application/octet-stream")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(upload.name)}"
    return response
