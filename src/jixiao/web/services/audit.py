"""Writing the audit trail: one entry per workflow step, never changed afterwards."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from ..models import AuditEntry, TableRecord

ACTION_LABELS = {
    "create": _("新建"),
    "import": _("导入"),
    "edit": _("修改"),
    "submit": _("提交"),
    "return": _("退回修改"),
    "approve": _("审核通过"),
    "publish": _("公开"),
    "adjust": _("目标调整"),
}


def record(
    table: TableRecord,
    *,
    actor: Any,
    action: str,
    comment: str = "",
    diff: list[dict[str, Any]] | None = None,
    version_number: int | None = None,
) -> AuditEntry:
    if action not in ACTION_LABELS:
        raise ValueError(f"unknown audit action: {action}")
    return AuditEntry.objects.create(
        table=table,
        actor=actor,
        actor_name=actor.get_full_name() or actor.get_username(),
        action=action,
        comment=comment,
        diff=diff or [],
        version_number=version_number,
    )
