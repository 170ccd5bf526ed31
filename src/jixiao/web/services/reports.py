"""Reports on an approved 目标表 in a round (绩效监控, 绩效自评): starting one, the steps of its review.

A report follows its office's review chain (:mod:`.stages`) like the target table: the unit saves its entries
(草稿), its lead submits, each review stage approves or returns, and the chain's last stage publishes. Every step
is one transaction with one audit entry on the target table's trail (the entry's ``report`` diff row names the
report), and the same people are told as for the table. The kind-specific parts — what the entries are, what is
computed from them, what blocks a submission — are :mod:`.monitoring` and :mod:`.selfeval`.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from jixiao.cells import decimal_text

from .. import permissions as perms
from ..models import (
    AuditAction,
    Decision,
    FilingRound,
    NoticeKind,
    ReportDecision,
    Role,
    RoundKind,
    RoundReport,
    Status,
    Step,
    TableRecord,
    TableVersion,
)
from . import audit, deptdata, notices, stages
from .workflow import WorkflowError

if TYPE_CHECKING:
    from ..accounts import AnyUser, User

EDITABLE = (Status.DRAFT, Status.RETURNED)
KIND_LABELS: dict[str, str] = {RoundKind.MONITORING: "绩效监控", RoundKind.SELF_EVALUATION: "绩效自评"}


class ReportChanged(WorkflowError):
    """The report was saved since the person opened it (optimistic locking)."""

    def __init__(self, message: str, *, current: RoundReport) -> None:
        super().__init__(message, code="edit_conflict")
        self.current = current


def target_version(record: TableRecord) -> TableVersion | None:
    """The version of ``record`` a report is made on: the approved or published one, the published one while an
    adjustment is under way, else none."""
    if record.status in (Status.APPROVED, Status.PUBLISHED):
        return record.latest
    if record.published_version_id:
        return record.published_version
    return None


def tables_for(filing_round: FilingRound, user: AnyUser) -> QuerySet[TableRecord]:
    """The target tables of the round's year and units, within ``user``'s scope, that a report can be made on."""
    reportable = Q(status__in=(Status.APPROVED, Status.PUBLISHED)) | Q(published_version__isnull=False)
    return (
        perms.tables_in_scope(user)
        .filter(reportable, year=filing_round.year, unit__in=filing_round.units.all())
        .order_by("unit__name", "project_name")
    )


def reports_in_scope(user: AnyUser) -> QuerySet[RoundReport]:
    return RoundReport.objects.filter(record__in=perms.tables_in_scope(user)).select_related(
        "round", "record", "record__unit", "record__unit__department", "version"
    )


def waiting_for(user: AnyUser) -> QuerySet[RoundReport]:
    """The reports in ``user``'s scope that wait for a step of theirs — to submit, review or publish, or returned
    for them to change: the conditions of :func:`actions` as one query."""
    granted = perms.assignment(user)
    waiting = stages.waiting_conditions(user, unit="record__unit")
    open_for_edit = Q(status__in=EDITABLE, round__closed=False)
    wanted = Q(pk__in=[])
    if perms.has(user, perms.SUBMIT):
        wanted |= open_for_edit & waiting[Step.SUBMIT]
    if perms.has(user, perms.REVIEW):
        wanted |= Q(status=Status.SUBMITTED) & waiting[Step.REVIEW]
    if perms.has(user, perms.PUBLISH):
        wanted |= Q(status=Status.APPROVED, round__kind=RoundKind.SELF_EVALUATION) & waiting[Step.PUBLISH]
    if perms.has(user, perms.EDIT) and granted is not None and granted.role in (Role.CLERK, Role.UNIT_LEAD):
        wanted |= open_for_edit & Q(status=Status.RETURNED)  # their own unit's: the scope of a unit role
    return reports_in_scope(user).filter(wanted)


def report_for(user: AnyUser, pk: int, permission: str = perms.VIEW) -> RoundReport:
    """The report ``pk`` if ``user`` may see its table (else 404) and holds ``permission`` (else 403)."""
    from django.http import Http404

    try:
        report = reports_in_scope(user).get(pk=pk)
    except RoundReport.DoesNotExist:
        raise Http404("没有这份报告") from None
    perms.require(user, permission)
    return report


def label(report: RoundReport) -> str:
    if report.status == Status.SUBMITTED:
        return f"{current(report).name}中"
    if report.status == Status.APPROVED:
        return "审核通过，待公开" if publishable(report) else "审核通过"
    return str(report.get_status_display())


def _wrong_kind(record: TableRecord, filing_round: FilingRound, departmental: bool) -> str:
    if departmental:
        return f"“{record.project_name}”是项目支出绩效目标表，不是部门整体支出绩效目标表"
    if filing_round.kind == RoundKind.MONITORING:
        return "部门整体支出绩效目标表暂不支持网上绩效监控，请按财政部门的要求另行报送监控情况"
    return f"“{record.project_name}”是部门整体支出绩效目标表，请按部门整体自评（评分表）填报"


def profile_of(report: RoundReport) -> str:
    """The profile ``report`` is scored under: the one it was submitted under, else (while the unit fills it in)
    its office's."""
    return report.profile or stages.office_of(report.record).profile


def publishable(report: RoundReport) -> bool:
    """A self-evaluation is published beside its targets; a monitoring report ends with its approval."""
    return report.round.kind == RoundKind.SELF_EVALUATION


def current(report: RoundReport) -> stages.Stage:
    chain = stages.chain(stages.office_of(report.record))
    return chain[min(report.stage, len(chain) - 1)]


def actions(report: RoundReport, user: AnyUser) -> frozenset[str]:
    """The steps ``user`` may take on ``report`` now: edit, submit, review, publish."""
    allowed: set[str] = set()
    stage = current(report)
    editable = report.status in EDITABLE and not report.round.closed
    if editable and perms.has(user, perms.EDIT) and stages.acts_for_unit(user, report.record):
        allowed.add("edit")
    if (
        editable
        and perms.has(user, perms.SUBMIT)
        and stage.step == Step.SUBMIT
        and stages.acts_at(user, stage, report.record)
    ):
        allowed.add("submit")
    reviewing = report.status == Status.SUBMITTED and stage.step == Step.REVIEW and perms.has(user, perms.REVIEW)
    if reviewing and stages.acts_at(user, stage, report.record):
        allowed.add("review")
    publishing = (
        report.status == Status.APPROVED
        and stage.step == Step.PUBLISH
        and publishable(report)
        and perms.has(user, perms.PUBLISH)
    )
    if publishing and stages.acts_at(user, stage, report.record):
        allowed.add("publish")
    return frozenset(allowed)


def title(report: RoundReport) -> str:
    return f"{report.round.title}：{report.record.project_name}"


def link(report: RoundReport) -> str:
    return reverse("web:report_detail", args=[report.pk])


def _audit(report: RoundReport, *, actor: User, action: AuditAction, comment: str, diff: list[dict[str, Any]]) -> None:
    audit.record(
        report.record,
        actor=actor,
        action=action,
        comment=comment,
        diff=[{"field": "report", "before": None, "after": f"{report.round.title}（报告 {report.pk}）"}, *diff],
        version_number=report.version.number,
    )


def start(
    record: TableRecord,
    filing_round: FilingRound,
    *,
    actor: User,
    blank: Callable[[TableVersion], dict[str, Any]],
    refresh: Callable[[RoundReport], None],
    departmental: bool = False,
) -> RoundReport:
    """The unit's report on ``record`` for ``filing_round``; the first time a draft with the ``blank`` entries of
    the target version, its lights and scores computed by ``refresh``. A department-wide (部门整体) table takes
    only a report made for one (``departmental``), and the other way round."""
    if filing_round.kind not in KIND_LABELS:
        raise WorkflowError("目标申报任务没有监控或自评报告")
    if filing_round.closed:
        raise WorkflowError(f"{filing_round.title}已结束")
    if not filing_round.units.filter(pk=record.unit_id).exists():
        raise WorkflowError(f"{record.unit.name}不在{filing_round.title}的填报单位中")
    if record.year != filing_round.year:
        raise WorkflowError(f"“{record.project_name}”是 {record.year} 年度的目标表，不属于{filing_round.title}")
    version = target_version(record)
    if version is None:
        raise WorkflowError(f"“{record.project_name}”的目标表尚未审核通过，不能填报{KIND_LABELS[filing_round.kind]}")
    if not (perms.has(actor, perms.EDIT) and stages.acts_for_unit(actor, record)):
        raise WorkflowError(f"{KIND_LABELS[filing_round.kind]}由本单位填报")
    if deptdata.is_department(version.data) != departmental:
        raise WorkflowError(_wrong_kind(record, filing_round, departmental))
    existing = RoundReport.objects.filter(round=filing_round, record=record).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            report = RoundReport(
                round=filing_round,
                record=record,
                unit_id=record.unit_id,
                version=version,
                data=blank(version),
                created_by=actor,
            )
            refresh(report)
            report.save()
            _audit(report, actor=actor, action=AuditAction.CREATE, comment="", diff=[])
    except IntegrityError:  # the unit's other person started it at the same moment
        return RoundReport.objects.get(round=filing_round, record=record)
    return report


def save_entries(
    report: RoundReport,
    *,
    actor: User,
    data: dict[str, Any],
    revision: int,
    refresh: Callable[[RoundReport], None],
    comment: str = "",
) -> RoundReport:
    """Store the unit's entries seen at ``revision``; ``refresh`` recomputes the report's lights and scores."""
    with transaction.atomic():
        locked = RoundReport.objects.select_for_update().select_related("round", "record", "version").get(pk=report.pk)
        if locked.status not in EDITABLE:
            raise WorkflowError(f"报告当前为“{label(locked)}”，不能修改")
        if "edit" not in actions(locked, actor):
            raise WorkflowError("您不能修改这份报告")
        if locked.revision != revision:
            raise ReportChanged("这份报告在您打开之后已被他人保存。您的修改没有保存，请核对后再保存。", current=locked)
        before = locked.data
        locked.data = data
        locked.revision = F("revision") + 1
        refresh(locked)
        locked.save()
        locked.refresh_from_db()
        _audit(locked, actor=actor, action=AuditAction.EDIT, comment=comment, diff=entry_diff(before, data))
    return locked


def entry_diff(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    """The changed entries, one row per changed value: ``budget.executed``, ``indicators[2].actual`` (rows
    counted from 1) …"""
    rows = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if isinstance(old, list) or isinstance(new, list):
            olds, news = old or [], new or []
            for index in range(max(len(olds), len(news))):
                a = olds[index] if index < len(olds) else {}
                b = news[index] if index < len(news) else {}
                for name in sorted(set(a) | set(b)):
                    if a.get(name) != b.get(name):
                        row = f"{key}[{index + 1}].{name}"  # 1-based, as the table's own entries
                        rows.append({"field": row, "before": a.get(name), "after": b.get(name)})
        elif isinstance(old, dict) or isinstance(new, dict):
            a, b = old or {}, new or {}
            for name in sorted(set(a) | set(b)):
                if a.get(name) != b.get(name):
                    rows.append({"field": f"{key}.{name}", "before": a.get(name), "after": b.get(name)})
        elif old != new:
            rows.append({"field": key, "before": old, "after": new})
    return rows


def submit(
    report: RoundReport, *, actor: User, revision: int, blocking: Callable[[RoundReport], list[str]], comment: str = ""
) -> None:
    """The unit lead's submission of the report seen at ``revision``; refused while ``blocking`` names problems."""
    with transaction.atomic():
        locked = RoundReport.objects.select_for_update().select_related("round", "record", "version").get(pk=report.pk)
        if locked.status not in EDITABLE:
            raise WorkflowError(f"报告当前为“{label(locked)}”，不能提交")
        if "submit" not in actions(locked, actor):
            raise WorkflowError(f"提交由{current(locked).name}办理")
        _check_seen(locked, revision)
        problems = blocking(locked)
        if problems:
            raise WorkflowError(f"还有 {len(problems)} 处须改正后才能提交：{problems[0]}")
        before = locked.status
        locked.status, locked.stage, locked.submitted_at = Status.SUBMITTED, 1, timezone.now()
        locked.profile = stages.office_of(locked.record).profile  # scored under it from now on
        locked.save()
        _audit(
            locked,
            actor=actor,
            action=AuditAction.SUBMIT,
            comment=comment,
            diff=[{"field": "status", "before": before, "after": locked.status}],
        )
        _tell(locked, actor=actor, event="submit", comment=comment)


def _check_seen(report: RoundReport, revision: int) -> None:
    if report.revision != revision:
        raise WorkflowError(f"这份报告在您打开之后已有变化（现为修订 {report.revision}），请重新打开查看后再操作")


def decide(report: RoundReport, *, actor: User, outcome: str, revision: int, comment: str = "") -> None:
    """Approve (on to the next stage) or return (to the unit) the report seen at ``revision``."""
    with transaction.atomic():
        locked = RoundReport.objects.select_for_update().select_related("round", "record", "version").get(pk=report.pk)
        if locked.status != Status.SUBMITTED:
            raise WorkflowError(f"报告当前为“{label(locked)}”，不在待审核状态")
        stage = current(locked)
        if "review" not in actions(locked, actor):
            raise WorkflowError(f"报告正在“{stage.name}”阶段，不由您审核")
        _check_seen(locked, revision)
        if outcome == Decision.Outcome.RETURNED and not comment.strip():
            raise WorkflowError("退回修改时请写明审核意见")
        ReportDecision.objects.create(
            report=locked,
            revision=locked.revision,
            reviewer=actor,
            outcome=outcome,
            stage_name=stage.name,
            comment=comment.strip(),
        )
        before = locked.status
        if outcome == Decision.Outcome.RETURNED:
            locked.status, locked.stage, locked.profile = Status.RETURNED, 0, ""  # the office's again
        else:
            locked.stage = stage.position + 1
            following = stages.chain(stages.office_of(locked.record))[locked.stage]
            locked.status = Status.APPROVED if following.step == Step.PUBLISH else Status.SUBMITTED
        locked.save()
        returned = outcome == Decision.Outcome.RETURNED
        _audit(
            locked,
            actor=actor,
            action=AuditAction.RETURN if returned else AuditAction.APPROVE,
            comment=comment,
            diff=[
                {"field": "stage", "before": stage.name, "after": current(locked).name},
                {"field": "status", "before": before, "after": locked.status},
            ],
        )
        _tell(locked, actor=actor, event="return" if returned else "approve", comment=comment)


def publish(report: RoundReport, *, actor: User, revision: int, comment: str = "") -> None:
    """Make the approved report public, beside its target table on the public page."""
    with transaction.atomic():
        locked = RoundReport.objects.select_for_update().select_related("round", "record", "version").get(pk=report.pk)
        if locked.status != Status.APPROVED or not publishable(locked):
            raise WorkflowError("只有审核通过的自评报告才能公开")
        if "publish" not in actions(locked, actor):
            raise WorkflowError(f"公开由“{current(locked).name}”办理")
        _check_seen(locked, revision)
        locked.status, locked.published_at = Status.PUBLISHED, timezone.now()
        locked.save()
        _audit(
            locked,
            actor=actor,
            action=AuditAction.PUBLISH,
            comment=comment,
            diff=[{"field": "status", "before": Status.APPROVED, "after": Status.PUBLISHED}],
        )
        _tell(locked, actor=actor, event="publish", comment=comment)


def _tell(report: RoundReport, *, actor: User, event: str, comment: str) -> None:
    """The notices of a step, to the same people as a target table's (:func:`notices.after_step`)."""
    name, who = title(report), notices.actor_name(actor)
    said = f"\n意见：{comment}" if comment else ""
    stage = current(report)
    waiting = stages.people_at(report.record, stage)
    unit = notices.unit_people(report.record)
    sends: list[tuple[list[int], NoticeKind, str, str]] = []
    if event == "submit":
        sends.append(
            (waiting, NoticeKind.SUBMITTED, f"待审核：{name}", f"{report.record.unit.name}已提交，等待{stage.name}。")
        )
    elif event == "return":
        sends.append((unit, NoticeKind.RETURNED, f"退回修改：{name}", f"{who}退回修改。{said}"))
    elif event == "approve":
        sends.append((unit, NoticeKind.APPROVED, f"审核通过：{name}", f"{who}审核通过，现为“{label(report)}”。{said}"))
        if stage.step == Step.PUBLISH and not publishable(report):
            waiting = []
        waiting_kind = NoticeKind.APPROVED if stage.step == Step.PUBLISH else NoticeKind.SUBMITTED
        sends.append(
            (
                waiting,
                waiting_kind,
                f"待{'公开' if stage.step == Step.PUBLISH else '审核'}：{name}",
                f"等待{stage.name}。",
            )
        )
    elif event == "publish":
        sends.append((unit, NoticeKind.PUBLISHED, f"已公开：{name}", "报告已随目标表向社会公开。"))
    for people, kind, heading, body in sends:
        notices.notify(
            people, kind=kind, title=heading, body=body, link=link(report), table=report.record, exclude=actor
        )


def entry_text(value: Decimal | None) -> str:
    """A figure as a report's entries hold it: its text, blank when there is none."""
    return "" if value is None else decimal_text(value)
