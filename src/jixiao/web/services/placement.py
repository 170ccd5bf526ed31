"""Where an imported table is saved: under the unit its 预算单位 names, as a new version of the table it already is.

The 预算单位 written in the file is matched to the organisation. A table of the uploader's own unit (or of another
unit they file for) goes there; one naming a unit they may not file for is saved only when they say it is their
own unit's after all (a clear choice on the preview). A table that exists already — same unit, year and project
name — becomes its next version, not a second record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from ..models import TableRecord, Unit, UploadedFile
from . import workflow
from .deptdata import stored_form
from .imports import Parsed

if TYPE_CHECKING:
    from ..accounts import User

_SPACES = re.compile(r"\s+")


def normalised(name: str) -> str:
    """A unit's name for matching: no spaces, full-width brackets as half-width."""
    return _SPACES.sub("", name or "").replace("（", "(").replace("）", ")")


@dataclass(frozen=True)
class Placement:
    unit: Unit  # where the table is saved unless the user chooses otherwise
    written: str  # the 预算单位 as the file writes it
    named: Unit | None  # the organisation's unit of that name
    existing: TableRecord | None  # the table this import becomes a new version of

    @property
    def foreign(self) -> bool:
        """The file names another unit, one the user may not file for."""
        return self.named is not None and self.named.pk != self.unit.pk

    @property
    def unknown(self) -> bool:
        return bool(self.written.strip()) and self.named is None


def _existing(unit: Unit, data: dict[str, Any]) -> TableRecord | None:
    name = (data.get("project_name") or "").strip()
    return (
        TableRecord.objects.filter(
            unit=unit, year=int(data.get("year") or 0), project_name=name, deleted_at__isnull=True
        )
        .order_by("id")
        .first()
    )


def place(data: dict[str, Any], upload: UploadedFile, allowed: QuerySet[Unit]) -> Placement:
    written = (data.get("budget_unit") or "").strip()
    wanted = normalised(written)
    named = next((unit for unit in Unit.objects.all() if wanted and normalised(unit.name) == wanted), None)
    unit = named if named is not None and allowed.filter(pk=named.pk).exists() else upload.unit
    return Placement(unit, written, named, _existing(unit, data))


def save(
    upload: UploadedFile, data: dict[str, Any], *, actor: User, unit: Unit, comment: str
) -> tuple[TableRecord, bool]:
    """The table saved under ``unit``: (record, True) as a new version of the table it already is, else a new one."""
    existing = _existing(unit, data)
    if existing is not None:
        workflow.import_version(existing, actor=actor, data=data, source_file=upload, comment=comment)
        return existing, True
    return workflow.create_table(unit, actor=actor, data=data, source_file=upload, comment=comment), False


class ForeignUnit(Exception):
    """The table names a unit the user may not file for, and they did not say it is their own unit's."""

    def __init__(self, where: Placement) -> None:
        super().__init__(
            f"表内预算单位是“{where.written}”，不是您填报的单位；如确属{where.unit.name}的目标表，"
            "请勾选“作为本单位的目标表导入”后再保存"
        )
        self.where = where


def save_import(
    upload: UploadedFile,
    parsed: Parsed,
    *,
    index: int,
    year: int | None,
    as_own: bool,
    actor: User,
    allowed: QuerySet[Unit],
) -> tuple[TableRecord, bool]:
    """Table ``index`` of the upload as a draft of the unit it names (or a new version of the table it already is),
    in ``year`` unless it names its own; :class:`ForeignUnit` for another unit's table not claimed ``as_own``."""
    data = stored_form(parsed.tables[index])
    data["year"] = data.get("year") or year or 2024
    where = place(data, upload, allowed)
    if where.foreign and not as_own:
        raise ForeignUnit(where)
    data["department"] = data.get("department") or where.unit.department.name
    comment = f"导入自 {upload.name}"
    if parsed.scan is not None:
        checked = f"，{parsed.scan.corrected} 处识别结果经人工核对" if parsed.scan.corrected else ""
        comment += f"（扫描件，OCR 识别{checked}）"
    return save(upload, data, actor=actor, unit=where.unit, comment=comment)
