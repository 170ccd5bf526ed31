"""Downloads: a version as JSON, xlsx (official layout) or PDF; a monitoring or self-evaluation report as xlsx, docx
or PDF in its official layout."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse

from .. import permissions as perms
from ..accounts import AuthenticatedRequest
from ..forms import BadInput, VersionChoice
from ..services import deptdata, exports, reports
from .refusals import bad_request

#: a department table is written in its own layout, which has no JSON form that reads back
DEPARTMENT_JSON = "部门整体支出绩效目标表只能导出为 xlsx、docx 或 PDF"


@login_required
def export(request: AuthenticatedRequest, pk: int, kind: str) -> HttpResponse:
    record = perms.table_for(request.user, pk, perms.EXPORT)
    if kind not in exports.CONTENT_TYPES:
        raise Http404("不支持的导出格式")
    try:
        number = VersionChoice(request.GET).checked()["version"]
    except BadInput as bad:
        return bad_request(request, bad)
    version = record.versions.filter(number=number).first() if number is not None else record.latest
    if version is None:
        raise Http404("没有这个版本")
    if deptdata.is_department(version.data) and kind not in exports.REPORT_KINDS:
        return bad_request(request, BadInput([DEPARTMENT_JSON]))
    response = HttpResponse(exports.export(version, kind), content_type=exports.CONTENT_TYPES[kind])
    name = f"{record.year}-{record.project_name}-v{version.number}.{kind}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@login_required
def report_export(request: AuthenticatedRequest, pk: int, kind: str) -> HttpResponse:
    report = reports.report_for(request.user, pk, perms.EXPORT)
    if kind not in exports.REPORT_KINDS:
        raise Http404("不支持的导出格式")
    response = HttpResponse(exports.export_report(report, kind), content_type=exports.CONTENT_TYPES[kind])
    what = "监控表" if report.round.kind == "monitor" else "自评表"
    period = f"（{report.round.period}）" if report.round.period else ""  # 1-6月 and 1-9月 are two files
    name = f"{report.round.year}-{report.record.project_name}-{what}{period}.{kind}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
