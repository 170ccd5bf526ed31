"""Where a table stands in its office's review chain, and who may act on it there.

:func:`chain` reads the office's stages (or :data:`~jixiao.web.models.stages.DEFAULT_CHAIN`); :func:`actions`
says which steps a user may take on a table now — the pages show a button only for these, and the workflow
services refuse every other.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from .. import permissions as perms
from ..models import DEFAULT_CHAIN, FinanceOffice, ReviewStage, Role, RoleAssignment, Status, Step, TableRecord

if TYPE_CHECKING:
    from ..accounts import AnyUser


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


def waiting_at(records: QuerySet[TableRecord], user: AnyUser, step: str) -> QuerySet[TableRecord]:
    """Those of ``records`` waiting at a stage of ``step`` whose role is ``user``'s (scope is the caller's).

    One condition per office on the stage positions, so that the database counts and pages them.
    """
    granted = perms.assignment(user)
    if granted is None:
        return records.none()
    offices = list(FinanceOffice.objects.order_by("id").values_list("id", flat=True))
    waiting = Q(pk__in=[])
    for office, stages in zip(offices, chains(offices), strict=True):
        positions = [s.position for s in stages if s.role == granted.role and s.step == step]
        if not positions:
            continue
        at = Q(stage__in=positions)
        if positions[-1] == len(stages) - 1:  # a position past the chain's end counts as its last stage
            at |= Q(stage__gt=positions[-1])
        waiting |= Q(unit__department__office=office) & at
    return records.filter(waiting)


def validate(stages: list[tuple[str, str, str]]) -> None:
    """A chain must start with the unit's submission, end with publication, and review in between."""
    steps = [step for _, _, step in stages]
    if len(steps) < 2 or steps[0] != Step.SUBMIT or steps[-1] != Step.PUBLISH:
        raise ValueError("审核流程须以单位提交开始、以公开结束")
    if any(step != Step.REVIEW for step in steps[1:-1]):
        raise ValueError("提交与公开之间只能是审核阶段")


def configure(office: FinanceOffice, stages: list[tuple[str, str, str]]) -> None:
    """Replace the office's chain with ``stages`` as (name, role, step)."""
    validate(stages)
    ReviewStage.objects.filter(office=office).delete()
    ReviewStage.objects.bulk_create(
        ReviewStage(office=office, position=position, name=name, role=role, step=step)
        for position, (name, role, step) in enumerate(stages)
    )


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


def _acts_at(user: AnyUser, stage: Stage, record: TableRecord) -> bool:
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
    if editable and perms.has(user, perms.SUBMIT) and stage.step == Step.SUBMIT and _acts_at(user, stage, record):
        allowed.add("submit")
    reviewing = record.status == Status.SUBMITTED and stage.step == Step.REVIEW and perms.has(user, perms.REVIEW)
    if reviewing and _acts_at(user, stage, record):
        allowed.add("review")
    publishing = record.status == Status.APPROVED and stage.step == Step.PUBLISH and perms.has(user, perms.PUBLISH)
    if publishing and _acts_at(user, stage, record):
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
