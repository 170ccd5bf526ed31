"""Who may do what, and where: permissions are namespaced strings granted by role; scope is by organisation.

A view first finds the object within the user's scope (outside it: 404, the object does not exist for them),
then checks the permission (missing: 403).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from .models import FilingRound, Role, RoleAssignment, TableRecord, Unit

if TYPE_CHECKING:
    from .accounts import AnyUser

VIEW = "table.view"
EXPORT = "table.export"
AUDIT = "audit.view"
EDIT = "table.edit"  # edit the unit's drafts, create and import tables
SUBMIT = "table.submit"
ADJUST = "table.adjust"  # 目标调整: start a new version of an approved table
REVIEW = "table.review"  # return or approve
PUBLISH = "table.publish"
USERS = "admin.users"
OPEN_ROUND = "round.open"  # 任务下发: open a 填报 round
PROGRESS = "round.progress"  # see (and export) the units' progress in a round
CONFIGURE_STAGES = "office.stages"  # set the office's review chain
CONFIGURE_PROFILE = "office.profile"  # set the office's scoring profile (评分规则)
LIBRARY = "library.curate"  # 指标库: mark entries recommended, merge, retire
LINKS = "years.link"  # accept or break a proposed link between years' indicators

ALL = (VIEW, EXPORT, AUDIT, EDIT, SUBMIT, ADJUST, REVIEW, PUBLISH, USERS, OPEN_ROUND, PROGRESS, CONFIGURE_STAGES,
       CONFIGURE_PROFILE, LIBRARY, LINKS)  # fmt: skip

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.CLERK: frozenset({VIEW, EXPORT, AUDIT, EDIT}),
    Role.UNIT_LEAD: frozenset({VIEW, EXPORT, AUDIT, EDIT, SUBMIT, ADJUST}),
    Role.DEPARTMENT_REVIEWER: frozenset({VIEW, EXPORT, AUDIT, REVIEW, PROGRESS, LINKS}),
    Role.FINANCE_REVIEWER: frozenset(
        {VIEW, EXPORT, AUDIT, REVIEW, PUBLISH, OPEN_ROUND, PROGRESS, CONFIGURE_STAGES, CONFIGURE_PROFILE, LIBRARY}
        | {LINKS}
    ),
    Role.ADMIN: frozenset(
        {VIEW, EXPORT, AUDIT, USERS, CONFIGURE_STAGES, CONFIGURE_PROFILE, LIBRARY}
    ),  # 财政 publishes, not the administrator
}


def assignment(user: AnyUser) -> RoleAssignment | None:
    if isinstance(user, AnonymousUser):
        return None
    try:
        return user.role_assignment
    except RoleAssignment.DoesNotExist:
        return None


def permissions(user: AnyUser) -> frozenset[str]:
    granted = assignment(user)
    return ROLE_PERMISSIONS.get(granted.role, frozenset()) if granted else frozenset()


def has(user: AnyUser, permission: str) -> bool:
    return permission in permissions(user)


def require(user: AnyUser, permission: str) -> None:
    if not has(user, permission):
        raise PermissionDenied(permission)


def tables_in_scope(user: AnyUser) -> QuerySet[TableRecord]:
    """The tables ``user`` can see at all: their unit's, their department's, or every one."""
    records = TableRecord.objects.filter(deleted_at__isnull=True).select_related("unit", "unit__department")
    granted = assignment(user)
    if granted is None:
        return records.none()
    if granted.role in (Role.CLERK, Role.UNIT_LEAD):
        return records.filter(unit=granted.unit_id)
    if granted.role == Role.DEPARTMENT_REVIEWER:
        return records.filter(unit__department=granted.department_id)
    return records


def units_in_scope(user: AnyUser) -> QuerySet[Unit]:
    granted = assignment(user)
    if granted is None:
        return Unit.objects.none()
    if granted.role in (Role.CLERK, Role.UNIT_LEAD):
        return Unit.objects.filter(pk=granted.unit_id or 0)  # a unit role always has its unit (a constraint)
    if granted.role == Role.DEPARTMENT_REVIEWER:
        return Unit.objects.filter(department=granted.department_id)
    return Unit.objects.all()


def sees_every_unit(user: AnyUser) -> bool:
    """Whether :func:`units_in_scope` is every unit (财政, the admin)."""
    granted = assignment(user)
    return granted is not None and granted.role not in (Role.CLERK, Role.UNIT_LEAD, Role.DEPARTMENT_REVIEWER)


def table_for(user: AnyUser, pk: int, permission: str = VIEW) -> TableRecord:
    """The table ``pk`` if ``user`` may see it (else 404) and holds ``permission`` (else 403)."""
    try:
        record = tables_in_scope(user).get(pk=pk)
    except TableRecord.DoesNotExist:
        raise Http404("没有这张目标表") from None
    require(user, permission)
    return record


def rounds_in_scope(user: AnyUser) -> QuerySet[FilingRound]:
    """The rounds ``user`` can see: those of their unit, of their department's units, or every one."""
    granted = assignment(user)
    if granted is None:
        return FilingRound.objects.none()
    if granted.role in (Role.CLERK, Role.UNIT_LEAD):
        return FilingRound.objects.filter(units=granted.unit_id)
    if granted.role == Role.DEPARTMENT_REVIEWER:
        return FilingRound.objects.filter(units__department=granted.department_id).distinct()
    return FilingRound.objects.all()
