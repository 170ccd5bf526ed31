"""Public pages: published tables (已公开) only, no login.

Everything shown — name, year, the table, an export's file name — comes from the published version, never from
the record, whose name and year follow the newest draft (during 目标调整 that draft is not public).
"""

from __future__ import annotations

from urllib.parse import quote

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from jixiao.findings import Report

from .. import layout
from ..forms import BadInput, PublicSearch
from ..models import RoundKind, RoundReport, Status, TableRecord
from ..services import attachments, deptdata, exports, reportkinds, search
from ..services.findings import Review, review_data
from ..services.workflow import UNNAMED
from .exports import DEPARTMENT_JSON
from .paging import kept, page_of
from .refusals import bad_request

#: newest year first, by department and name: the columns the publication wrote (``table_public_order`` index)
ORDER = ("-public_year", "public_department", "public_name", "id")


def published() -> QuerySet[TableRecord]:
    """Published records; ``public_name``, ``public_year`` … were copied from the published version on publication."""
    return TableRecord.objects.filter(published_version__isnull=False).select_related(
        "unit", "unit__department", "published_version"
    )


def public_list(request: HttpRequest) -> HttpResponse:
    try:
        query = PublicSearch(request.GET).checked()
        records = search.matching(published(), query["q"], "public_search")
        page = page_of(records, ORDER, query, size=20)
    except BadInput as bad:
        return bad_request(request, bad)
    return render(request, "web/public_list.html", {"page": page, "q": query["q"], "params": kept(request.GET)})


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
    evaluations = [
        (report, reportkinds.module_for(report.round.kind, report.version.data).evaluation(report))
        for report in published_reports.order_by("-published_at")
    ]
    return render(
        request,
        "web/public_detail.html",
        {
            "evaluations": evaluations,
            "department": deptdata.is_department(version.data),
            "tasks": version.data.get("tasks") or [],
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
    if deptdata.is_department(version.data) and kind not in exports.REPORT_KINDS:
        return bad_request(request, BadInput([DEPARTMENT_JSON]))
    response = HttpResponse(exports.export(version, kind), content_type=exports.CONTENT_TYPES[kind])
    name = f"{public_year(record)}-{public_name(record)}.{kind}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def public_name(record: TableRecord) -> str:
    return record.public_name or UNNAMED


def public_year(record: TableRecord) -> str:
    return str(record.public_year) if record.public_year else "年度未填"
