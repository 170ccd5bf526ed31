"""佐证资料 files of a table: list them, attach one (to the table or one of its indicators)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, File, Form, Query, Router, Schema
from ninja.files import UploadedFile as UploadedPart
from ninja.responses import Status as Answer
from ninja.responses import codes_4xx

from .. import permissions as perms
from ..services import attachments, stages
from . import render
from .auth import caller
from .errors import ApiError, ErrorOut
from .imports import read_part
from .pages import Page, PageQuery, page_of
from .schemas import AttachmentOut

router = Router(tags=["导入与佐证资料"])


class AttachmentFields(Schema):
    indicator: int | None = Field(None, ge=0, le=10000, description="指标序号，从 0 开始；不填为整张表")
    public: bool = Field(False, description="随目标表公开")


@router.get(
    "/tables/{pk}/attachments",
    operation_id="attachments_list",
    summary="佐证资料列表",
    url_name="attachments_list",
    response={200: Page[AttachmentOut], codes_4xx: ErrorOut},
)
def attachments_list(request: HttpRequest, pk: int, paging: Query[PageQuery]) -> dict[str, Any]:
    """The table's 佐证资料 files."""
    record = perms.table_for(caller(request), pk)
    return page_of(attachments.listed(record), paging, render.attachment)


@router.post(
    "/tables/{pk}/attachments",
    operation_id="attachment_upload",
    summary="上传佐证资料",
    url_name="attachment_upload",
    response={201: AttachmentOut, codes_4xx: ErrorOut},
)
def attachment_upload(
    request: HttpRequest,
    pk: int,
    file: File[UploadedPart],
    fields: Form[AttachmentFields],
) -> Answer[dict[str, Any]]:
    """Attach a file (PDF, image, Office file, told by its content) while the unit may edit the table; ``indicator``
    is the indicator's position from 0, none for the whole table; ``public`` publishes it with the table."""
    user = caller(request)
    record = perms.table_for(user, pk, perms.EDIT)
    if "edit" not in stages.actions(record, user):
        raise ApiError(409, "wrong_state", f"目标表当前为“{stages.label(record)}”，不能添加佐证资料")
    found = attachments.attach(
        record,
        actor=user,
        name=file.name or "佐证资料",
        content=read_part(file),
        indicator=fields.indicator,
        public=fields.public,
    )
    return Answer(201, render.attachment(found))
