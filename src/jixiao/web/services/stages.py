"""Where a table stands in its office's review chain, and who may act on it there.

:func:`chain` reads the office's stages (or :data:`~jixiao.web.models.stages.DEFAULT_CHAIN`); :func:`actions`
says which steps a user may take on a table now — the pages show a button only for these, and the workflow
services refuse every other.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q

from .. import permissions as perms
from ..models import (
    DEFAULT_CHAIN,
    AuditAction,
    AuditEntry,
    FinanceOffice,
    ReviewStage,
    Role,
    RoleAssignment,
    RoundReport,
    Status,
    Step,
    TableRecord,
)
from . import audit

if TYPE_CHECKING:
    from ..accounts import AnyUser, User


@dataclass(frozen=True)
class Stage:
    position: int
    name: str
    role: str
    step: str


def chain(office: FinanceOffice | int) -> list[Stage]:
    """The office's stages in order: a submission first, reviews, publication last."""
    return chains([office.pk if isinstance(office, FinanceOffice) else office])[0]


def chains(offices: Iterable[int]) -> list[list[Stage]]:
    """The chain of each office (by id), in one query."""
    wanted = list(offices)
    rows: dict[int, list[tuple[str, str, str]]] = {office: [] for office in wanted}
    for s in ReviewStage.objects.filter(office__in=set(wanted)).order_by("office", "position"):
        rows[s.office_id].append((s.name, s.role, s.step))
    return [[Stage(position, *row) for position, row in enumerate(rows[office] or DEFAULT_CHAIN)] for office in wanted]


def attach_chains(records: Iterable[TableRecord]) -> None:
    """Read the chains of ``records``' offices at once, for :func:`current` and :func:`label` on each of them
    (a list page then asks the database once, not once a row)."""
    shown = list(records)
    offices = sorted({record.unit.department.office_id for record in shown})
    found = dict(zip(offices, chains(offices), strict=True))
    for record in shown:
        record.stage_chain = found[record.unit.department.office_id]  # type: ignore[attr-defined]


def waiting_conditions(user: AnyUser, unit: str = "unit") -> dict[str, Q]:
    """Step → the condition that a row (a table, a kept count of tables, a report: anything with a ``stage`` and a
    unit under the name ``unit``) waits at a stage of that step whose role is ``user``'s; scope is the caller's.

    One condition per office on the stage positions, so that the database counts and pages them; two queries.
    """
    granted = perms.assignment(user)
    waiting: dict[str, Q] = {step: Q(pk__in=[]) for step in (Step.SUBMIT, Step.REVIEW, Step.PUBLISH)}
    if granted is None:
        return waiting
    offices = list(FinanceOffice.objects.order_by("id").values_list("id", flat=True))
    for office, stages in zip(offices, chains(offices), strict=True):
        for step in waiting:
            positions = [s.position for s in stages if s.role == granted.role and s.step == step]
            if not positions:
                continue
            at = Q(stage__in=positions)
            if positions[-1] == len(stages) - 1:  # a position past the chain's end counts as its last stage
                at |= Q(stage__gt=positions[-1])
            waiting[step] |= Q(**{f"{unit}__department__office": office}) & at
    return waiting


#: Which roles may hold a stage of each kind: the unit lead submits, reviewers review, 财政 publishes.
STEP_ROLES = {
    Step.SUBMIT: (Role.UNIT_LEAD,),
    Step.REVIEW: (Role.DEPARTMENT_REVIEWER, Role.FINANCE_REVIEWER),
    Step.PUBLISH: (Role.FINANCE_REVIEWER,),
}


class ChainRefused(ValueError):
    """A chain that cannot be set; the message says why, in Chinese."""


def validate(stages: list[tuple[str, str, str]]) -> None:
    """A chain must start with the unit lead's submission, end with 财政's publication, and review in between."""
    steps = [step for _, _, step in stages]
    if len(steps) < 2 or steps[0] != Step.SUBMIT or steps[-1] != Step.PUBLISH:
        raise ChainRefused("审核流程须以单位提交开始、以公开结束")
    if any(step != Step.REVIEW for step in steps[1:-1]):
        raise ChainRefused("提交与公开之间只能是审核阶段")
    if len(steps) < 3:
        raise ChainRefused("提交与公开之间至少须有一个审核阶段")
    names = [name.strip() for name, _, _ in stages]
    for position, (name, role, step) in enumerate(stages, start=1):
        if not name.strip() or len(name.strip()) > 60:
            raise ChainRefused(f"第 {position} 个阶段须有名称（不超过 60 个字）")
        if names.count(name.strip()) > 1:
            raise ChainRefused(f"阶段名称“{name.strip()}”重复")
        if role not in STEP_ROLES[Step(step)]:
            allowed = "或".join(Role(r).label for r in STEP_ROLES[Step(step)])
            shown = Role(role).label if role in Role.values else role
            raise ChainRefused(
                f"第 {position} 个阶段“{name.strip()}”（{Step(step).label}）须由{allowed}办理，不能由{shown}办理"
            )


def described(stages: list[Stage] | list[tuple[str, str, str]]) -> str:
    """The chain in one line: 单位负责人审核（单位负责人）→ 财政复审（财政审核人）→ …"""
    rows = [(s.name, s.role) if isinstance(s, Stage) else (s[0], s[1]) for s in stages]
    return " → ".join(f"{name}（{Role(role).label}）" for name, role in rows)


def configure(office: FinanceOffice, stages: list[tuple[str, str, str]], *, actor: User) -> None:
    """Replace the office's chain with ``stages`` as (name, role, step), audited.

    Refused while any of the office's tables waits in review: its position in the old chain would mean another
    stage in the new one.
    """
    perms.require(actor, perms.CONFIGURE_STAGES)
    validate(stages)
    stages = [(name.strip(), role, step) for name, role, step in stages]
    with transaction.atomic():
        in_review = (Status.SUBMITTED, Status.APPROVED)
        waiting = TableRecord.objects.filter(
            unit__department__office=office, status__in=in_review, deleted_at__isnull=True
        ).count()
        if waiting:
            raise ChainRefused(f"有 {waiting} 张目标表正在审核或待公开，待其办结或退回后再修改审核流程")
        reports = RoundReport.objects.filter(record__unit__department__office=office, status__in=in_review).count()
        if reports:
            raise ChainRefused(f"有 {reports} 份监控表或自评表正在审核或待公开，待其办结或退回后再修改审核流程")
        before = described(chain(office))
        ReviewStage.objects.filter(office=office).delete()
        ReviewStage.objects.bulk_create(
            ReviewStage(office=office, position=position, name=name, role=role, step=step)
            for position, (name, role, step) in enumerate(stages)
        )
        audit.record_account(
            actor=actor,
            action=AuditAction.STAGES,
            comment=office.name,
            diff=[{"field": "stages", "before": before, "after": described(stages)}],
        )


def history() -> list[AuditEntry]:
    """The chain's changes, newest first (an audit entry each)."""
    return list(AuditEntry.objects.filter(action=AuditAction.STAGES).order_by("-sequence")[:20])


def office_of(record: TableRecord) -> FinanceOffice:
    return record.unit.department.office


def current(record: TableRecord) -> Stage:
    """The stage ``record`` waits at (a draft or a returned table waits for the unit's submission)."""
    stages: list[Stage] = getattr(record, "stage_chain", None) or chain(record.unit.department.office_id)
    return stages[min(record.stage, len(stages) - 1)]


def label(record: TableRecord) -> str:
    """The state as the lists show it: 主管部门初审中 rather than 已提交, 目标调整中 for a published table's draft."""
    if record.status == Status.SUBMITTED:
        return f"{current(record).name}中"
    if record.status == Status.APPROVED:
        return "审核通过，待公开"
    if record.status in (Status.DRAFT, Status.RETURNED) and record.published_version_id:
        return "目标调整中" if record.status == Status.DRAFT else "目标调整退回修改"
    return str(record.get_status_display())


def acts_for_unit(user: AnyUser, record: TableRecord) -> bool:
    """True when ``user`` holds a unit role in ``record``'s unit (its clerk or its lead)."""
    granted = perms.assignment(user)
    return granted is not None and granted.role in (Role.CLERK, Role.UNIT_LEAD) and granted.unit_id == record.unit_id


def acts_at(user: AnyUser, stage: Stage, record: TableRecord) -> bool:
    """True when ``user`` holds the stage's role for ``record``'s unit (its own unit, its department, or 财政)."""
    granted = perms.assignment(user)
    if granted is None or granted.role != stage.role:
        return False
    if granted.role in (Role.CLERK, Role.UNIT_LEAD):
        return granted.unit_id == record.unit_id
    if granted.role == Role.DEPARTMENT_REVIEWER:
        return granted.department_id == record.unit.department_id
    return True


def actions(record: TableRecord, user: AnyUser) -> frozenset[str]:
    """The steps ``user`` may take on ``record`` now: edit, submit, review, publish, adjust, delete.

    Scope is the caller's business (the record comes from :func:`jixiao.web.permissions.tables_in_scope`).
    """
    allowed: set[str] = set()
    stage = current(record)
    editable = record.status in (Status.DRAFT, Status.RETURNED)
    if editable and perms.has(user, perms.EDIT):
        allowed.add("edit")
        if record.status == Status.DRAFT and not record.versions.filter(frozen=True).exists():
            allowed.add("delete")
    if editable and perms.has(user, perms.SUBMIT) and stage.step == Step.SUBMIT and acts_at(user, stage, record):
        allowed.add("submit")
    reviewing = record.status == Status.SUBMITTED and stage.step == Step.REVIEW and perms.has(user, perms.REVIEW)
    if reviewing and acts_at(user, stage, record):
        allowed.add("review")
    publishing = record.status == Status.APPROVED and stage.step == Step.PUBLISH and perms.has(user, perms.PUBLISH)
    if publishing and acts_at(user, stage, record):
        allowed.add("publish")
    if record.status in (Status.APPROVED, Status.PUBLISHED) and perms.has(user, perms.ADJUST):
        allowed.add("adjust")
    return frozenset(allowed)


def people_at(record: TableRecord, stage: Stage) -> list[int]:
    """The ids of the users who act at ``stage`` for ``record``'s unit (its lead, its department's reviewers …)."""
    holders = RoleAssignment.objects.filter(role=stage.role, user__is_active=True)
    if stage.role in (Role.CLERK, Role.UNIT_LEAD):
        holders = holders.filter(unit=record.unit_id)
    elif stage.role == Role.DEPARTMENT_REVIEWER:
        holders = holders.filter(department=record.unit.department_id)
    return list(holders.values_list("user_id", flat=True))
