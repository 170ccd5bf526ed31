"""目标表 operations: list, read, versions, findings, save, and each step of the review chain.

Every operation finds the table within the caller's scope (outside it: ``not_found``), checks the role's permission
(``forbidden``) and calls the workflow service the pages call, which checks the stage and writes the audit entry.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import Status as Answer
from ninja.responses import codes_4xx

from .. import permissions as perms
from ..models import Status, TableRecord, TableVersion
from ..services import placement, workflow
from ..services import versions as versions_of
from ..services.findings import finding_key, review_data
from . import render
from .auth import caller
from .errors import ApiError, ErrorOut
from .imports import upload_for
from .pages import Page, PageQuery, page_of
from .schemas import Comment, ReviewOut, TableData, TableOut, TableSummary, VersionOut

router = Router(tags=["目标表"])
ERRORS: dict[Any, Any] = {codes_4xx: ErrorOut}


class TableFilter(PageQuery):
    year: int | None = Field(None, ge=1, le=9999, description="年度")
    department: int | None = Field(None, ge=1, description="主管部门 id")
    unit: int | None = Field(None, ge=1, description="预算单位 id")
    status: Status | None = Field(None, description="状态")
    round: int | None = Field(None, ge=1, description="填报任务 id：该任务的单位在其年度的目标表")
    q: str | None = Field(None, max_length=300, description="项目名称包含")


def filtered(request: HttpRequest, chosen: TableFilter) -> QuerySet[TableRecord]:
    records = perms.tables_in_scope(caller(request))
    if chosen.year is not None:
        records = records.filter(year=chosen.year)
    if chosen.department is not None:
        records = records.filter(unit__department_id=chosen.department)
    if chosen.unit is not None:
        records = records.filter(unit_id=chosen.unit)
    if chosen.status is not None:
        records = records.filter(status=chosen.status)
    if chosen.round is not None:
        found = perms.rounds_in_scope(caller(request)).filter(pk=chosen.round).first()
        if found is None:
            raise ApiError(404, "not_found", "没有这个填报任务")
        records = records.filter(unit__in=found.units.all(), year=found.year)
    if chosen.q and chosen.q.strip():
        records = records.filter(project_name__icontains=chosen.q.strip().replace("\x00", ""))
    return records.select_related("published_version").order_by("-updated_at", "-id")


@router.get(
    "/tables",
    operation_id="tables_list",
    summary="目标表列表",
    url_name="tables_list",
    response={200: Page[TableSummary], **ERRORS},
)
def tables_list(request: HttpRequest, filters: Query[TableFilter]) -> dict[str, Any]:
    """The tables the caller may see, filtered, newest change first."""
    perms.require(caller(request), perms.VIEW)
    return page_of(filtered(request, filters), filters, render.table_summary)


def _version(record: TableRecord, number: int | None) -> TableVersion:
    if number is None:
        return record.latest
    found = record.versions.filter(number=number).first()
    if found is None:
        raise ApiError(404, "not_found", f"这张目标表没有第 {number} 版")
    return found


def _out(request: HttpRequest, pk: int, version: int | None = None) -> dict[str, Any]:
    record = perms.table_for(caller(request), pk)
    return render.table(record, _version(record, version), caller(request))


class VersionQuery(Schema):
    version: int | None = Field(None, ge=1, le=10**9, description="版本号；不填为最新版本")


@router.get(
    "/tables/{pk}",
    operation_id="table_get",
    summary="一张目标表",
    url_name="table_get",
    response={200: TableOut, **ERRORS},
)
def table_get(request: HttpRequest, pk: int, query: Query[VersionQuery]) -> dict[str, Any]:
    """A table: its state, what the caller may do with it now, and a version's data (the latest by default)."""
    return _out(request, pk, query.version)


@router.get(
    "/tables/{pk}/versions",
    operation_id="table_versions",
    summary="目标表的各版本",
    url_name="table_versions",
    response={200: Page[VersionOut], **ERRORS},
)
def table_versions(request: HttpRequest, pk: int, paging: Query[PageQuery]) -> dict[str, Any]:
    """The table's versions, newest first, each with its own state and the decisions taken on it."""
    record = perms.table_for(caller(request), pk)
    states = versions_of.states(record)
    rows = record.versions.select_related("created_by", "source_file").order_by("-number")

    def one(version: TableVersion) -> dict[str, Any]:
        return {
            "number": version.number,
            "revision": version.revision,
            "state": states[version.pk],
            "frozen": version.frozen,
            "is_adjustment": version.is_adjustment,
            "created_by": render.person(version.created_by),
            "created_at": version.created_at,
            "submitted_at": version.submitted_at,
            "source_file": version.source_file.name if version.source_file else None,
            "decisions": [render.decision(d) for d in version.decisions.select_related("reviewer")],
        }

    return page_of(rows, paging, one)


@router.get(
    "/tables/{pk}/review",
    operation_id="table_review",
    summary="审核意见",
    url_name="table_review",
    response={200: ReviewOut, **ERRORS},
)
def table_review(request: HttpRequest, pk: int, query: Query[VersionQuery]) -> dict[str, Any]:
    """The review's findings (审核意见) on a version of the table, errors first."""
    record = perms.table_for(caller(request), pk)
    version = _version(record, query.version)
    return render.review(review_data(version.data), version.number)


class SaveIn(Schema):
    """One of three: ``id`` + ``revision`` + ``data`` saves the caller's edit of a draft; ``upload`` (+ ``table``)
    saves a table of an imported file (:func:`tables_import`) as a draft, or as the next version of the table it
    already is; ``data`` (+ ``unit``) creates a new draft."""

    id: int | None = Field(None, ge=1, description="保存这张草稿")
    revision: int | None = Field(None, ge=0, description="打开时的修订号（乐观锁）")
    data: TableData | None = None
    unit: int | None = Field(None, ge=1, description="新建时的预算单位 id；不填为调用者的单位")
    upload: int | None = Field(None, ge=1, description="导入的文件 id（tables_import 的 upload.id）")
    table: int = Field(0, ge=0, le=10000, description="文件中的第几张表，从 0 开始")
    year: int | None = Field(None, ge=1990, le=2100, description="表内未写年度时所用的年度")
    as_own: bool = Field(False, description="表内预算单位是别的单位时，仍作为本单位的目标表导入")
    comment: Comment = ""


@router.post(
    "/tables",
    operation_id="table_save",
    summary="保存草稿",
    url_name="table_save",
    response={200: TableOut, 201: TableOut, **ERRORS},
)
def table_save(request: HttpRequest, body: SaveIn) -> Answer[dict[str, Any]]:
    """Save a draft (200), or make one from an import or from data (201)."""
    user = caller(request)
    if body.id is not None:
        record = perms.table_for(user, body.id, perms.EDIT)
        if body.data is None or body.revision is None:
            raise ApiError(422, "invalid", "保存草稿须给出 data 和 revision")
        workflow.save_draft(
            record, actor=user, data=body.data.stored(), revision=body.revision, comment=body.comment.strip()
        )
        return Answer(200, _out(request, record.pk))
    perms.require(user, perms.EDIT)
    units = perms.units_in_scope(user)
    if body.upload is not None:
        record = _save_import(request, body)
        return Answer(201, _out(request, record.pk))
    if body.data is None:
        raise ApiError(422, "invalid", "新建目标表须给出 data（或给出导入文件 upload）")
    unit = units.filter(pk=body.unit).first() if body.unit is not None else units.first()
    if unit is None:
        raise ApiError(404, "not_found", "没有这个预算单位")
    data = body.data.stored()
    data["year"] = data["year"] or body.year
    record = workflow.create_table(unit, actor=user, data=data, comment=body.comment.strip())
    return Answer(201, _out(request, record.pk))


def _save_import(request: HttpRequest, body: SaveIn) -> TableRecord:
    from ..services import imports, scans

    upload = upload_for(request, body.upload or 0)
    parsed = imports.parse(upload)
    if parsed.error:
        raise ApiError(422, "unreadable", parsed.error)
    if parsed.scan is not None and not parsed.tables:
        raise ApiError(409, "scan_reading", "扫描件正在识别，请稍后再试")
    doubts = scans.open_doubts(parsed.scan) if parsed.scan is not None else []
    if doubts:
        raise ApiError(409, "scan_doubts", f"扫描件还有 {len(doubts)} 处识别结果没有核对，请在导入页面核对后再保存")
    if not 0 <= body.table < len(parsed.tables):
        raise ApiError(404, "not_found", f"文件中没有第 {body.table} 张表（共 {len(parsed.tables)} 张）")
    try:
        record, _again = placement.save_import(
            upload,
            parsed,
            index=body.table,
            year=body.year,
            as_own=body.as_own,
            actor=caller(request),
            allowed=perms.units_in_scope(caller(request)),
        )
    except placement.ForeignUnit as foreign:
        details = {"written": foreign.where.written, "unit": render.named(foreign.where.unit)}
        raise ApiError(409, "foreign_unit", str(foreign), details) from None
    return record


class SubmitIn(Schema):
    version: int = Field(ge=1, description="提交时看到的版本号")
    revision: int = Field(ge=0, description="提交时看到的修订号")
    comment: Comment = ""
    explanations: dict[str, Comment] = Field(
        default_factory=dict,
        description="警告的说明：键为 table_review 中的 key（一条警告），或规则编号如 JX-N001（该规则的每条警告）",
    )


@router.post(
    "/tables/{pk}/submit",
    operation_id="table_submit",
    summary="提交审核",
    url_name="table_submit",
    response={200: TableOut, **ERRORS},
)
def table_submit(request: HttpRequest, pk: int, body: SubmitIn) -> dict[str, Any]:
    """The unit lead's submission to the chain's first review; refused while errors remain or a warning is
    unexplained (``errors_remain``, ``warnings_unexplained``)."""
    user = caller(request)
    record = perms.table_for(user, pk, perms.SUBMIT)
    result = review_data(record.latest.data)
    explanations = {
        finding_key(w): body.explanations.get(finding_key(w)) or body.explanations.get(w.code) or ""
        for w in result.warnings
    }
    workflow.submit(
        record,
        actor=user,
        version=body.version,
        revision=body.revision,
        comment=body.comment.strip(),
        explanations=explanations,
    )
    return _out(request, pk)


class IndicatorComment(Schema):
    index: int = Field(ge=0, description="指标的序号，从 0 开始")
    comment: Comment


class DecisionIn(Schema):
    version: int = Field(ge=1, description="审核时看到的版本号")
    comment: Comment = ""
    indicator_comments: list[IndicatorComment] = Field(default_factory=list, max_length=1000)


def _decide(request: HttpRequest, pk: int, body: DecisionIn, approve: bool) -> dict[str, Any]:
    user = caller(request)
    record = perms.table_for(user, pk, perms.REVIEW)
    indicators = record.latest.data.get("indicators", [])
    notes = []
    for note in body.indicator_comments:
        if note.index >= len(indicators):
            raise ApiError(422, "invalid", f"没有第 {note.index} 个指标（共 {len(indicators)} 个）")
        notes.append({"index": note.index, "name": indicators[note.index].get("name") or "", "comment": note.comment})
    step = workflow.approve if approve else workflow.return_for_changes
    step(record, actor=user, version=body.version, comment=body.comment.strip(), indicator_comments=notes)
    return _out(request, pk)


@router.post(
    "/tables/{pk}/return",
    operation_id="table_return",
    summary="退回修改",
    url_name="table_return",
    response={200: TableOut, **ERRORS},
)
def table_return(request: HttpRequest, pk: int, body: DecisionIn) -> dict[str, Any]:
    """Return the table to the unit from the stage it waits at (a comment is required)."""
    return _decide(request, pk, body, approve=False)


@router.post(
    "/tables/{pk}/approve",
    operation_id="table_approve",
    summary="审核通过",
    url_name="table_approve",
    response={200: TableOut, **ERRORS},
)
def table_approve(request: HttpRequest, pk: int, body: DecisionIn) -> dict[str, Any]:
    """Pass the table on to the next stage; by whoever acts at the stage it waits at (``not_your_stage`` else)."""
    return _decide(request, pk, body, approve=True)


class PublishIn(Schema):
    version: int = Field(ge=1, description="公开的版本号（审核通过的版本）")
    comment: Comment = ""


@router.post(
    "/tables/{pk}/publish",
    operation_id="table_publish",
    summary="公开",
    url_name="table_publish",
    response={200: TableOut, **ERRORS},
)
def table_publish(request: HttpRequest, pk: int, body: PublishIn) -> dict[str, Any]:
    """Make the approved version public (财政公开)."""
    user = caller(request)
    record = perms.table_for(user, pk, perms.PUBLISH)
    workflow.publish(record, actor=user, version=body.version, comment=body.comment.strip())
    return _out(request, pk)


class AdjustIn(Schema):
    comment: Comment = Field(min_length=1, description="调整原因")


@router.post(
    "/tables/{pk}/adjust",
    operation_id="table_adjust",
    summary="目标调整",
    url_name="table_adjust",
    response={200: TableOut, **ERRORS},
)
def table_adjust(request: HttpRequest, pk: int, body: AdjustIn) -> dict[str, Any]:
    """目标调整: a new draft of an approved or published table, reviewed along the same chain."""
    user = caller(request)
    record = perms.table_for(user, pk, perms.ADJUST)
    workflow.start_adjustment(record, actor=user, comment=body.comment.strip())
    return _out(request, pk)
