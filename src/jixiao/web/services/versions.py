"""Each version's own state (版本状态): what happened to that version, not the table's state today.

A draft being edited is 草稿; a submitted version is 已提交 until a reviewer decides, then 退回修改 or
审核通过 after the last decision on it; the version the public sees is 已公开.
"""

from __future__ import annotations

from ..models import Decision, Status, TableRecord, TableVersion


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
