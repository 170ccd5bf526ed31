"""`jixiao score FILE...`: recompute self-evaluations under a profile and audit the published scores."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ..errors import JixiaoError, LayoutError
from ..findings import Finding, Severity
from ..jsonout import dumps
from ..model_department import DepartmentKind
from ..model_selfeval import SelfEvaluation
from ..reading import read
from ..scoring import ScoreSheet, score
from ..scoring.actuals import pair_tables, read_actuals
from ..scoring.detect import detect_profiles
from ..scoring.jsonout import score_document
from ..scoring.reading import read_selfevals
from ..scoring.rules.common import num, percent
from .common import OutputFormat, fail
from .department import departments_in, render_department_sheet, scored, sheet_dict

AUTO = "auto"


def score_command(
    files: Annotated[list[Path], typer.Argument(help="自评表文件；与 --actuals 同用时为目标表文件")],
    profile: Annotated[
        str, typer.Option("--profile", "-p", help="配置名称或 YAML 路径；auto 按表中的地区或报表编号选择")
    ] = AUTO,
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="输出格式")] = OutputFormat.text,
    actuals: Annotated[
        Path | None, typer.Option("--actuals", "-a", help="实际完成值文件（.csv 或 .json），对目标表直接评分")
    ] = None,
) -> None:
    """按评分规则重新计算自评得分，并与公布的得分、总分和等级核对。有错误或警告时退出码为 1。"""
    try:
        departments = [] if actuals else [d for file in files for d in departments_in(file)]
        if departments and not any(d.kind is DepartmentKind.SELFEVAL for d in departments):
            raise LayoutError("部门整体支出绩效目标表没有自评得分，无法评分；请给出部门整体支出绩效自评表（评分表）")
        project_files = [file for file in files if actuals or not departments_in(file)]
        selfevals = _selfevals(project_files, actuals) if project_files else []
        profiles = _profiles(selfevals, profile)
        sheets = [score(selfeval, name) for selfeval, name in zip(selfevals, profiles, strict=True)]
        department_sheets = scored([d for d in departments if d.kind is DepartmentKind.SELFEVAL], profile)
    except JixiaoError as error:
        fail(error)
    if format is OutputFormat.json:
        document = score_document(sheets)
        document["tables"].extend(sheet_dict(sheet) for sheet in department_sheets)
        typer.echo(dumps(document))
    else:
        console = Console()
        for sheet in sheets:
            render_sheet(console, sheet)
        for department_sheet in department_sheets:
            render_department_sheet(console, department_sheet)
    findings = [f for sheet in sheets for f in sheet.findings.findings]
    findings += [f for sheet in department_sheets for f in sheet.findings.findings]
    if any(f.severity is not Severity.INFO for f in findings):
        raise typer.Exit(1)


def _selfevals(files: list[Path], actuals: Path | None) -> list[SelfEvaluation]:
    if actuals is None:
        return [selfeval for file in files for selfeval in read_selfevals(file)]
    given = read_actuals(actuals)
    tables = [table for file in files for table in read(file)]
    return pair_tables(tables, given, str(actuals))


def _profiles(selfevals: list[SelfEvaluation], profile: str) -> list[str]:
    if profile != AUTO:
        return [profile] * len(selfevals)
    return detect_profiles([(selfeval.table, selfeval.form_code) for selfeval in selfevals])


def render_sheet(console: Console, sheet: ScoreSheet) -> None:
    budget = sheet.budget
    console.rule(f"[bold]{sheet.project_name or '（无项目名称）'}[/]  配置：{sheet.profile}")
    console.print(
        f"预算执行：{budget.denominator_label} {num(budget.denominator)}  执行数 {num(budget.executed)}"
        f"（{budget.unit}）  执行率 {percent(budget.rate)}  分值 {num(budget.weight)}"
        f"  得分 {num(budget.score)}" + (f"  公布 {num(budget.published_score)}" if sheet.selfeval.published else "")
    )
    published_column = sheet.selfeval.published  # an actuals file publishes no scores
    grid = Table(header_style="bold")
    for label in ("三级指标", "指标值", "实际完成值", "分值", "得分", "公布得分", "适用规则"):
        if label == "公布得分" and not published_column:
            continue
        numeric = label in ("分值", "得分", "公布得分")
        grid.add_column(label, no_wrap=numeric, justify="right" if numeric else "left", overflow="fold")
    for item in sheet.indicators:
        weight = num(item.weight) + ("*" if item.weight_inferred else "")
        shown = [num(item.published_score) if item.published_score is not None else ""]
        grid.add_row(
            item.name,
            item.target.text if item.target else "",
            item.actual.text if item.actual else "",
            weight,
            num(item.score) if item.score is not None else "—",
            *(shown if published_column else []),
            item.rule,
        )
    console.print(grid)
    if any(item.weight_inferred for item in sheet.indicators):
        console.print("* 表中未列分值，按所在板块（或指标总分）平均推定")
    total = num(sheet.total) if sheet.total is not None else f"无法算全（已算部分 {num(sheet.scored_total)}）"
    published = f"    公布总分 {num(sheet.published_total)}  公布等级 {sheet.published_grade or '—'}"
    console.print(f"总分 {total}  等级 {sheet.grade or '—'}" + (published if sheet.selfeval.published else ""))
    for finding in sheet.findings.findings:
        console.print(format_finding(finding))


def format_finding(finding: Finding) -> str:
    where = f"第{finding.location.row}行 " if finding.location.row else ""
    return f"  {finding.code} [{finding.severity.label}] {where}{finding.title}：{finding.message}"
