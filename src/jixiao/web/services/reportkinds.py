"""Which module keeps a report's entries: 监控 (:mod:`.monitoring`), a project's 自评 (:mod:`.selfeval`), or a
department-wide table's 自评 (:mod:`.deptselfeval`)."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from ..models import RoundKind
from . import deptdata, deptselfeval, monitoring, selfeval


def module_for(kind: str, version_data: dict[str, Any]) -> ModuleType:
    """The module of a report of round ``kind`` on the target version ``version_data``."""
    if kind == RoundKind.MONITORING:
        return monitoring
    return deptselfeval if deptdata.is_department(version_data) else selfeval
