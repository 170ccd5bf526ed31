"""Each version's own state (版本状态): what happened to that version, not the table's state today.

A draft being edited is 草稿; a submitted version is 已提交 until a reviewer decides, then 退回修改 or
审核通过 after the last decision on it; the version the public sees is 已公开; a 目标调整 draft is 调整中.

:func:`compare` puts two versions side by side for the comparison page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..models import Decision, Status, TableRecord, TableVersion
from . import tabledata

#: The indicator columns compared: the number and name first, then the official layout's columns.
INDICATOR_COLUMNS = ("number", *tabledata.INDICATOR_FIELDS)


def states(record: TableRecord) -> dict[int, Status]:
    """Version pk → its state, for every version of ``record``."""
    outcomes: dict[int, str] = {}
    for version_id, outcome in (
        Decision.objects.filter(version__record=record).order_by("created_at", "id").values_list("version", "outcome")
    ):
        outcomes[version_id] = outcome  # the last decision on a version is the one that stands
    return {version.pk: _state(record, version, outcomes.get(version.pk)) for version in record.versions.all()}


def _state(record: TableRecord, version: TableVersion, outcome: str | None) -> Status:
    if record.published_version_id == version.pk:
        return Status.PUBLISHED
    if outcome is not None:
        return Status.RETURNED if outcome == Decision.Outcome.RETURNED else Status.APPROVED
    return Status.SUBMITTED if version.frozen else Status.DRAFT


@dataclass(frozen=True)
class Cell:
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class FieldRow:
    field: str  # the store's name: project_name, funding.total (the page shows its label)
    cell: Cell


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator row of both versions, aligned by position: added, removed, changed or the same."""

    position: int  # 1-based
    state: str  # "added", "removed", "changed", "same"
    cells: tuple[Cell, ...]

    @property
    def state_label(self) -> str:
        return ROW_STATES[self.state]


ROW_STATES = {"added": "新增", "removed": "删除", "changed": "有改动", "same": "未改动"}


@dataclass(frozen=True)
class Comparison:
    header: tuple[FieldRow, ...]
    indicator_fields: tuple[str, ...]
    indicators: tuple[IndicatorRow, ...]
    changes: int  # the changed cells, as the audit trail counts them

    @property
    def changed_rows(self) -> int:
        return sum(1 for row in self.indicators if row.state != "same")


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def compare(before: dict[str, Any], after: dict[str, Any]) -> Comparison:
    """Two stored versions side by side: the header fields and amounts, then the indicator rows by position,
    each cell marked when it differs (:func:`jixiao.web.services.tabledata.diff` finds them)."""
    changed = {change["field"] for change in tabledata.diff(before, after)}
    header = [
        FieldRow(name, Cell(_text(before.get(name)), _text(after.get(name))))
        for name in ("year", *tabledata.HEADER_FIELDS)
    ]
    old_funding, new_funding = before.get("funding") or {}, after.get("funding") or {}
    header += [
        FieldRow(f"funding.{part}", Cell(_text(old_funding.get(part)), _text(new_funding.get(part))))
        for part in (*tabledata.FUNDING_FIELDS, "unit")
    ]
    old_rows, new_rows = before.get("indicators", []), after.get("indicators", [])
    rows = []
    for index in range(max(len(old_rows), len(new_rows))):
        old_row = old_rows[index] if index < len(old_rows) else None
        new_row = new_rows[index] if index < len(new_rows) else None
        cells = tuple(
            Cell(_text((old_row or {}).get(name)), _text((new_row or {}).get(name))) for name in INDICATOR_COLUMNS
        )
        if old_row is None:
            state = "added"
        elif new_row is None:
            state = "removed"
        else:
            touched = any(f"indicators[{index + 1}].{name}" in changed for name in INDICATOR_COLUMNS)
            state = "changed" if touched else "same"
        rows.append(IndicatorRow(index + 1, state, cells))
    return Comparison(tuple(header), INDICATOR_COLUMNS, tuple(rows), len(changed))
