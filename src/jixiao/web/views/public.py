"""Public pages: published tables (已公开) only, no login.

Everything shown — name, year, the table, an export's file name — comes from the published version, never from
the record, whose name and year follow the newest draft (during 目标调整 that draft is not public).
"""

from __future__ import annotations

from urllib.parse import quote

from django.core.paginator import Paginator
from django.db.models import F, IntegerField, QuerySet, TextField, Value
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce, NullIf, Trim
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from jixiao.findings import Report

from .. import layout
from ..forms import BadInput, PublicSearch
from ..models import RoundKind, RoundReport, Status, TableRecord
from ..services import attachments, exports, selfeval
from ..services.findings import Review, review_data
from .refusals import bad_request

UNNAMED = "（未命名项目）"


def published() -> QuerySet[TableRecord]:
    """Published records, each with ``public_name`` and ``public_year`` read from its published version."""
    return (
        TableRecord.objects.filter(published_version__isnull=False)
        .select_related("unit", "unit__department", "published_version")
        .annotate(
            public_name=Coalesce(
                NullIf(Trim(KeyTextTransform("project_name", "published_version__data")), Value("")),
                Value(UNNAMED),
                output_field=TextField(),
            ),
            public_year=Cast(KeyTextTransform("year", "published_version__data"), IntegerField()),
        )
    )


def public_list(request: HttpRequest) -> HttpResponse:
    try:
        query = PublicSearch(request.GET).checked()
    except BadInput as bad:
        return bad_request(request, bad)
    records = published().order_by(
        F("public_year").desc(nulls_last=True), "unit__department__name", F("public_name").asc(), "pk"
    )
    if query["q"].strip():  # an annotation of published(): its type does not show it
        records = records.filter(**{"public_name__icontains": query["q"].strip()})
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
    files = attachments.listed(record, public_only=True)
    published_reports = RoundReport.objects.filter(
        record=record, status=Status.PUBLISHED, round__kind=RoundKind.SELF_EVALUATION
    ).select_related("round", "version", "record__unit__department__office")
    evaluations = [(report, selfeval.evaluation(report)) for report in published_reports.order_by("-published_at")]
    return render(
        request,
        "web/public_detail.html",
        {
            "evaluations": evaluations,
            "record": record,
            "version": version,
            "result": published_only,
            "sheet": layout.official(published_only, files=files),
            "files": files,
            "public_files": True,
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
    name = f"{public_year(record)}-{public_name(record)}.{kind}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def public_name(record: TableRecord) -> str:
    return str(getattr(record, "public_name", UNNAMED))


def public_year(record: TableRecord) -> str:
    year = getattr(record, "public_year", None)
    return str(year) if year is not None else "年度未填"
