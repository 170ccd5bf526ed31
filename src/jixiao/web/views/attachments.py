"""佐证资料 files: attach to a table or an indicator, download within the table's scope, public when marked."""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from .. import permissions as perms
from ..accounts import AuthenticatedRequest
from ..forms import AttachmentForm, BadInput
from ..models import Attachment, TableRecord
from ..services import attachments
from .refusals import bad_request


def _download(attachment: Attachment) -> HttpResponse:
    try:
        content = attachments.content_of(attachment)
    except FileNotFoundError:
        raise Http404("文件已不在存储中") from None
    response = HttpResponse(content, content_type="application/octet-stream")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(attachment.name)}"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def attach(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    record = perms.table_for(request.user, pk, perms.EDIT)
    length = str(request.META.get("CONTENT_LENGTH") or "")
    if length.isdigit() and int(length) > settings.JIXIAO_UPLOAD_MAX_BYTES + 65536:
        messages.error(request, f"文件超过 {settings.JIXIAO_UPLOAD_MAX_BYTES / 1048576:.0f} MB 的上限")
        return redirect("web:table_detail", pk=record.pk)
    try:
        chosen = AttachmentForm(request.POST, request.FILES).checked()
        file = chosen["file"]
        attachments.attach(
            record,
            actor=request.user,
            name=file.name or "佐证资料",
            content=file.read(settings.JIXIAO_UPLOAD_MAX_BYTES + 1),
            indicator=chosen["indicator"],
            public=chosen["public"],
        )
    except BadInput as bad:
        return bad_request(request, bad)
    except attachments.AttachmentRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, "佐证资料已上传。")
    return redirect("web:table_detail", pk=record.pk)


@login_required
def download(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = Attachment.objects.filter(
        pk=pk, removed_at__isnull=True, record__in=perms.tables_in_scope(request.user)
    ).first()
    if found is None:
        raise Http404("没有这个文件")
    perms.require(request.user, perms.VIEW)
    return _download(found)


@login_required
@require_POST
def remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = Attachment.objects.filter(
        pk=pk, removed_at__isnull=True, record__in=perms.tables_in_scope(request.user)
    ).first()
    if found is None:
        raise Http404("没有这个文件")
    perms.require(request.user, perms.EDIT)
    try:
        attachments.remove(found, actor=request.user)
    except attachments.AttachmentRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"已删除佐证资料：{found.name}。")
    return redirect("web:table_detail", pk=found.record_id)


def public_download(request: HttpRequest, pk: int, file: int) -> HttpResponse:
    """A file the unit marked public, of a published table, for anyone."""
    record = TableRecord.objects.filter(pk=pk, deleted_at__isnull=True).first()
    found = next((f for f in attachments.listed(record, public_only=True) if f.pk == file), None) if record else None
    if found is None:
        raise Http404("没有这个公开文件")
    return _download(found)
