"""绩效自评 in the web: the unit's actual values on an approved 目标表, scored by jixiao under the office's profile.

The entries (``RoundReport.data``), as typed::

    {"budget": {"full_year": "250000", "executed": "215457.6", "score": "", "reason": ""},
     "indicators": [{"name": "…", "actual": "2450人", "judgement": "", "score": "", "reason": "",
                     "deviation": ""}, …],
     "goal_actual": "…", "deviation": "…"}

one entry per indicator of the target version, in its order. ``judgement`` (达成/部分达成/未达成/不适用) is for
qualitative indicators; ``score`` is the unit's own score when it overrides jixiao's, and then ``reason`` says
why. A filled 自评表 read from a file also keeps the layout's ``block``/``block_points`` per indicator, the
budget's ``initial``/``adjusted``/``weight`` and the ``indicator_points`` so it scores as the file does.

:func:`evaluate` scores the entries (:func:`jixiao.score`), then, when the unit overrode a score, audits the
scores as the unit would publish them with the JX-S rules, so that the reviewers see each override and what the
rules say of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from jixiao.cells import decimal_text
from jixiao.errors import JixiaoError
from jixiao.findings import Finding
from jixiao.model import Kind, TargetTable
from jixiao.model_selfeval import Budget, IndicatorResult, Judgement, SelfEvaluation
from jixiao.profile import load_profile
from jixiao.recognize.parts import parse_actual
from jixiao.scoring import BudgetScore, IndicatorScore, ScoreSheet, read_selfevals, score
from jixiao.scoring.judgement import judgement_of
from jixiao.scoring.settings import scoring_settings
from jixiao.values import normalize

from ..models import FilingRound, RoundReport, TableRecord, UploadedFile
from . import deptdata, reports
from .budgetnote import full_year_note
from .scratch import on_disk
from .tabledata import InputProblem, read_number, table_from_data

if TYPE_CHECKING:
    from ..accounts import User

JUDGEMENTS = tuple(item.value for item in Judgement)
#: Targets the unit may be asked to judge (达成情况): words, and deadlines or dates an actual in words may not tell.
JUDGED_KINDS = frozenset({Kind.QUALITATIVE, Kind.DEADLINE, Kind.DATE, Kind.PERIOD})
INDICATOR_ENTRIES = ("actual", "judgement", "score", "reason", "deviation", "block", "block_points")
BUDGET_ENTRIES = ("full_year", "adjusted", "initial", "executed", "weight", "score", "reason")
TEXT_ENTRIES = ("goal_actual", "deviation", "indicator_points")
HUNDREDTH = Decimal("0.01")


def empty_data(version_data: dict[str, Any]) -> dict[str, Any]:
    """Blank entries for each indicator of the target version; the 全年预算数 is the table's 年度资金总额."""
    total = str((version_data.get("funding") or {}).get("total") or "")
    return cleaned({"budget": {"full_year": total}}, version_data)


def cleaned(data: dict[str, Any], version_data: dict[str, Any]) -> dict[str, Any]:
    """``data`` cut to the known entries, one per indicator of the target version, every value a stripped text."""
    given = data.get("indicators") or []
    budget = data.get("budget") or {}
    rows = []
    for index, row in enumerate(version_data.get("indicators", [])):
        entry = given[index] if index < len(given) and isinstance(given[index], dict) else {}
        rows.append({"name": row.get("name", ""), **{k: str(entry.get(k) or "").strip() for k in INDICATOR_ENTRIES}})
    return {
        "budget": {k: str(budget.get(k) or "").strip() for k in BUDGET_ENTRIES},
        "indicators": rows,
        **{k: str(data.get(k) or "").strip() for k in TEXT_ENTRIES},
    }


@dataclass(frozen=True)
class Row:
    """One indicator as the page shows it: the target, the unit's entries, jixiao's score and its rule."""

    index: int
    name: str
    target: str
    qualitative: bool  # offered the judgement tiers as choices
    entry: dict[str, str]
    scored: IndicatorScore
    override: Decimal | None  # the unit's own score, when it differs from jixiao's
    final: Decimal | None  # the score reported: the override, else jixiao's
    findings: list[Finding] = field(default_factory=list)  # JX-S findings on this indicator

    @property
    def overridden(self) -> bool:
        return self.override is not None


@dataclass(frozen=True)
class Evaluation:
    """A self-evaluation's entries, jixiao's scores, the scores reported and the findings."""

    data: dict[str, Any]
    table: TargetTable
    sheet: ScoreSheet  # jixiao's scores of the entries
    rows: list[Row]
    budget_override: Decimal | None
    total: Decimal | None  # the total reported (overrides included)
    grade: str | None
    findings: list[Finding]  # JX-S findings (the audit of the overrides included)
    problems: list[InputProblem] = field(default_factory=list)
    blocking: list[str] = field(default_factory=list)
    tiers: list[tuple[str, str]] = field(default_factory=list)  # (judgement, "60%–80%，默认 70%") for qualitative

    @property
    def budget(self) -> BudgetScore:
        return self.sheet.budget

    @property
    def budget_final(self) -> Decimal | None:
        return self.budget_override if self.budget_override is not None else self.sheet.budget.score

    @property
    def override_count(self) -> int:
        return sum(1 for row in self.rows if row.overridden) + (self.budget_override is not None)

    @property
    def overrides(self) -> list[Row]:
        return [row for row in self.rows if row.overridden]


def _decimal(text: str, field_name: str, problems: list[InputProblem], index: int | None = None) -> Decimal | None:
    return read_number(text, field_name, problems, index)


def build(
    data: dict[str, Any],
    table: TargetTable,
    scores: dict[int, Decimal] | None = None,
    budget_score: Decimal | None = None,
    total: Decimal | None = None,
    grade: str | None = None,
    *,
    published: bool = False,
) -> tuple[SelfEvaluation, list[InputProblem]]:
    """The core model of the entries on ``table`` carrying ``scores`` (index → score) as the scores written;
    ``published`` when they are to be audited as a published table's."""
    problems: list[InputProblem] = []
    money = data.get("budget") or {}
    amounts = {
        k: _decimal(money.get(k, ""), f"budget.{k}", problems)
        for k in ("full_year", "adjusted", "initial", "executed", "weight")
    }
    entries = data.get("indicators") or []
    results = []
    for index, indicator in enumerate(table.indicators):
        entry = entries[index] if index < len(entries) else {}
        judgement_text = entry.get("judgement") or ""
        judgement = judgement_of(judgement_text) if judgement_text else None
        if judgement_text and judgement is None:
            problems.append(
                InputProblem("judgement", judgement_text, "达成情况应为 达成/部分达成/未达成/不适用", index)
            )
        points = _decimal(entry.get("block_points", ""), "block_points", problems, index)
        results.append(
            IndicatorResult(
                indicator,
                actual=parse_actual(entry.get("actual") or None, indicator.name),
                score=(scores or {}).get(index),
                deviation=(entry.get("deviation") or "").strip() or None,
                judgement=judgement,
                block=(entry.get("block") or "").strip() or None,
                block_points=points,
            )
        )
    budget = Budget(
        initial=amounts["initial"],
        full_year=amounts["full_year"] if amounts["full_year"] is not None else table.funding.total,
        adjusted=amounts["adjusted"],
        executed=amounts["executed"],
        weight=amounts["weight"],
        score=budget_score,
        reason=(money.get("reason") or "").strip() or None,
        unit=table.funding.unit,
    )
    selfeval = SelfEvaluation(
        table=table,
        budget=budget,
        results=tuple(results),
        published_total=total,
        published_grade=grade,
        deviation=(data.get("deviation") or "").strip() or None,
        goal_actual=(data.get("goal_actual") or "").strip() or None,
        indicator_points=_decimal(data.get("indicator_points", ""), "indicator_points", problems),
        published=published,
    )
    return selfeval, problems


def _override(
    text: str, computed: Decimal | None, label: str, problems: list[InputProblem], index: int | None
) -> Decimal | None:
    given = _decimal(text, label, problems, index)
    return None if given is None or given == computed else given


def evaluate(data: dict[str, Any], version_data: dict[str, Any], profile: str) -> Evaluation:
    """jixiao's scores of ``data`` on the target ``version_data`` under ``profile``, the overrides audited."""
    entries = cleaned(data, version_data)
    table, _target_problems = table_from_data(version_data)
    problems: list[InputProblem] = []
    typed = {
        index: value
        for index, entry in enumerate(entries["indicators"])
        if (value := _decimal(entry["score"], "score", problems, index)) is not None
    }
    # the scores typed count as a 自评表's written scores do: a table that prints no weights has them inferred
    # from the full scores of met targets (jixiao.scoring.weights), the same here as for `jixiao score`
    model, problems_in_cells = build(entries, table, typed)
    problems += problems_in_cells
    sheet = score(model, profile)
    overrides = {index: value for index, value in typed.items() if value != sheet.indicators[index].score}
    budget_override = _override(entries["budget"]["score"], sheet.budget.score, "budget.score", problems, None)
    finals = {i: overrides.get(i, s.score) for i, s in enumerate(sheet.indicators)}
    settings = scoring_settings(load_profile(profile))
    total, grade = sheet.total, sheet.grade
    findings = list(sheet.findings.findings)
    if overrides or budget_override is not None:
        budget_final = budget_override if budget_override is not None else sheet.budget.score
        counted = [
            finals[i]
            for i, s in enumerate(sheet.indicators)
            if s.status != "not_applicable" and s.result.indicator.parent is None
        ]
        parts = [budget_final, *counted]
        total = sum((p for p in parts if p is not None), Decimal(0)) if all(p is not None for p in parts) else None
        grade = settings.grade_of(total) if total is not None else None
        written = {i: v for i, v in finals.items() if v is not None}
        audited, _ = build(entries, table, written, budget_final, total, grade, published=True)
        findings = list(score(audited, profile).findings.findings)
    by_name: dict[str, list[Finding]] = {}
    for finding in findings:
        where = finding.location.indicator if finding.location else None
        if where:
            by_name.setdefault(where, []).append(finding)
    rows = []
    blocking = [p.message if p.indicator is None else f"第 {p.indicator + 1} 行：{p.message}" for p in problems]
    for index, (indicator, entry, scored) in enumerate(
        zip(table.indicators, entries["indicators"], sheet.indicators, strict=True)
    ):
        override = overrides.get(index)
        if override is not None and not entry["reason"]:
            blocking.append(f"指标“{indicator.name}”的得分改为 {decimal_text(override)}，请填写改分理由")
        target = indicator.target
        rows.append(
            Row(
                index,
                indicator.name,
                target.text if target else "",
                target is not None and target.kind in JUDGED_KINDS,
                entry,
                scored,
                override,
                finals[index],
                by_name.get(indicator.name, []),
            )
        )
    if budget_override is not None and not entries["budget"]["reason"]:
        blocking.append(f"预算执行得分改为 {decimal_text(budget_override)}，请填写改分理由")
    tiers = [(tier.judgement.value, _tier_words(tier.low, tier.high, tier.default)) for tier in settings.tiers]
    return Evaluation(entries, table, sheet, rows, budget_override, total, grade, findings, problems, blocking, tiers)


def _tier_words(low: Decimal, high: Decimal, default: Decimal) -> str:
    def pct(value: Decimal) -> str:
        return f"{decimal_text((value * 100).normalize())}%"

    return f"得分比例 {pct(low)}–{pct(high)}，默认 {pct(default)}"


def profile_of(report: RoundReport) -> str:
    return reports.profile_of(report)


def evaluation(report: RoundReport, data: dict[str, Any] | None = None) -> Evaluation:
    """jixiao's scores of ``report``'s entries (or of ``data``, typed but not saved)."""
    return evaluate(report.data if data is None else data, report.version.data, profile_of(report))


def refresh(report: RoundReport) -> None:
    """Keep the total, grade and counts on the report, for the lists (the caller saves it)."""
    result = evaluation(report)
    report.data = result.data
    report.total = result.total.quantize(HUNDREDTH) if result.total is not None else None
    report.grade = result.grade or ""
    report.override_count = result.override_count
    errors = sum(1 for f in result.findings if f.severity.value == "error")
    report.error_count = errors + len(result.problems)
    report.warning_count = sum(1 for f in result.findings if f.severity.value == "warning")


def get(record: TableRecord, filing_round: FilingRound, *, actor: User) -> RoundReport:
    """The unit's self-evaluation of ``record`` for ``filing_round``, started (blank) the first time."""
    return reports.start(record, filing_round, actor=actor, blank=lambda v: empty_data(v.data), refresh=refresh)


def save(report: RoundReport, *, actor: User, data: dict[str, Any], revision: int, comment: str = "") -> Evaluation:
    """Save the unit's entries (seen at ``revision``) and return the scores, total, grade and findings now."""
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
    """Submit to the round's first review; refused while an override has no reason or a cell cannot be read."""
    reports.submit(report, actor=actor, revision=revision, comment=comment, blocking=lambda r: evaluation(r).blocking)


def entries_from(selfeval: SelfEvaluation, version_data: dict[str, Any]) -> dict[str, Any]:
    """The entries a filled 自评表 gives for the target version: each indicator's actual value, judgement, deviation
    and (as the unit's own score) its published score, matched by name, else by position."""
    by_name = {normalize(result.name): result for result in selfeval.results}
    rows: list[dict[str, str]] = []
    for index, row in enumerate(version_data.get("indicators", [])):
        result = by_name.get(normalize(row.get("name", "")))
        if (
            result is None
            and index < len(selfeval.results)
            and len(selfeval.results) == len(version_data.get("indicators", []))
        ):
            result = selfeval.results[index]
        if result is None:
            rows.append({})
            continue
        rows.append(
            {
                "actual": result.actual.text if result.actual else "",
                "judgement": result.judgement.value if result.judgement else "",
                "score": reports.entry_text(result.score),
                "deviation": result.deviation or "",
                "block": result.block or "",
                "block_points": reports.entry_text(result.block_points),
            }
        )
    money = selfeval.budget
    budget = {
        "full_year": reports.entry_text(money.full_year),
        "adjusted": reports.entry_text(money.adjusted),
        "initial": reports.entry_text(money.initial),
        "executed": reports.entry_text(money.executed),
        "weight": reports.entry_text(money.weight),
        "score": reports.entry_text(money.score),
        "reason": money.reason or "",
    }
    data = {
        "budget": budget,
        "indicators": rows,
        "goal_actual": selfeval.goal_actual or "",
        "deviation": selfeval.deviation or "",
        "indicator_points": reports.entry_text(selfeval.indicator_points),
    }
    return cleaned(data, version_data)


def read_file(name: str, content: bytes) -> list[SelfEvaluation]:
    """The self-evaluations in an uploaded 自评表 (any format jixiao reads); :class:`JixiaoError` when none."""
    suffix = Path(name).suffix.lower() or ".bin"
    with on_disk(content, suffix) as path:
        try:
            return read_selfevals(path)
        except JixiaoError as error:
            raise JixiaoError(str(error).replace(str(path), name)) from None


def unfitted(read: SelfEvaluation, version_data: dict[str, Any]) -> list[str]:
    """What of a filled 自评表 does not fit the target version, as :func:`entries_from` matches them: its
    indicators not in the table, the table's it leaves out, those read by position under another name."""
    targets = [row.get("name", "") for row in version_data.get("indicators", [])]
    by_position = len(read.results) == len(targets)
    in_file = {normalize(result.name) for result in read.results}
    in_table = {normalize(name) for name in targets}
    notes = []
    for index, name in enumerate(targets):
        if normalize(name) in in_file:
            continue
        if by_position:
            notes.append(f"目标表的指标“{name}”在文件中没有同名指标，按位置读入了“{read.results[index].name}”，请核对")
        else:
            notes.append(f"目标表的指标“{name}”在文件中没有找到，未填写")
    if not by_position:
        notes += [
            f"文件中的指标“{r.name}”不在目标表中，未读入" for r in read.results if normalize(r.name) not in in_table
        ]
    return notes


def fill_from(report: RoundReport, read: SelfEvaluation, *, actor: User, source: UploadedFile) -> list[str]:
    """The entries of a filled 自评表 saved into ``report`` (a draft or returned one), its file kept as the source;
    what did not fit, for the person who uploaded it."""
    data = entries_from(read, report.version.data)
    save(report, actor=actor, data=data, revision=report.revision, comment=f"上传自评表：{source.name}")
    RoundReport.objects.filter(pk=report.pk).update(source_file=source)
    notes = unfitted(read, report.version.data)
    table, _problems = table_from_data(report.version.data)
    if note := full_year_note(read.budget, table, file_kept=True):
        notes.append(note)
    return notes


def matching_table(unit_tables: QuerySet[TableRecord], read: SelfEvaluation) -> TableRecord | None:
    """The unit's table the 自评表 reports on: the one of the same project name; a 自评表 that names no project
    goes to the unit's only table."""
    wanted = normalize(read.project_name or "")
    tables = [r for r in unit_tables[:1000] if (v := reports.target_version(r)) and not deptdata.is_department(v.data)]
    for record in tables:
        if wanted and normalize(record.project_name) == wanted:
            return record
    return tables[0] if not wanted and len(tables) == 1 else None
