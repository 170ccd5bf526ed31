"""The administrator's work on accounts: create a user, change their role and unit, deactivate and reactivate,
reset a password. Each step checks the administrator's permission, runs in one transaction and writes one audit
entry naming the account it concerns.

A new or reset password is a one-time password: it is returned once, to be shown once, and the user has to
choose their own at the next sign-in (:attr:`RoleAssignment.must_change_password`).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import transaction

from .. import permissions as perms
from ..models import AuditAction, Department, Role, RoleAssignment, Unit
from . import audit

if TYPE_CHECKING:
    from ..accounts import AnyUser, User

UNIT_ROLES = (Role.CLERK, Role.UNIT_LEAD)


class AccountRefused(Exception):
    """A step on an account that cannot be taken; the message says why, in Chinese."""


@dataclass(frozen=True)
class Placement:
    """A role and where it applies: a unit for the unit roles, a department for its reviewer, nothing else."""

    role: str
    unit: Unit | None = None
    department: Department | None = None

    def checked(self) -> Placement:
        """The placement with what the role does not use dropped, or :class:`AccountRefused`."""
        if self.role not in Role.values:
            raise AccountRefused(f"没有“{self.role}”这个角色")
        if self.role in UNIT_ROLES:
            if self.unit is None:
                raise AccountRefused(f"{Role(self.role).label}须指定所属预算单位")
            return Placement(self.role, unit=self.unit)
        if self.role == Role.DEPARTMENT_REVIEWER:
            if self.department is None:
                raise AccountRefused("主管部门审核人须指定所属主管部门")
            return Placement(self.role, department=self.department)
        return Placement(self.role)

    @property
    def scope(self) -> str:
        """Where the role applies, as the user list says it."""
        if self.unit is not None:
            return self.unit.name
        if self.department is not None:
            return self.department.name
        return "全部"


def one_time_password() -> str:
    return secrets.token_urlsafe(12)


def placement_of(user: User) -> Placement | None:
    granted = perms.assignment(user)
    if granted is None:
        return None
    return Placement(granted.role, granted.unit, granted.department)


def _described(user: User, placement: Placement | None) -> dict[str, str]:
    """The account's fields as the audit trail shows them (names, not ids)."""
    return {
        "account.name": user.first_name,
        "account.email": user.email,
        "account.role": Role(placement.role).label if placement else "",
        "account.scope": placement.scope if placement else "",
    }


def _changes(before: dict[str, str], after: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {"field": name, "before": before.get(name, ""), "after": value}
        for name, value in after.items()
        if before.get(name, "") != value
    ]


def _require_admin(actor: User) -> None:
    perms.require(actor, perms.USERS)


def create(*, actor: User, username: str, name: str, email: str, placement: Placement) -> tuple[User, str]:
    """A new active user with ``placement``, and their one-time password."""
    _require_admin(actor)
    placement = placement.checked()
    model = get_user_model()
    username = model.normalize_username(username.strip())
    if not username:
        raise AccountRefused("请填写用户名")
    password = one_time_password()
    with transaction.atomic():
        if model.objects.filter(username__iexact=username).exists():
            raise AccountRefused(f"用户名“{username}”已被使用")
        user = model.objects.create_user(username, email=email.strip(), password=password, first_name=name.strip())
        RoleAssignment.objects.create(
            user=user,
            role=placement.role,
            unit=placement.unit,
            department=placement.department,
            must_change_password=True,
        )
        audit.record_account(
            actor=actor,
            action=AuditAction.USER_CREATE,
            subject=user,
            comment=f"用户名 {username}",
            diff=_changes({}, _described(user, placement)),
        )
    return user, password


def change(*, actor: User, user: User, name: str, email: str, placement: Placement) -> bool:
    """Set the user's name, e-mail, role and unit; False (and no audit entry) when nothing changed."""
    _require_admin(actor)
    placement = placement.checked()
    if user.pk == actor.pk and placement.role != Role.ADMIN:
        raise AccountRefused("不能取消自己的管理员角色，以免无人管理用户")
    with transaction.atomic():
        before = _described(user, placement_of(user))
        user.first_name, user.email = name.strip(), email.strip()
        changes = _changes(before, _described(user, placement))
        if not changes:
            return False
        user.save(update_fields=["first_name", "email"])
        RoleAssignment.objects.update_or_create(
            user=user,
            defaults={"role": placement.role, "unit": placement.unit, "department": placement.department},
        )
        audit.record_account(actor=actor, action=AuditAction.USER_CHANGE, subject=user, diff=changes)
    return True


def set_active(*, actor: User, user: User, active: bool, comment: str = "") -> None:
    """Deactivate (the user can no longer sign in, their open sessions end) or reactivate an account."""
    _require_admin(actor)
    if user.pk == actor.pk and not active:
        raise AccountRefused("不能停用自己的账号")
    if user.is_active == active:
        raise AccountRefused("该用户已是启用状态" if active else "该用户已停用")
    with transaction.atomic():
        user.is_active = active
        user.save(update_fields=["is_active"])
        audit.record_account(
            actor=actor,
            action=AuditAction.USER_REACTIVATE if active else AuditAction.USER_DEACTIVATE,
            subject=user,
            comment=comment.strip(),
            diff=[{"field": "account.active", "before": not active, "after": active}],
        )


def reset_password(*, actor: User, user: User) -> str:
    """A new one-time password for ``user`` (their sessions end); they choose their own at the next sign-in."""
    _require_admin(actor)
    if user.pk == actor.pk:
        raise AccountRefused("请在“修改密码”页修改自己的密码")
    if perms.assignment(user) is None:
        raise AccountRefused("该用户还没有角色：请先指定角色")
    password = one_time_password()
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        RoleAssignment.objects.filter(user=user).update(must_change_password=True)
        audit.record_account(actor=actor, action=AuditAction.PASSWORD_RESET, subject=user)
    return password


def password_changed(user: User) -> None:
    """The user chose their own password: the one-time password no longer has to be replaced."""
    RoleAssignment.objects.filter(user=user, must_change_password=True).update(must_change_password=False)


def must_change_password(user: AnyUser) -> bool:
    granted = perms.assignment(user)
    return granted is not None and granted.must_change_password
