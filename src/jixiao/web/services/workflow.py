"""The workflow (审核流程) as service functions: 草稿 → 已提交 → 退回修改 | 审核通过 → 已公开.

Each function checks the table's state, changes it in one transaction and writes exactly one audit entry
naming ``actor``. Views check the actor's scope and permission (:mod:`jixiao.web.permissions`) before calling.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ..models import AuditAction, Decision, Status, TableRecord, TableVersion, Unit, UploadedFile
from . import audit
from .findings import Review, finding_key, review_data
from .tabledata import diff

if TYPE_CHECKING:
    from ..accounts import User


class WorkflowError(Exception):
    """A step that cannot be taken now; the message says why, for the user."""


class EditConflict(WorkflowError):
    """Someone saved the draft since this user opened it (optimistic locking)."""

    def __init__(self, message: str, *, current: TableVersion) -> None:
        super().__init__(message)
        self.current = current


EDITABLE = (Status.DRAFT, Status.RETURNED)


def _locked(record: TableRecord) -> TableRecord:
    return TableRecord.objects.select_for_update().get(pk=record.pk)


def _refresh(record: TableRecord, data: dict[str, Any]) -> Review:
    result = review_data(data)
    counts = result.counts()
    # the list's column is as wide as the editor allows; an imported name may be longer, and stays whole in the data
    name_length = TableRecord._meta.get_field("project_name").max_length or 300
    record.project_name = ((data.get("project_name") or "").strip() or "（未命名项目）")[:name_length]
    record.year = data.get("year") or record.year
    record.error_count, record.warning_count = counts["error"], counts["warning"]
    return result


def create_table(
    unit: Unit, *, actor: User, data: dict[str, Any], comment: str = "", source_file: UploadedFile | None = None
) -> TableRecord:
    """A new table with its first draft; from an import when ``source_file`` is given."""
    with transaction.atomic():
        record = TableRecord(unit=unit, year=data.get("year") or timezone.now().year)
        _refresh(record, data)
        record.save()
        TableVersion.objects.create(record=record, number=1, data=data, created_by=actor, source_file=source_file)
        audit.record(
            record,
            actor=actor,
            action=AuditAction.IMPORT if source_file else AuditAction.CREATE,
            comment=comment,
            diff=diff(None, data),
            version_number=1,
        )
    return record


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
            raise WorkflowError(f"目标表当前状态为“{record.get_status_display()}”，不能修改")
        latest = record.latest
        if latest.revision != revision:
            raise EditConflict(
                "这张目标表在您打开之后已被他人保存。您的修改没有保存，仍在下方；请核对后再保存。", current=latest
            )
        before = latest.data
        version = _editable_version(record, actor)
        updated = TableVersion.objects.filter(pk=version.pk, frozen=False, revision=version.revision).update(
            data=data, revision=F("revision") + 1
        )
        if not updated:
            raise EditConflict("这张目标表刚被他人保存，您的修改没有保存。", current=record.latest)
        result = _refresh(record, data)
        record.save()
        audit.record(
            record,
            actor=actor,
            action=AuditAction.EDIT,
            comment=comment,
            diff=diff(before, data),
            version_number=version.number,
        )
    return result


def submit(record: TableRecord, *, actor: User, comment: str = "", explanations: dict[str, str] | None = None) -> None:
    """Submit the draft for review: refused while error findings remain or a warning is unexplained."""
    with transaction.atomic():
        record = _locked(record)
        if record.status not in EDITABLE:
            raise WorkflowError(f"目标表当前状态为“{record.get_status_display()}”，不能提交")
        version = _editable_version(record, actor)
        result = _refresh(record, version.data)
        if result.blocking:
            count = len(result.errors) + len(result.problems)
            raise WorkflowError(f"还有 {count} 个错误未改正，改正后才能提交")
        given = {key: text.strip() for key, text in (explanations or {}).items()}
        kept = {finding_key(w): given.get(finding_key(w), "") for w in result.warnings}
        missing = result.unexplained(kept)
        if missing:
            raise WorkflowError(f"还有 {len(missing)} 个警告没有填写说明：{missing[0].title}")
        TableVersion.objects.filter(pk=version.pk).update(explanations=kept, frozen=True, submitted_at=timezone.now())
        before = record.status
        record.status = Status.SUBMITTED
        record.save()
        audit.record(
            record,
            actor=actor,
            action=AuditAction.SUBMIT,
            comment=comment,
            version_number=version.number,
            diff=[{"field": "status", "before": before, "after": record.status}]
            + [{"field": f"explanation[{key}]", "before": None, "after": text} for key, text in kept.items()],
        )


def _decide(
    record: TableRecord, *, actor: User, outcome: str, comment: str, indicator_comments: list[dict[str, Any]]
) -> None:
    with transaction.atomic():
        record = _locked(record)
        if record.status != Status.SUBMITTED:
            raise WorkflowError(f"目标表当前状态为“{record.get_status_display()}”，不在待审核状态")
        notes = [c for c in indicator_comments if (c.get("comment") or "").strip()]
        if outcome == Decision.Outcome.RETURNED and not (comment.strip() or notes):
            raise WorkflowError("退回修改时请写明审核意见（总体意见或对具体指标的意见）")
        version = record.latest
        Decision.objects.create(
            version=version, reviewer=actor, outcome=outcome, comment=comment, indicator_comments=notes
        )
        before = record.status
        record.status = Status.RETURNED if outcome == Decision.Outcome.RETURNED else Status.APPROVED
        record.save()
        changes: list[dict[str, Any]] = [{"field": "status", "before": before, "after": record.status}]
        changes += [
            {"field": "comment", "indicator": c.get("name"), "before": None, "after": c["comment"]} for c in notes
        ]
        audit.record(
            record,
            actor=actor,
            action=AuditAction.RETURN if outcome == Decision.Outcome.RETURNED else AuditAction.APPROVE,
            comment=comment,
            diff=changes,
            version_number=version.number,
        )


def return_for_changes(
    record: TableRecord, *, actor: User, comment: str = "", indicator_comments: list[dict[str, Any]] | None = None
) -> None:
    _decide(
        record,
        actor=actor,
        outcome=Decision.Outcome.RETURNED,
        comment=comment,
        indicator_comments=indicator_comments or [],
    )


def approve(
    record: TableRecord, *, actor: User, comment: str = "", indicator_comments: list[dict[str, Any]] | None = None
) -> None:
    _decide(
        record,
        actor=actor,
        outcome=Decision.Outcome.APPROVED,
        comment=comment,
        indicator_comments=indicator_comments or [],
    )


def publish(record: TableRecord, *, actor: User, comment: str = "") -> None:
    """Make the approved version public (已公开)."""
    with transaction.atomic():
        record = _locked(record)
        if record.status != Status.APPROVED:
            raise WorkflowError("只有审核通过的目标表才能公开")
        version = record.latest
        record.published_version = version
        record.status = Status.PUBLISHED
        record.save()
        audit.record(
            record,
            actor=actor,
            action=AuditAction.PUBLISH,
            comment=comment,
            version_number=version.number,
            diff=[{"field": "status", "before": Status.APPROVED, "after": Status.PUBLISHED}],
        )


def start_adjustment(record: TableRecord, *, actor: User, comment: str = "") -> TableVersion:
    """目标调整: a new draft version of an approved or published table, reviewed like the first."""
    if not comment.strip():
        raise WorkflowError("目标调整须说明调整原因")
    with transaction.atomic():
        record = _locked(record)
        if record.status not in (Status.APPROVED, Status.PUBLISHED):
            raise WorkflowError("只有审核通过或已公开的目标表才能调整")
        version = _editable_version(record, actor, adjustment=True)
        before = record.status
        record.status = Status.DRAFT
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
