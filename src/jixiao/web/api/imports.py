"""Import: a file in, the tables found in it with their findings out (nothing is saved as a table yet: the
caller saves one with ``table_save``). A 监控表 or 自评表 is filed for the open round of its kind, as on the page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, File, Form, Router, Schema
from ninja.files import UploadedFile as UploadedPart
from ninja.responses import Status as Answer
from ninja.responses import codes_4xx

from .. import permissions as perms
from ..models import RoundFiling, UploadedFile
from ..services import filing, imports, placement
from ..services.deptdata import stored_form
from ..services.findings import review_data
from . import render
from .auth import caller
from .errors import ApiError, ErrorOut
from .schemas import Named, ReviewOut

router = Router(tags=["导入与佐证资料"])


class ImportFields(Schema):
    unit: int | None = Field(None, ge=1, description="预算单位 id；不填为调用者的单位")


class UploadOut(Schema):
    id: int
    name: str
    type: str
    size: int
    sha256: str


class PlacementOut(Schema):
    unit: Named
    written: str
    named: Named | None
    existing: int | None
    foreign: bool


class PreviewTable(Schema):
    index: int
    data: dict[str, Any]
    review: ReviewOut
    placement: PlacementOut


class ImportOut(Schema):
    upload: UploadOut
    filed_for_round: int | None
    #: the monitoring or self-evaluation report a filed 监控表/自评表 filled, and what of it did not fit
    filled_report: int | None = None
    notes: list[str] = []
    scan_state: str | None
    error: str | None
    tables: list[PreviewTable]


def upload_for(request: HttpRequest, pk: int) -> UploadedFile:
    """An upload of a unit in the caller's scope (else 404), for a caller who may import (else 403)."""
    upload = UploadedFile.objects.filter(pk=pk, unit__in=perms.units_in_scope(caller(request))).first()
    if upload is None:
        raise ApiError(404, "not_found", "没有这个文件")
    perms.require(caller(request), perms.EDIT)
    return upload


def read_part(part: UploadedPart) -> bytes:
    """The uploaded part, read at most one byte past the limit: enough to refuse an oversized file."""
    return bytes(part.read(settings.JIXIAO_UPLOAD_MAX_BYTES + 1))


@router.post(
    "/imports",
    operation_id="tables_import",
    summary="导入文件（预览与审核意见）",
    url_name="tables_import",
    response={201: ImportOut, codes_4xx: ErrorOut},
)
def tables_import(
    request: HttpRequest,
    file: File[UploadedPart],
    fields: Form[ImportFields],
) -> Answer[dict[str, Any]]:
    """Upload a file (any format the import page reads): the target tables found in it, each with its findings and
    where it would be saved. Save one with ``table_save`` (``upload`` = ``upload.id``)."""
    user = caller(request)
    perms.require(user, perms.EDIT)
    units = perms.units_in_scope(user)
    chosen = units.filter(pk=fields.unit).first() if fields.unit is not None else units.first()
    if chosen is None:
        raise ApiError(404, "not_found", "没有这个预算单位")
    notes: list[str] = []
    stored = filing.receive(chosen, actor=user, name=file.name or "upload", content=read_part(file), notes=notes)
    if isinstance(stored, RoundFiling):
        filed = {"filed_for_round": stored.round_id, "filled_report": stored.report_id, "notes": notes}
        return Answer(201, {**_document(stored.upload, []), **filed})
    parsed = imports.parse(stored)
    tables = []
    for index, table in enumerate(parsed.tables):
        data = stored_form(table)
        data["year"] = data.get("year") or 2024
        where = placement.place(data, stored, units)
        tables.append(
            {
                "index": index,
                "data": data,
                "review": render.review(review_data(data), None),
                "placement": {
                    "unit": render.named(where.unit),
                    "written": where.written,
                    "named": render.named(where.named) if where.named else None,
                    "existing": where.existing.pk if where.existing else None,
                    "foreign": where.foreign,
                },
            }
        )
    document = _document(stored, tables)
    document["error"] = parsed.error
    document["scan_state"] = parsed.scan.state if parsed.scan is not None else None
    return Answer(201, document)


def _document(upload: UploadedFile, tables: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "upload": {
            "id": upload.pk,
            "name": upload.name,
            "type": upload.detected_type,
            "size": upload.size,
            "sha256": upload.sha256,
        },
        "filed_for_round": None,
        "scan_state": None,
        "error": None,
        "tables": tables,
    }
