"""绩效运行监控 (双监控) in the web: the unit's entries on an approved 目标表, its lights, forecast and findings.

The entries (``RoundReport.data``), as typed::

    {"budget": {"executed": "120", "forecast": "300", "reason": "", "measures": ""},
     "indicators": [{"name": "…", "to_date": "1200人", "forecast": "2400人", "likelihood": "有可能",
                     "reason": "…", "measures": "…"}, …]}

one indicator entry per indicator of the target version, in its order. The period is the round's (1-6月 → data to
the end of June); the budget's denominator is the table's 年度资金总额. :func:`evaluate` turns the entries into a
:class:`~jixiao.scoring.MonitorSheet` (jixiao's lights, forecast score and JX-K findings) and says what blocks a
submission: a red light (the budget's or an indicator's) without a deviation reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from jixiao.errors import JixiaoError
from jixiao.findings import Finding
from jixiao.model import TargetTable
from jixiao.model_selfeval import Budget, Likelihood, MonitoredIndicator, MonitoringReport
from jixiao.recognize.parts import parse_actual
from jixiao.scoring import MonitorSheet, monitor
from jixiao.scoring.monitor import IndicatorWatch, Light
from jixiao.scoring.reading import read_monitoring
from jixiao.values import normalize

from ..models import FilingRound, RoundReport, TableRecord, UploadedFile
from . import deptdata, reports
from .budgetnote import full_year_note
from .scratch import on_disk
from .tabledata import InputProblem, read_number, table_from_data

if TYPE_CHECKING:
    from ..accounts import User

LIKELIHOODS = tuple(item.value for item in Likelihood)
INDICATOR_ENTRIES = ("to_date", "forecast", "likelihood", "reason", "measures")
BUDGET_ENTRIES = ("executed", "forecast", "reason", "measures")
_LAST_MONTH = re.compile(r"(\d{1,2})\s*月?\s*$")


def month_of(period: str) -> int | None:
    """The month a period ends with: 1-6月 → 6, 1—8月 → 8; None when it names none."""
    found = _LAST_MONTH.search(period.strip())
    if not found:
        return None
    month = int(found.group(1))
    return month if 1 <= month <= 12 else None


def empty_data(version_data: dict[str, Any]) -> dict[str, Any]:
    """Blank entries for each indicator of the target version."""
    return {
        "budget": dict.fromkeys(BUDGET_ENTRIES, ""),
        "indicators": [
            {"name": row.get("name", ""), **dict.fromkeys(INDICATOR_ENTRIES, "")}
            for row in version_data.get("indicators", [])
        ],
    }


def cleaned(data: dict[str, Any], version_data: dict[str, Any]) -> dict[str, Any]:
    """``data`` cut to the known entries, one per indicator of the target version, every value a stripped text."""
    given = data.get("indicators") or []
    budget = data.get("budget") or {}
    rows = []
    for index, row in enumerate(version_data.get("indicators", [])):
        entry = given[index] if index < len(given) and isinstance(given[index], dict) else {}
        rows.append({"name": row.get("name", ""), **{k: str(entry.get(k) or "").strip() for k in INDICATOR_ENTRIES}})
    return {"budget": {k: str(budget.get(k) or "").strip() for k in BUDGET_ENTRIES}, "indicators": rows}


@dataclass(frozen=True)
class Row:
    """One indicator as the page shows it: the target, what the unit typed, jixiao's light and progress."""

    index: int
    name: str
    target: str
    entry: dict[str, str]
    watch: IndicatorWatch | None
    needs_reason: bool  # a red light and no deviation reason yet

    @property
    def light(self) -> Light | None:
        return self.watch.light if self.watch else None


@dataclass(frozen=True)
class Evaluation:
    """A monitoring report's entries with what jixiao makes of them."""

    data: dict[str, Any]
    table: TargetTable
    month: int | None
    sheet: MonitorSheet | None  # None while a cell cannot be read
    rows: list[Row]
    problems: list[InputProblem] = field(default_factory=list)  # cells that are not numbers / not a likelihood
    blocking: list[str] = field(default_factory=list)  # what must change before submission

    @property
    def findings(self) -> list[Finding]:
        return list(self.sheet.findings.findings) if self.sheet else []

    @property
    def budget_light(self) -> Light | None:
        return self.sheet.budget_light if self.sheet else None

    def count(self, light: Light) -> int:
        lights = [self.budget_light, *(row.light for row in self.rows)]
        return sum(1 for lit in lights if lit is light)


def build(data: dict[str, Any], table: TargetTable, month: int | None) -> tuple[MonitoringReport, list[InputProblem]]:
    """The core model of the entries on ``table`` to the end of ``month``, and the cells that could not be read."""
    problems: list[InputProblem] = []
    budget = data.get("budget") or {}
    executed = read_number(budget.get("executed", ""), "budget.executed", problems)
    forecast = read_number(budget.get("forecast", ""), "budget.forecast", problems)
    items = []
    entries = data.get("indicators") or []
    for index, indicator in enumerate(table.indicators):
        entry = entries[index] if index < len(entries) else {}
        likelihood_text = (entry.get("likelihood") or "").strip()
        if likelihood_text and likelihood_text not in LIKELIHOODS:
            problems.append(
                InputProblem("likelihood", likelihood_text, "完成目标可能性应为 确定能/有可能/完全不可能", index)
            )
            likelihood_text = ""
        reason = (entry.get("reason") or "").strip()
        items.append(
            MonitoredIndicator(
                indicator,
                to_date=parse_actual(entry.get("to_date") or None, indicator.name),
                forecast=parse_actual(entry.get("forecast") or None, indicator.name),
                likelihood=Likelihood(likelihood_text) if likelihood_text else None,
                likelihood_text=likelihood_text or None,
                deviation=reason or None,
                measures=(entry.get("measures") or "").strip() or None,
            )
        )
    money = Budget(
        full_year=table.funding.total,
        executed=executed,
        forecast=forecast,
        reason=(budget.get("reason") or "").strip() or None,
        unit=table.funding.unit,
        month=month,
    )
    suggestions = (budget.get("measures") or "").strip() or None  # the budget's 纠偏措施: the table's 相关建议或举措
    report = MonitoringReport(table=table, budget=money, indicators=tuple(items), month=month, suggestions=suggestions)
    return report, problems


def evaluate(data: dict[str, Any], version_data: dict[str, Any], period: str, profile: str) -> Evaluation:
    """Lights, forecast score, JX-K findings and blocking problems for ``data`` on the target ``version_data``."""
    entries = cleaned(data, version_data)
    table, _target_problems = table_from_data(version_data)
    month = month_of(period)
    model, problems = build(entries, table, month)
    sheet = monitor(model, profile)
    watches = sheet.indicators
    rows = []
    blocking = [p.message if p.indicator is None else f"第 {p.indicator + 1} 行：{p.message}" for p in problems]
    budget_reason = entries["budget"]["reason"]
    if sheet.budget_light is Light.RED and not budget_reason:
        blocking.append(
            f"预算执行为红灯（执行率 {_percent(sheet.rate)}，按时间进度应达 {_percent(sheet.expected)}），"
            "请填写偏差原因"
        )
    for index, (indicator, entry) in enumerate(zip(table.indicators, entries["indicators"], strict=True)):
        watch = watches[index] if index < len(watches) else None
        needs = watch is not None and watch.light is Light.RED and not entry["reason"]
        if needs:
            blocking.append(f"指标“{indicator.name}”为红灯，请填写偏差原因")
        target = indicator.target.text if indicator.target else ""
        rows.append(Row(index, indicator.name, target, entry, watch, needs))
    return Evaluation(entries, table, month, sheet, rows, problems, blocking)


def _percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{value.quantize(Decimal('0.01'))}%"


def profile_of(report: RoundReport) -> str:
    return reports.profile_of(report)


def evaluation(report: RoundReport, data: dict[str, Any] | None = None) -> Evaluation:
    """What jixiao makes of ``report``'s entries (or of ``data``, typed but not saved)."""
    return evaluate(report.data if data is None else data, report.version.data, report.round.period, profile_of(report))


def forecast_gap(result: Evaluation) -> str:
    """Why there is no forecast score yet ("" when there is one), short enough for a list's cell: what the unit has
    still to enter."""
    sheet = result.sheet
    if sheet is not None and sheet.forecast_total is not None:
        return ""
    entries = result.data
    typed = any(entries["budget"].values()) or any(row[k] for row in entries["indicators"] for k in INDICATOR_ENTRIES)
    if not typed:
        return "未填报"
    if result.problems or sheet is None:
        return "有填写内容无法识别"
    if not sheet.denominator:
        return "目标表无预算数"
    if sheet.forecast_execution is None:
        return "未填执行数"  # neither 1-N月执行数 nor 全年预计执行数
    missing = [watch for watch in sheet.indicators if watch.weight is not None and watch.forecast_share is None]
    if missing:  # neither a 全年预计完成值 that can be scored nor a 完成目标可能性
        return f"{len(missing)} 个指标未填预计"
    return "无法计算"


def refresh(report: RoundReport) -> None:
    """Keep the lights, forecast and counts on the report, for the lists (the caller saves it)."""
    result = evaluation(report)
    report.data = result.data
    report.budget_light = result.budget_light.value if result.budget_light else ""
    report.red_count = result.count(Light.RED)
    report.yellow_count = result.count(Light.YELLOW)
    report.green_count = result.count(Light.GREEN)
    sheet = result.sheet
    report.total = (
        sheet.forecast_total.quantize(Decimal("0.01")) if sheet and sheet.forecast_total is not None else None
    )
    report.grade = (sheet.forecast_grade or "") if sheet else ""
    report.forecast_gap = forecast_gap(result)
    counts = sheet.findings.counts() if sheet else {}
    report.error_count = counts.get("error", 0) + len(result.problems)
    report.warning_count = counts.get("warning", 0)


def get(record: TableRecord, filing_round: FilingRound, *, actor: User) -> RoundReport:
    """The unit's monitoring report on ``record`` for ``filing_round``, started (blank) the first time."""
    return reports.start(record, filing_round, actor=actor, blank=lambda v: empty_data(v.data), refresh=refresh)


def save(report: RoundReport, *, actor: User, data: dict[str, Any], revision: int, comment: str = "") -> Evaluation:
    """Save the unit's entries (seen at ``revision``) and return the lights, forecast and findings now."""
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
    """Submit to the round's first review; refused while a red light has no deviation reason."""
    reports.submit(report, actor=actor, revision=revision, comment=comment, blocking=lambda r: evaluation(r).blocking)


def entries_from(read: MonitoringReport, version_data: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The entries a filled 监控表 gives for the target version — each indicator's value to date, forecast,
    likelihood, deviation reason and measures, matched by name (by position only when the names are the same
    count and none matches) — and what did not fit: the file's indicators that are not the table's, the table's
    that the file leaves out, a period other than the round's."""
    targets = [row.get("name", "") for row in version_data.get("indicators", [])]
    by_name = {normalize(item.name): item for item in read.indicators}
    matched = [by_name.get(normalize(name)) for name in targets]
    if not any(matched) and len(read.indicators) == len(targets):
        matched = list(read.indicators)
    rows = [
        {
            "to_date": item.to_date.text if item.to_date else "",
            "forecast": item.forecast.text if item.forecast else "",
            "likelihood": item.likelihood.value if item.likelihood else "",
            "reason": item.deviation or "",
            "measures": item.measures or "",
        }
        if item is not None
        else {}
        for item in matched
    ]
    used = {id(item) for item in matched if item is not None}
    notes = [f"文件中的指标“{item.name}”不在目标表中，未读入" for item in read.indicators if id(item) not in used]
    notes += [
        f"目标表的指标“{name}”在文件中没有找到，未填写"
        for name, item in zip(targets, matched, strict=True)
        if item is None
    ]
    money = read.budget
    budget = {
        "executed": reports.entry_text(money.executed),
        "forecast": reports.entry_text(money.forecast),
        "reason": money.reason or "",
        "measures": read.suggestions or "",
    }
    return cleaned({"budget": budget, "indicators": rows}, version_data), notes


def read_file(name: str, content: bytes) -> list[MonitoringReport]:
    """The 监控表 in an uploaded file (any format jixiao reads); :class:`JixiaoError` when there is none."""
    suffix = Path(name).suffix.lower() or ".bin"
    with on_disk(content, suffix) as path:
        try:
            return read_monitoring(path)
        except JixiaoError as error:
            raise JixiaoError(str(error).replace(str(path), name)) from None


def fill_from(report: RoundReport, read: MonitoringReport, *, actor: User, source: UploadedFile) -> list[str]:
    """The entries of a filled 监控表 saved into ``report`` (a draft or returned one), its file kept as the source;
    what did not fit, for the person who uploaded it."""
    data, notes = entries_from(read, report.version.data)
    expected = month_of(report.round.period)
    if read.month is not None and expected is not None and read.month != expected:
        notes.append(f"文件是 1-{read.month}月 的监控数据，本次任务是{report.round.period}，请核对执行数和完成值")
    table, _problems = table_from_data(report.version.data)
    if note := full_year_note(read.budget, table, file_kept=False):
        notes.append(note)
    save(report, actor=actor, data=data, revision=report.revision, comment=f"上传监控表：{source.name}")
    RoundReport.objects.filter(pk=report.pk).update(source_file=source)
    return notes


def matching_table(unit_tables: QuerySet[TableRecord], read: MonitoringReport) -> TableRecord | None:
    """The unit's project table the 监控表 reports on: the one of the same project name; a 监控表 that names no
    project goes to the unit's only project table."""
    wanted = normalize(read.project_name or "")
    tables = [r for r in unit_tables[:1000] if (v := reports.target_version(r)) and not deptdata.is_department(v.data)]
    for record in tables:
        if wanted and normalize(record.project_name) == wanted:
            return record
    return tables[0] if not wanted and len(tables) == 1 else None
