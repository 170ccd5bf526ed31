"""Writing the audit trail: one entry per workflow step, never changed afterwards."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..models import AuditAction, AuditEntry, TableRecord

if TYPE_CHECKING:
    from ..accounts import User


def record(
    table: TableRecord,
    *,
    actor: User,
    action: AuditAction,
    comment: str = "",
    diff: list[dict[str, Any]] | None = None,
    version_number: int | None = None,
) -> AuditEntry:
    return _write(actor, action, comment, diff, table=table, version_number=version_number)


def record_account(
    *,
    actor: User,
    action: AuditAction,
    subject: User | None = None,
    comment: str = "",
    diff: list[dict[str, Any]] | None = None,
) -> AuditEntry:
    """A step that concerns no table: an administrator's on a user account (``subject``) or the review chain, or
    finance's on the 指标库."""
    return _write(actor, action, comment, diff, subject=subject)


def record_system(*, action: AuditAction, comment: str = "", diff: list[dict[str, Any]] | None = None) -> AuditEntry:
    """A step taken from the command line (``manage.py``): no signed-in person to name."""
    return AuditEntry.objects.create(
        actor=None, actor_name="命令行（manage.py）", action=AuditAction(action), comment=comment, diff=diff or []
    )


def _write(
    actor: User, action: AuditAction, comment: str, diff: list[dict[str, Any]] | None, **concerns: Any
) -> AuditEntry:
    action = AuditAction(action)  # a ValueError for anything that is not one of the steps
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=actor.get_full_name() or actor.get_username(),
        action=action,
        comment=comment,
        diff=diff or [],
        **concerns,
    )
