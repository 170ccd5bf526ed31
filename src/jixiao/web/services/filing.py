"""Where an upload goes: a target table to the import preview, a 监控表 or 自评表 to the open round of its kind.

A 自评表's entries also go into the unit's self-evaluation of the same project (:mod:`.selfeval`), as if typed; a
监控表's into its monitoring report (:mod:`.monitoring`); the indicators that do not fit are told to the person.
A file of a kind no round is open for is refused with a message naming the round it belongs to. A department-wide
目标表 (部门整体) is imported as a target table; its 自评表 (评分表) fills the department's self-evaluation
(:mod:`.deptselfeval`).
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

from django.db import transaction

from jixiao.errors import JixiaoError
from jixiao.scoring.reading import MONITOR, SELFEVAL

from ..models import FilingRound, RoundFiling, RoundKind, RoundReport, Unit, UploadedFile
from . import deptselfeval, imports, monitoring, reports, rounds, selfeval

if TYPE_CHECKING:
    from ..accounts import User

ROUND_OF_KIND = {
    MONITOR: RoundKind.MONITORING,
    SELFEVAL: RoundKind.SELF_EVALUATION,
    imports.DEPT_SELFEVAL: RoundKind.SELF_EVALUATION,
}


def receive(
    unit: Unit, *, actor: User, name: str, content: bytes, notes: list[str] | None = None
) -> UploadedFile | RoundFiling:
    """The stored upload of a target table, or the filing of a 监控表/自评表 for its open round; what of a filled
    监控表 or 自评表 did not fit its report (an indicator not in the table …) is added to ``notes``, for the person."""
    try:
        return imports.store(unit, actor=actor, name=name, content=content)
    except imports.OtherKind as other:
        label = imports.KIND_LABELS[other.kind]
        kind = ROUND_OF_KIND[other.kind]
        filing_round = rounds.open_for(unit, kind).first()
        if filing_round is None:
            raise imports.UploadRefused(
                f"这是{label}，属于“{kind.label}”填报任务；{unit.name}当前没有开放的{kind.label}任务，"
                "请在财政部门下发任务后再报送"
            ) from None
        with transaction.atomic():
            upload = imports.keep(unit, actor=actor, name=name, content=content, detected=other.detected)
            filed = RoundFiling.objects.create(round=filing_round, unit=unit, upload=upload, filed_by=actor)
            if other.kind in FILLS:
                filed.report = _fill(
                    FILLS[other.kind],
                    filing_round,
                    unit,
                    actor=actor,
                    upload=upload,
                    name=name,
                    content=content,
                    notes=notes if notes is not None else [],
                )
                filed.save()
            return filed


#: the kinds whose entries an upload fills in, and the module that reads and fills them
FILLS: dict[str, ModuleType] = {SELFEVAL: selfeval, imports.DEPT_SELFEVAL: deptselfeval, MONITOR: monitoring}


def _fill(
    module: ModuleType,
    filing_round: FilingRound,
    unit: Unit,
    *,
    actor: User,
    upload: UploadedFile,
    name: str,
    content: bytes,
    notes: list[str],
) -> RoundReport | None:
    """The report the file's entries went into: the one on the unit's approved table of the same project (of the
    same department, for a 部门整体 自评表), started if need be; none when the file cannot be read or names no
    such table (the file stays filed). Refused when that report is under review already."""
    try:
        read = module.read_file(name, content)
    except JixiaoError:
        return None
    candidates = reports.tables_for(filing_round, actor).filter(unit=unit)
    filled = None
    for one in read:
        record = module.matching_table(candidates, one)
        if record is None:
            continue
        report = module.get(record, filing_round, actor=actor)
        if "edit" not in reports.actions(report, actor):
            what = reports.KIND_LABELS[filing_round.kind]
            raise imports.UploadRefused(
                f"“{record.project_name}”的{what}报告当前为“{reports.label(report)}”，不能再上传"
            )
        told = module.fill_from(report, one, actor=actor, source=upload)
        notes.extend(f"“{record.project_name}”：{note}" for note in told)
        filled = filled or report
    return filled
