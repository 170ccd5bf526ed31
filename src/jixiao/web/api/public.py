"""Published tables (已公开), for anyone, no token: what the public pages show, as data."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.http import HttpRequest
from ninja import Field, Query, Router
from ninja.responses import codes_4xx

from ..models import TableRecord
from ..services import attachments
from ..views.public import published
from .errors import ApiError, ErrorOut
from .pages import Page, PageQuery, page_of
from .schemas import PublicTableOut, PublicTableSummary

router = Router(tags=["公开目标表"], auth=None)


class PublicFilter(PageQuery):
    year: int | None = Field(None, ge=1, le=9999, description="年度（已公开版本所写）")
    department: int | None = Field(None, ge=1, description="主管部门 id")
    unit: int | None = Field(None, ge=1, description="预算单位 id")
    q: str | None = Field(None, max_length=300, description="项目名称包含")


def _summary(record: TableRecord) -> dict[str, Any]:
    version = record.published_version
    assert version is not None  # published() holds published records only
    return {
        "id": record.pk,
        "year": getattr(record, "public_year", None),
        "project_name": str(getattr(record, "public_name", "")),
        "unit": record.unit.name,
        "department": record.unit.department.name,
        "version": version.number,
        "published_at": record.audit_entries.filter(action="publish")
        .order_by("-sequence")
        .values_list("created_at", flat=True)
        .first(),
    }


@router.get(
    "/public/tables",
    operation_id="public_tables_list",
    summary="已公开的目标表",
    url_name="public_tables_list",
    response={200: Page[PublicTableSummary], codes_4xx: ErrorOut},
)
def public_tables_list(request: HttpRequest, filters: Query[PublicFilter]) -> dict[str, Any]:
    """Every published table (its published version: a 目标调整 under way is not public), newest year first."""
    records = published().order_by(
        F("public_year").desc(nulls_last=True), "unit__department__name", F("public_name").asc(), "pk"
    )
    if filters.year is not None:
        records = records.filter(**{"public_year": filters.year})
    if filters.department is not None:
        records = records.filter(unit__department_id=filters.department)
    if filters.unit is not None:
        records = records.filter(unit_id=filters.unit)
    if filters.q and filters.q.strip():
        records = records.filter(**{"public_name__icontains": filters.q.strip().replace("\x00", "")})
    return page_of(records, filters, _summary)


@router.get(
    "/public/tables/{pk}",
    operation_id="public_table_get",
    summary="一张已公开的目标表",
    url_name="public_table_get",
    response={200: PublicTableOut, codes_4xx: ErrorOut},
)
def public_table_get(request: HttpRequest, pk: int) -> dict[str, Any]:
    """A published table's published version, with the files the unit made public."""
    record = published().filter(pk=pk).first()
    if record is None or record.published_version is None:
        raise ApiError(404, "not_found", "没有这张已公开的目标表")
    files = attachments.listed(record, public_only=True)
    return {
        **_summary(record),
        "data": record.published_version.data,
        "attachments": [
            {"id": f.pk, "name": f.name, "kind": f.kind, "size": f.size, "sha256": f.sha256, "indicator": f.indicator}
            for f in files
        ],
    }
