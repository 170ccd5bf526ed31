"""Public pages: published tables (已公开) only, no login."""

from __future__ import annotations

from urllib.parse import quote

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from jixiao.findings import Report

from .. import layout
from ..forms import BadInput, PublicSearch
from ..models import TableRecord
from ..services import exports
from ..services.findings import Review, review_data
from .refusals import bad_request


def published() -> QuerySet[TableRecord]:
    return TableRecord.objects.filter(published_version__isnull=False).select_related(
        "unit", "unit__department", "published_version"
    )


def public_list(request: HttpRequest) -> HttpResponse:
    try:
        query = PublicSearch(request.GET).checked()
    except BadInput as bad:
        return bad_request(request, bad)
    records = published().order_by("-year", "unit__department__name", "project_name")
    if query["q"].strip():
        records = records.filter(project_name__icontains=query["q"].strip())
    page = Paginator(records, 20).get_page(query["page"])
    return render(request, "web/public_list.html", {"page": page, "q": query["q"]})


def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = published().filter(pk=pk).first()
    if record is None:
        raise Http404("没有这张已公开的目标表")
    version = record.published_version
    if version is None:  # not published, so never in published()
        raise Http404("没有这张已公开的目标表")
    result = review_data(version.data)
    published_only = Review(result.table, Report(project_name=result.table.project_name), ())  # no review notes
    return render(
        request,
        "web/public_detail.html",
        {
            "record": record,
            "version": version,
            "result": published_only,
            "sheet": layout.official(published_only),
        },
    )


def public_export(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The published version as JSON, xlsx or PDF, for anyone (analysts read disclosures as data)."""
    record = published().filter(pk=pk).first()
    if record is None or kind not in exports.CONTENT_TYPES:
        raise Http404("没有这张已公开的目标表")
    version = record.published_version
    if version is None:
        raise Http404("没有这张已公开的目标表")
    response = HttpResponse(exports.export(version, kind), content_type=exports.CONTENT_TYPES[kind])
    name = f"{record.year}-{record.project_name}.{kind}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
