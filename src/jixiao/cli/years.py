"""`jixiao diff LAST THIS` and `jixiao history FILE...`: indicators across years, and the cross-year rules (JX-Y).

Exit codes as for review: 0 when no cross-year finding is an error or a warning, 1 when one is, 2 on a usage or
input error. Changes alone are not findings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import InputError, JixiaoError
from ..findings import Finding, Report
from ..jsonout import dumps, target_dict
from ..review.document import finding_dict
from ..years import Change, Decisions, History, accept, break_link, check_history, load_decisions, save_decisions
from ..years.history import documents, histories, table_of
from ..years.links import Link, Ref
from ..years.pairs import Comparison, compare_documents, pair_documents
from .common import OutputFormat, fail

_FORMAT = Annotated[OutputFormat, typer.Option("--format", "-f", help="输出格式")]
_PROFILE = Annotated[str, typer.Option("--profile", "-p", help="配置名称或 YAML 文件路径")]
_LINKS = Annotated[
    Path | None, typer.Option("--links", help="指标关联决定文件（JSON）：人工确认或拆开的关联，--accept/--break 写入它")
]
_ORDER = (Change.TIGHTENED, Change.LOOSENED, Change.CHANGED, Change.ADDED, Change.REMOVED, Change.UNCHANGED)


def _pair(text: str) -> tuple[str, str]:
    earlier, separator, later = text.partition("=")
    if not separator or not earlier.strip() or not later.strip():
        raise InputError(f"“{text}”应写成 上年指标名称=本年指标名称")
    return earlier.strip(), later.strip()


def _decide(comparison: Comparison, decisions: Decisions, accepted: list[str], broken: list[str]) -> Decisions:
    earlier_names = {i.name for i in comparison.earlier.indicators}
    later_names = {i.name for i in comparison.later.indicators}
    for texts, decide in ((accepted, accept), (broken, break_link)):
        for text in texts:
            a, b = _pair(text)
            if a not in earlier_names or b not in later_names:
                raise InputError(f"“{text}”：上年表中要有“{a}”，本年表中要有“{b}”")
            link = Link(Ref(comparison.earlier.year, a), Ref(comparison.later.year, b), 1.0)
            decisions = decide(decisions, comparison.history.project, link)
    return decisions


def diff(
    last: Annotated[Path, typer.Argument(help="上一年的目标表或自评表（或同一年公布的目标表）")],
    this: Annotated[Path, typer.Argument(help="这一年的目标表或自评表（或同一年的自评表）")],
    links: _LINKS = None,
    accepted: Annotated[
        list[str] | None, typer.Option("--accept", help="确认关联：上年名称=本年名称（写入 --links 文件）")
    ] = None,
    broken: Annotated[list[str] | None, typer.Option("--break", help="拆开关联：上年名称=本年名称")] = None,
    profile: _PROFILE = "national",
    format: _FORMAT = OutputFormat.text,
) -> None:
    """比较两年的表：新增、删除、提高、降低、改动和未变的指标，以及跨年度审核发现。"""
    try:
        decisions = load_decisions(links) if links else Decisions()
        pairs, lonely_last, lonely_this = pair_documents(documents(last), documents(this))
        if not pairs:
            raise InputError(f"{last} 和 {this} 中没有同一单位、同一项目的表")
        comparisons = [compare_documents(a, b, decisions) for a, b in pairs]
        if accepted or broken:
            if links is None:
                raise InputError("--accept/--break 需要 --links 文件来保存决定")
            if len(comparisons) != 1:
                raise InputError("文件中有多个项目：--accept/--break 只能用于各有一个项目的两个文件")
            decisions = _decide(comparisons[0], decisions, accepted or [], broken or [])
            save_decisions(links, decisions)
            comparisons = [compare_documents(a, b, decisions) for a, b in pairs]
        reports = [check_history(c.history, profile) for c in comparisons]
    except JixiaoError as error:
        fail(error)
    if format is OutputFormat.json:
        typer.echo(dumps({"projects": [_comparison_dict(c, r) for c, r in zip(comparisons, reports, strict=True)],
                          "unpaired": [table_of(d).project_name for d in (*lonely_last, *lonely_this)]}))  # fmt: skip
    else:
        for comparison, report in zip(comparisons, reports, strict=True):
            _print_comparison(comparison, report)
        for document in (*lonely_last, *lonely_this):
            typer.echo(f"未配对：{table_of(document).project_name or '（无项目名称）'}")
    _exit(reports)


def _exit(reports: list[Report]) -> None:
    if any(report.errors or report.warnings for report in reports):
        raise typer.Exit(1)


def _target_text(line_target: Any) -> str:
    return line_target.text if line_target is not None else "—"


def _print_comparison(comparison: Comparison, report: Report) -> None:
    earlier, later = comparison.earlier, comparison.later
    typer.echo(f"== {later.table.project_name or '（无项目名称）'}：{earlier.name} → {later.name}")
    for change in _ORDER:
        lines = [line for line in comparison.lines if line.change is change]
        if not lines:
            continue
        typer.echo(f"{change.label}（{len(lines)}）：")
        for line in lines:
            before = _target_text(line.earlier.target) if line.earlier else ""
            after = _target_text(line.later.target) if line.later else ""
            if change is Change.ADDED:
                typer.echo(f"  {line.name}  {after}")
            elif change is Change.REMOVED or (change is Change.UNCHANGED and not line.renamed):
                typer.echo(f"  {line.name}  {before}")
            else:
                renamed = f"（上年：{line.earlier.name}，相似度 {line.score}）" if line.renamed and line.earlier else ""
                typer.echo(f"  {line.name}  {before} → {after}{renamed}")
    _print_findings(report.findings)


def _print_findings(findings: tuple[Finding, ...]) -> None:
    if not findings:
        typer.echo("跨年度审核：未发现问题。")
        return
    typer.echo("跨年度审核：")
    for finding in findings:
        row = f"  第{finding.location.row}行" if finding.location.row else ""
        typer.echo(f"  {finding.severity.label} {finding.code} {finding.title}{row}")
        typer.echo(f"      {finding.message}")


def _line_dict(comparison: Comparison) -> list[dict[str, Any]]:
    return [
        {
            "change": line.change.value,
            "name": line.name,
            "earlier": None
            if line.earlier is None
            else {"name": line.earlier.name, "target": target_dict(line.earlier.target)},
            "later": None
            if line.later is None
            else {"name": line.later.name, "target": target_dict(line.later.target)},
            "score": line.score,
            "identity": comparison.history.identity_of(
                comparison.later.year if line.later else comparison.earlier.year, line.name
            ),
        }
        for line in comparison.lines
    ]


def _comparison_dict(comparison: Comparison, report: Report) -> dict[str, Any]:
    return {
        "project_name": comparison.later.table.project_name,
        "earlier": comparison.earlier.name,
        "later": comparison.later.name,
        "indicators": _line_dict(comparison),
        "findings": [finding_dict(f) for f in report.findings],
    }


def _documents_with_years(files: list[Path]) -> list[tuple[int, Any]]:
    found = []
    for file in files:
        for document in documents(file):
            table = table_of(document)
            if table.year is None:
                why = "表中没有写明年度（如标题“2024年度项目支出绩效目标表”）：跨年度比较需要年度"
                raise InputError(why, file=file, row=table.source_row)
            found.append((table.year, document))
    return found


def history(
    files: Annotated[list[Path], typer.Argument(help="同一单位各年的目标表和自评表（每张表须写明年度）")],
    links: _LINKS = None,
    profile: _PROFILE = "national",
    format: _FORMAT = OutputFormat.text,
) -> None:
    """各年的表放在一起：每个指标跨年度的身份（关联）、各年指标值和实际值，以及跨年度审核发现。"""
    try:
        decisions = load_decisions(links) if links else Decisions()
        projects = histories(_documents_with_years(files), decisions)
        reports = [check_history(project, profile) for project in projects]
    except JixiaoError as error:
        fail(error)
    if format is OutputFormat.json:
        typer.echo(dumps({"projects": [_history_dict(p, r) for p, r in zip(projects, reports, strict=True)]}))
    else:
        for project, report in zip(projects, reports, strict=True):
            years = "、".join(year.name for year in project.years)
            typer.echo(f"== {project.project_name or '（无项目名称）'}（{years}）")
            for lineage in project.lineages:
                steps = "；".join(
                    f"{s.year.name} {s.indicator.name} {_target_text(s.indicator.target)}"
                    + (f"，实际 {s.result.actual.text}" if s.result and s.result.actual else "")
                    for s in lineage.steps
                )
                typer.echo(f"  [{lineage.identity}] {steps}")
            _print_findings(report.findings)
    _exit(reports)


def _history_dict(project: History, report: Report) -> dict[str, Any]:
    return {
        "project_name": project.project_name,
        "years": [year.year for year in project.years],
        "indicators": [
            {
                "identity": lineage.identity,
                "years": [
                    {
                        "year": s.year.year,
                        "name": s.indicator.name,
                        "target": target_dict(s.indicator.target),
                        "actual": target_dict(s.result.actual) if s.result else None,
                    }
                    for s in lineage.steps
                ],
            }
            for lineage in project.lineages
        ],
        "findings": [finding_dict(f) for f in report.findings],
    }
