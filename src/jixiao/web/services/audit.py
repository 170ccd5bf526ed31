"""Writing the audit trail: one entry per workflow step, never changed afterwards."""

from __future__ import annotations

from typing import Any

from ..models import AuditEntry, TableRecord

ACTION_LABELS = {
    "create": "新建",
    "import": "导入",
    "edit": "修改",
    "submit": "提交",
    "return": "退回修改",
    "approve": "审核通过",
    "publish": "公开",
    "adjust": "目标调整",
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
