"""绩效自评 of a department-wide 目标表 (部门整体) in the web: its 评分表, re-added by jixiao as ``jixiao score`` does.

A department's self-evaluation is a 评分表: per indicator its 分值, its 评分标准 and the score the department gives
itself (自评得分). jixiao cannot judge those standards again; what it checks (:func:`jixiao.department.
score_department`) is what the numbers say — no score above its 分值 (JX-D002), 分值 adding to the profile's full
marks (JX-D003, else no grade), the total (JX-D004 against a total written in the file). The entries
(``RoundReport.data``), as typed::

    {"indicators": [{"level1": "…", "level2": "…", "name": "目标制定", "weight": "10", "standard": "…",
                     "score": "9"}, …],
     "published_total": "", "budget": {}}

The rows start from the target version's indicators (each with its 分值 when the table gives one) or from an
uploaded 评分表; the unit may add rows (:data:`EXTRA_ROWS` blank ones under the form) and clears a row to drop it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from jixiao.department import (
    DepartmentKind,
    DepartmentLine,
    DepartmentSheet,
    DepartmentTable,
    RubricScore,
    read_departments,
    score_department,
)
from jixiao.errors import JixiaoError
from jixiao.findings import Finding, Severity
from jixiao.model import Indicator, TargetTable
from jixiao.taxonomy import canonical_level1, canonical_level2
from jixiao.values import normalize

from ..models import FilingRound, RoundReport, TableRecord, UploadedFile
from . import deptdata, reports
from .scratch import on_disk
from .tabledata import InputProblem, read_number

if TYPE_CHECKING:
    from ..accounts import User

INDICATOR_ENTRIES = ("level1", "level2", "name", "weight", "standard", "score")
BUDGET_ENTRIES: tuple[str, ...] = ()  # the 预算支出总额 is the target table's
TEXT_ENTRIES = ("published_total",)
#: blank rows offered under the form, to add indicators to the 评分表
EXTRA_ROWS = 3
HUNDREDTH = Decimal("0.01")


def _row(given: Any) -> dict[str, str]:
    entry = given if isinstance(given, dict) else {}
    return {k: str(entry.get(k) or "").strip() for k in INDICATOR_ENTRIES}


def cleaned(data: dict[str, Any], version_data: dict[str, Any]) -> dict[str, Any]:
    """``data`` cut to the known entries, every value a stripped text; a row left blank is dropped."""
    rows = [row for row in map(_row, data.get("indicators") or []) if any(row.values())]
    return {"budget": {}, "indicators": rows, "published_total": str(data.get("published_total") or "").strip()}


def empty_data(version_data: dict[str, Any]) -> dict[str, Any]:
    """A 评分表 started from the target version's indicators, each with its 分值 and 评分标准 when it has them."""
    rows = [
        {
            "level1": row.get("level1", ""),
            "level2": row.get("level2", ""),
            "name": row.get("name", ""),
            "weight": row.get("weight", ""),
            "standard": row.get("scoring_rule", ""),
        }
        for row in version_data.get("indicators", [])
    ]
    return cleaned({"indicators": rows}, version_data)


@dataclass(frozen=True)
class Row:
    """One line of the 评分表 as the page shows it: the entries and what jixiao makes of them."""

    index: int
    entry: dict[str, str]
    line: DepartmentLine
    findings: list[Finding] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.line.name


@dataclass(frozen=True)
class Evaluation:
    """A department self-evaluation's entries, jixiao's sheet of them (total, grade, JX-D findings)."""

    data: dict[str, Any]
    table: TargetTable  # the target table reported on
    sheet: DepartmentSheet
    rows: list[Row]
    findings: list[Finding]
    problems: list[InputProblem] = field(default_factory=list)
    blocking: list[str] = field(default_factory=list)
    override_count: int = 0  # a department scores itself: no score of jixiao's to override

    @property
    def total(self) -> Decimal | None:
        return self.sheet.total

    @property
    def grade(self) -> str | None:
        return self.sheet.grade


def rubric(
    data: dict[str, Any], department: str | None, year: int | None
) -> tuple[DepartmentTable, list[InputProblem]]:
    """The 评分表 of the entries as jixiao's department model, and the cells that are not numbers."""
    problems: list[InputProblem] = []
    scores = []
    for index, row in enumerate(data["indicators"]):
        level1, level2 = row["level1"] or None, row["level2"] or None
        indicator = Indicator(
            name=row["name"],
            level1=canonical_level1(level1) or level1,
            level2=canonical_level2(level2) or level2,
            level1_text=level1,
            level2_text=level2,
            weight=read_number(row["weight"], "weight", problems, index),
            scoring_rule=row["standard"] or None,
        )
        score = read_number(row["score"], "score", problems, index)
        scores.append(RubricScore(indicator, standard=row["standard"] or None, score=score, score_text=row["score"]))
    table = DepartmentTable(
        kind=DepartmentKind.SELFEVAL,
        department=department,
        indicators=tuple(item.indicator for item in scores),
        scores=tuple(scores),
        published_total=read_number(data["published_total"], "published_total", problems),
        year=year,
        title="部门整体支出绩效自评表",
    )
    return table, problems


def evaluate(data: dict[str, Any], version_data: dict[str, Any], profile: str) -> Evaluation:
    """jixiao's sheet of the 评分表 ``data`` on the department table ``version_data`` under ``profile``."""
    entries = cleaned(data, version_data)
    _department, shown, _target_problems = deptdata.department_from_data(version_data)
    table, problems = rubric(entries, shown.department, shown.year)
    sheet = score_department(table, profile)
    findings = list(sheet.findings.findings)
    by_name: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.location.indicator:
            by_name.setdefault(finding.location.indicator, []).append(finding)
    rows = [
        Row(index, entry, line, by_name.get(line.name, []))
        for index, (entry, line) in enumerate(zip(entries["indicators"], sheet.lines, strict=True))
    ]
    blocking = [p.message if p.indicator is None else f"第 {p.indicator + 1} 行：{p.message}" for p in problems]
    if not rows:
        blocking.append("评分表还没有指标")
    blocking += [f"第 {row.index + 1} 行：请填写三级指标名称" for row in rows if not row.entry["name"]]
    blocking += [f"“{row.name}”：请填写指标分值" for row in rows if row.entry["name"] and not row.entry["weight"]]
    blocking += [f"“{row.name}”：请填写自评得分" for row in rows if row.entry["name"] and not row.entry["score"]]
    blocking += [f"{f.code} {f.message}" for f in findings if f.severity is Severity.ERROR]
    return Evaluation(entries, shown, sheet, rows, findings, problems, blocking)


def profile_of(report: RoundReport) -> str:
    return reports.profile_of(report)


def evaluation(report: RoundReport, data: dict[str, Any] | None = None) -> Evaluation:
    return evaluate(report.data if data is None else data, report.version.data, profile_of(report))


def refresh(report: RoundReport) -> None:
    """Keep the total, grade and counts on the report, for the lists (the caller saves it)."""
    result = evaluation(report)
    report.data = result.data
    report.total = result.total.quantize(HUNDREDTH) if result.total is not None else None
    report.grade = result.grade or ""
    report.override_count = 0
    report.error_count = sum(1 for f in result.findings if f.severity is Severity.ERROR) + len(result.problems)
    report.warning_count = sum(1 for f in result.findings if f.severity is Severity.WARNING)


def get(record: TableRecord, filing_round: FilingRound, *, actor: User) -> RoundReport:
    """The department's self-evaluation of ``record`` for ``filing_round``, started the first time."""
    return reports.start(
        record, filing_round, actor=actor, blank=lambda v: empty_data(v.data), refresh=refresh, departmental=True
    )


def save(report: RoundReport, *, actor: User, data: dict[str, Any], revision: int, comment: str = "") -> Evaluation:
    saved = reports.save_entries(
        report,
        actor=actor,
        data=cleaned(data, report.version.data),
        revision=revision,
        refresh=refresh,
        comment=comment,
    )
    return evaluation(saved)


def submit(report: RoundReport, *, actor: User, revision: int, comment: str = "") -> None:
    """Submit to the round's first review; refused while a line is incomplete or an error finding remains."""
    reports.submit(report, actor=actor, revision=revision, comment=comment, blocking=lambda r: evaluation(r).blocking)


def entries_from(table: DepartmentTable) -> dict[str, Any]:
    """The entries a filled 评分表 gives: its lines as printed."""
    rows = [
        {
            "level1": item.indicator.level1_text or item.indicator.level1 or "",
            "level2": item.indicator.level2_text or item.indicator.level2 or "",
            "name": item.indicator.name,
            "weight": reports.entry_text(item.indicator.weight),
            "standard": item.standard or "",
            "score": item.score_text
            if item.score_text is not None and item.score is not None
            else reports.entry_text(item.score),
        }
        for item in table.scores
    ]
    return {"budget": {}, "indicators": rows, "published_total": reports.entry_text(table.published_total)}


def read_file(name: str, content: bytes) -> list[DepartmentTable]:
    """The department 自评表 (评分表) in an uploaded file; :class:`JixiaoError` when there is none."""
    suffix = Path(name).suffix.lower() or ".bin"
    with on_disk(content, suffix) as path:
        try:
            found = read_departments(path)
        except JixiaoError as error:
            raise JixiaoError(str(error).replace(str(path), name)) from None
    return [table for table in found if table.kind is DepartmentKind.SELFEVAL]


def fill_from(report: RoundReport, read: DepartmentTable, *, actor: User, source: UploadedFile) -> list[str]:
    """The lines of a filled 评分表 saved into ``report`` (a draft or returned one), its file kept as the source.
    Its lines are the file's: nothing to match, so nothing to tell (an empty list)."""
    save(report, actor=actor, data=entries_from(read), revision=report.revision, comment=f"上传自评表：{source.name}")
    RoundReport.objects.filter(pk=report.pk).update(source_file=source)
    return []


def matching_table(unit_tables: QuerySet[TableRecord], read: DepartmentTable) -> TableRecord | None:
    """The unit's department table the 评分表 reports on: the one of the same department; a 评分表 that names
    no department goes to the unit's only department table."""
    tables = [r for r in unit_tables[:1000] if (v := reports.target_version(r)) and deptdata.is_department(v.data)]
    wanted = normalize(read.department or "")
    for record in tables:
        if wanted and normalize(reports.target_version(record).data.get("department") or "") == wanted:  # type: ignore[union-attr]
            return record
    return tables[0] if not wanted and len(tables) == 1 else None
