"""The workflow (审核流程) as service functions, along the office's review chain (:mod:`.stages`):
草稿 → 单位负责人提交 → 主管部门初审 → 财政复审 → 审核通过 → 财政公开, a return at any stage going back to the unit.

Each function checks the table's state and that ``actor`` acts at its stage, changes it in one transaction and
writes exactly one audit entry naming ``actor``. Views find the table within the actor's scope
(:mod:`jixiao.web.permissions`) before calling. A submission or a decision names the version (and revision) the
person saw, and is refused when the table has changed since.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ..models import AuditAction, Decision, Status, Step, TableRecord, TableVersion, Unit, UploadedFile
from . import audit, library, notices, search, stages, tablecopies
from .findings import Review, finding_key, review_data, store_counts
from .tabledata import diff

if TYPE_CHECKING:
    from ..accounts import User


class WorkflowError(Exception):
    """A step that cannot be taken now; the message says why, for the user, and ``code`` (stable, for API clients)
    what kind of refusal it is: ``wrong_state`` (not in a state for this step), ``not_your_stage`` (the table waits
    at a stage someone else acts at), ``version_changed``, ``edit_conflict``, ``errors_remain``,
    ``warnings_unexplained``, ``comment_required``."""

    def __init__(self, message: str, *, code: str = "wrong_state") -> None:
        super().__init__(message)
        self.code = code


class EditConflict(WorkflowError):
    """Someone saved the draft since this user opened it (optimistic locking)."""

    def __init__(self, message: str, *, current: TableVersion) -> None:
        super().__init__(message, code="edit_conflict")
        self.current = current


EDITABLE = (Status.DRAFT, Status.RETURNED)
UNNAMED = "（未命名项目）"


class VersionChanged(WorkflowError):
    """The table has a newer version or revision than the one the person saw."""


def _check_seen(latest: TableVersion, version: int, revision: int | None = None) -> None:
    if latest.number != version or (revision is not None and latest.revision != revision):
        raise VersionChanged(
            f"这张目标表在您打开之后已有变化（现为第 {latest.number} 版，修订 {latest.revision}），"
            "请重新打开查看后再操作",
            code="version_changed",
        )


def _require(record: TableRecord, actor: User, action: str, refusal: str) -> None:
    if action not in stages.actions(record, actor):
        raise WorkflowError(refusal, code="not_your_stage")


def _locked(record: TableRecord) -> TableRecord:
    return TableRecord.objects.select_for_update().get(pk=record.pk)


def _refresh(record: TableRecord, data: dict[str, Any]) -> Review:
    result = review_data(data, record.unit)
    counts = result.counts()
    # the list's column is as wide as the editor allows; an imported name may be longer, and stays whole in the data
    name_length = TableRecord._meta.get_field("project_name").max_length or 300
    record.project_name = ((data.get("project_name") or "").strip() or UNNAMED)[:name_length]
    record.year = data.get("year") or record.year
    record.error_count, record.warning_count = counts["error"], counts["warning"]
    record.search_text = search.text_of(record.project_name, record.unit.name, data)
    return result


def _show_publicly(record: TableRecord, version: TableVersion) -> None:
    """The public list's columns of ``record``, from the version made public."""
    data = version.data
    name_length = TableRecord._meta.get_field("public_name").max_length or 300
    name = ((data.get("project_name") or "").strip() or UNNAMED)[:name_length]
    record.public_name = name
    record.public_year = data.get("year") if isinstance(data.get("year"), int) and data["year"] > 0 else 0
    record.public_department = record.unit.department.name
    record.public_search = search.text_of(name, record.unit.name, data)


def _save(record: TableRecord, result: Review) -> None:
    """Save ``record`` with the findings of ``_refresh`` and keep their per-rule counts."""
    record.save()
    store_counts(record, result)


def _changed(
    record: TableRecord,
    *,
    actor: User,
    action: AuditAction,
    comment: str,
    before: dict[str, Any],
    data: dict[str, Any],
    version_number: int,
    had_errors: bool | None = None,
) -> Review:
    """After a version of ``record`` took ``data``: its findings refreshed, the step audited, and the unit told when
    the errors it had (``had_errors``; by default, those counted on the record now) are all gone."""
    if had_errors is None:
        had_errors = record.error_count > 0
    result = _refresh(record, data)
    _save(record, result)
    audit.record(
        record, actor=actor, action=action, comment=comment, diff=diff(before, data), version_number=version_number
    )
    if had_errors and record.error_count == 0:
        notices.after_step(record, actor=actor, event="ready")
    return result


def create_table(
    unit: Unit, *, actor: User, data: dict[str, Any], comment: str = "", source_file: UploadedFile | None = None
) -> TableRecord:
    """A new table with its first draft; from an import when ``source_file`` is given."""
    with transaction.atomic():
        record = TableRecord(unit=unit, year=data.get("year") or timezone.now().year)
        _save(record, _refresh(record, data))
        TableVersion.objects.create(record=record, number=1, data=data, created_by=actor, source_file=source_file)
        audit.record(
            record,
            actor=actor,
            action=AuditAction.IMPORT if source_file else AuditAction.CREATE,
            comment=comment,
            diff=diff(None, data),
            version_number=1,
        )
        if record.error_count == 0:
            notices.after_step(record, actor=actor, event="ready")
    return record


def import_version(
    record: TableRecord, *, actor: User, data: dict[str, Any], source_file: UploadedFile, comment: str = ""
) -> TableVersion:
    """An imported file of a table that exists already: its next version (导入), while the unit may change it."""
    with transaction.atomic():
        record = _locked(record)
        if record.status not in EDITABLE:
            raise WorkflowError(
                f"“{record.project_name}”当前为“{stages.label(record)}”，不能导入新版本；需要修改时请先申请目标调整"
            )
        _require(record, actor, "edit", "您不能修改这张目标表")
        latest = record.latest
        version = TableVersion.objects.create(
            record=record,
            number=latest.number + 1,
            data=data,
            explanations=latest.explanations,
            created_by=actor,
            is_adjustment=latest.is_adjustment,
            source_file=source_file,
            revision=latest.revision + 1,
        )
        _changed(
            record,
            actor=actor,
            action=AuditAction.IMPORT,
            comment=comment,
            before=latest.data,
            data=data,
            version_number=version.number,
        )
    return version


def _editable_version(record: TableRecord, actor: User, *, adjustment: bool = False) -> TableVersion:
    """The latest version if still a draft, else a new draft copied from it (an edit after submission)."""
    latest = record.latest
    if not latest.frozen:
        return latest
    return TableVersion.objects.create(
        record=record,
        number=latest.number + 1,
        data=latest.data,
        explanations=latest.explanations,
        created_by=actor,
        is_adjustment=adjustment or latest.is_adjustment,
        revision=latest.revision + 1,
    )


def save_draft(record: TableRecord, *, actor: User, data: dict[str, Any], revision: int, comment: str = "") -> Review:
    """Save the unit's edit of the draft opened at ``revision``; :class:`EditConflict` if it has moved on."""
    with transaction.atomic():
        record = _locked(record)
        if record.status not in EDITABLE:
            raise WorkflowError(f"目标表当前状态为“{stages.label(record)}”，不能修改")
        _require(record, actor, "edit", "您不能修改这张目标表")
        latest = record.latest
        if latest.revision != revision:
            raise EditConflict(
                "这张目标表在您打开之后已被他人保存。您的修改没有保存，仍在下方；请核对后再保存。", current=latest
            )
        before, had_errors = latest.data, record.error_count > 0
        version = _editable_version(record, actor)
        updated = TableVersion.objects.filter(pk=version.pk, frozen=False, revision=version.revision).update(
            data=data, revision=F("revision") + 1
        )
        if not updated:
            raise EditConflict("这张目标表刚被他人保存，您的修改没有保存。", current=record.latest)
        result = _changed(
            record,
            actor=actor,
            action=AuditAction.EDIT,
            comment=comment,
            before=before,
            data=data,
            version_number=version.number,
            had_errors=had_errors,
        )
    return result


def submit(
    record: TableRecord,
    *,
    actor: User,
    version: int,
    revision: int,
    comment: str = "",
    explanations: dict[str, str] | None = None,
) -> None:
    """The unit lead's submission of the draft seen at ``version``/``revision``, to the chain's first review.

    Refused while error findings remain or a warning is unexplained, and when the draft changed since.
    """
    with transaction.atomic():
        record = _locked(record)
        if record.status not in EDITABLE:
            raise WorkflowError(f"目标表当前状态为“{stages.label(record)}”，不能提交")
        _require(record, actor, "submit", f"提交由{stages.current(record).name}办理")
        _check_seen(record.latest, version, revision)
        version_row = _editable_version(record, actor)
        result = _refresh(record, version_row.data)
        if result.blocking:
            count = len(result.errors) + len(result.problems)
            raise WorkflowError(f"还有 {count} 个错误未改正，改正后才能提交", code="errors_remain")
        given = {key: text.strip() for key, text in (explanations or {}).items()}
        kept = {finding_key(w): given.get(finding_key(w), "") for w in result.warnings}
        missing = result.unexplained(kept)
        if missing:
            raise WorkflowError(
                f"还有 {len(missing)} 个警告没有填写说明：{missing[0].title}", code="warnings_unexplained"
            )
        TableVersion.objects.filter(pk=version_row.pk).update(
            explanations=kept, frozen=True, submitted_at=timezone.now()
        )
        before = record.status
        record.status = Status.SUBMITTED
        record.stage = 1
        _save(record, result)
        audit.record(
            record,
            actor=actor,
            action=AuditAction.SUBMIT,
            comment=comment,
            version_number=version_row.number,
            diff=[{"field": "status", "before": before, "after": record.status}]
            + [{"field": f"explanation[{key}]", "before": None, "after": text} for key, text in kept.items()],
        )
        notices.after_step(record, actor=actor, event="submit", comment=comment)


def _decide(
    record: TableRecord,
    *,
    actor: User,
    outcome: str,
    version: int,
    comment: str,
    indicator_comments: list[dict[str, Any]],
) -> None:
    with transaction.atomic():
        record = _locked(record)
        if record.status != Status.SUBMITTED:
            raise WorkflowError(f"目标表当前状态为“{stages.label(record)}”，不在待审核状态")
        stage = stages.current(record)
        _require(record, actor, "review", f"目标表正在“{stage.name}”阶段，不由您审核")
        _check_seen(record.latest, version)
        notes = [c for c in indicator_comments if (c.get("comment") or "").strip()]
        if outcome == Decision.Outcome.RETURNED and not (comment.strip() or notes):
            raise WorkflowError("退回修改时请写明审核意见（总体意见或对具体指标的意见）", code="comment_required")
        latest = record.latest
        Decision.objects.create(
            version=latest,
            reviewer=actor,
            outcome=outcome,
            comment=comment,
            indicator_comments=notes,
            stage_name=stage.name,
        )
        before = record.status
        if outcome == Decision.Outcome.RETURNED:
            record.status, record.stage = Status.RETURNED, 0
        else:
            record.stage = stage.position + 1
            following = stages.chain(stages.office_of(record))[record.stage]
            record.status = Status.APPROVED if following.step == Step.PUBLISH else Status.SUBMITTED
        record.save()
        changes: list[dict[str, Any]] = [
            {"field": "stage", "before": stage.name, "after": stages.current(record).name},
            {"field": "status", "before": before, "after": record.status},
        ]
        changes += [
            {"field": "comment", "indicator": c.get("name"), "before": None, "after": c["comment"]} for c in notes
        ]
        audit.record(
            record,
            actor=actor,
            action=AuditAction.RETURN if outcome == Decision.Outcome.RETURNED else AuditAction.APPROVE,
            comment=comment,
            diff=changes,
            version_number=latest.number,
        )
        event = "return" if outcome == Decision.Outcome.RETURNED else "approve"
        notices.after_step(record, actor=actor, event=event, comment=comment)


def return_for_changes(
    record: TableRecord,
    *,
    actor: User,
    version: int,
    comment: str = "",
    indicator_comments: list[dict[str, Any]] | None = None,
) -> None:
    """Return the version seen (``version``) to the unit, from whichever stage the table is at."""
    _decide(
        record,
        actor=actor,
        version=version,
        outcome=Decision.Outcome.RETURNED,
        comment=comment,
        indicator_comments=indicator_comments or [],
    )


def approve(
    record: TableRecord,
    *,
    actor: User,
    version: int,
    comment: str = "",
    indicator_comments: list[dict[str, Any]] | None = None,
) -> None:
    """Pass the version seen (``version``) on to the next stage (审核通过 after the last review)."""
    _decide(
        record,
        actor=actor,
        version=version,
        outcome=Decision.Outcome.APPROVED,
        comment=comment,
        indicator_comments=indicator_comments or [],
    )


def publish(record: TableRecord, *, actor: User, version: int, comment: str = "") -> None:
    """Make the approved version seen (``version``) public (已公开): the chain's last stage, 财政's. The 指标库
    takes the table once the publication is committed."""
    with transaction.atomic():
        record = _locked(record)
        if record.status != Status.APPROVED:
            raise WorkflowError("只有审核通过的目标表才能公开")
        _require(record, actor, "publish", f"公开由“{stages.current(record).name}”办理")
        _check_seen(record.latest, version)
        latest = record.latest
        record.published_version = latest
        _show_publicly(record, latest)
        record.status = Status.PUBLISHED
        record.save()
        audit.record(
            record,
            actor=actor,
            action=AuditAction.PUBLISH,
            comment=comment,
            version_number=latest.number,
            diff=[{"field": "status", "before": Status.APPROVED, "after": Status.PUBLISHED}],
        )
        notices.after_step(record, actor=actor, event="publish", comment=comment)
        library.rebuild_after_publication()


def start_adjustment(record: TableRecord, *, actor: User, comment: str = "") -> TableVersion:
    """目标调整: a new draft version of an approved or published table, reviewed like the first."""
    if not comment.strip():
        raise WorkflowError("目标调整须说明调整原因", code="comment_required")
    with transaction.atomic():
        record = _locked(record)
        if record.status not in (Status.APPROVED, Status.PUBLISHED):
            raise WorkflowError("只有审核通过或已公开的目标表才能调整")
        _require(record, actor, "adjust", "目标调整由本单位办理")
        version = _editable_version(record, actor, adjustment=True)
        before = record.status
        record.status, record.stage = Status.DRAFT, 0
        record.save()
        audit.record(
            record,
            actor=actor,
            action=AuditAction.ADJUST,
            comment=comment,
            version_number=version.number,
            diff=[{"field": "status", "before": before, "after": Status.DRAFT}],
        )
    return version


def delete_draft(record: TableRecord, *, actor: User, comment: str = "") -> None:
    """Delete a draft never submitted; the record stays, hidden, with its audit trail (删除草稿)."""
    with transaction.atomic():
        record = _locked(record)
        if "delete" not in stages.actions(record, actor):
            raise WorkflowError("只有从未提交过的草稿可以删除")
        record.deleted_at = timezone.now()
        record.save()
        tablecopies.follow(record)  # a deleted draft is counted nowhere
        audit.record(
            record,
            actor=actor,
            action=AuditAction.DELETE,
            comment=comment,
            version_number=record.latest.number,
            diff=[{"field": "deleted", "before": None, "after": "已删除"}],
        )


def add_comment(record: TableRecord, *, actor: User, text: str, indicator: str = "") -> None:
    """A remark on the table (意见) by the unit or a reviewer, outside a decision; the others concerned are told."""
    if not text.strip():
        raise WorkflowError("请填写意见", code="comment_required")
    with transaction.atomic():
        record = _locked(record)
        audit.record(
            record,
            actor=actor,
            action=AuditAction.COMMENT,
            comment=text.strip(),
            version_number=record.latest.number,
            diff=[{"field": "comment", "indicator": indicator or None, "before": None, "after": text.strip()}],
        )
        notices.after_step(record, actor=actor, event="comment", comment=text.strip())
