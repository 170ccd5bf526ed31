"""`jixiao parse FILE...`: read target tables and print them (text or JSON).

A scan is read by OCR. Its doubtful and repaired cells are reading notes that a person must confirm; until they are,
``parse`` prints the table with its notes and exits with 1 (as a command with findings does), so that a script never
takes an unconfirmed value for a clean one. ``--confirm`` asks for each at the terminal (Enter keeps the suggested
reading, or type what the scan says) and exits with 0 once all are settled. Progress page by page goes to standard
error when it is a terminal, or with ``--progress``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from ..errors import JixiaoError
from ..fields import BY_NAME
from ..grid import Grid
from ..io.ocr.confirm import Correction, apply_corrections, doubts, unconfirmed
from ..jsonout import dumps, parse_document
from ..model import Indicator, Kind, Operator, Target, TargetTable, UnitSource
from ..model_department import DepartmentTable
from ..reading import read_grids, tables_in
from .common import OutputFormat, fail
from .department import department_document, render_department, split_departments
from .progress import PageProgress

_SYMBOL = {Operator.GE: "≥", Operator.GT: ">", Operator.EQ: "=", Operator.LE: "≤", Operator.LT: "<"}


def parse(
    files: Annotated[list[Path], typer.Argument(help="目标表文件（文本、Excel、Word、PDF、HTML、扫描件或图片）")],
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="输出格式")] = OutputFormat.text,
    confirm: Annotated[
        bool, typer.Option("--confirm", help="逐个确认或改正扫描件里识别把握不大的单元格（在终端里回答）")
    ] = False,
    progress: Annotated[
        bool | None,
        typer.Option("--progress/--no-progress", help="在标准错误输出上显示扫描件逐页识别的进度（默认：终端里显示）"),
    ] = None,
    explain: Annotated[bool, typer.Option("--explain", help="说明指标表头的每一列按什么读、为什么")] = False,
) -> None:
    """读取目标表并输出其内容；扫描件里需要核对的单元格未经确认时退出码为 1。"""
    tables: list[TargetTable] = []
    departments: list[DepartmentTable] = []
    with PageProgress(sys.stderr.isatty() if progress is None else progress) as pages:
        for file in files:
            try:
                grids = read_grids(file, progress=pages.reporter(file))
                if confirm:
                    grids = [confirmed(grid) for grid in grids]
                found, grids = split_departments(grids)
                departments.extend(found)
                if grids or not found:
                    tables.extend(tables_in(grids))
            except JixiaoError as error:
                fail(error)
    if format is OutputFormat.json:
        document = parse_document(tables)
        document["tables"].extend(department_document(departments))  # each with its kind: dept-target, dept-selfeval
        typer.echo(dumps(document))
    else:
        console = Console(highlight=False)
        for table in tables:
            render_table(console, table)
            if explain:
                render_columns(console, table)
        for department in departments:
            render_department(console, department)
    pending = sum(len(unconfirmed(table.notes)) for table in tables)
    if pending:
        typer.echo(f"有 {pending} 处识别结果需要核对（见“读取说明”）：核对后用 --confirm 逐个确认或改正", err=True)
        raise typer.Exit(1)


def confirmed(grid: Grid) -> Grid:
    """``grid`` with each doubtful cell confirmed or corrected by the person at the terminal."""
    corrections = []
    for doubt in doubts(grid):
        note = doubt.note
        typer.echo(f"请核对 {note}", err=True)
        keep = note.suggestion if note.suggestion is not None else doubt.cell.text
        answer = typer.prompt(f"  回车采用“{keep}”，或输入原件上的内容", default=keep, show_default=False, err=True)
        corrections.append(Correction(doubt.cell.row, doubt.cell.column, answer))
    return apply_corrections(grid, corrections)


def describe(target: Target | None) -> str:
    """How jixiao understood a cell: ≥ 100000 万元（单位取自指标名称）, ≤ 15 日（期限）, 定性."""
    if target is None:
        return "—"
    unit = f" {target.unit}" if target.unit else ""
    if target.kind is Kind.QUALITATIVE:
        return "定性"
    if target.kind is Kind.PERIOD:
        return "期间"
    if target.kind is Kind.DATE:
        return f"日期 {_SYMBOL.get(target.operator or Operator.EQ, '')} {target.date}"
    if target.operator is Operator.RANGE:
        text = f"{target.value}–{target.upper}{unit}"
    else:
        text = f"{'约' if target.approximate else _SYMBOL[target.operator or Operator.EQ]} {target.value}{unit}"
    if target.kind is Kind.DEADLINE:
        text += "（期限）"
    elif target.kind is Kind.TOLERANCE:
        text = f"偏差 {text}"
    if target.unit_source is UnitSource.NAME:
        text += "（单位取自指标名称）"
    return text


def render_table(console: Console, table: TargetTable) -> None:
    funding = table.funding
    console.rule(f"[bold]{escape(table.project_name or '（无项目名称）')}")
    unit, lead = escape(table.budget_unit or "—"), escape(table.project_lead or "—")
    console.print(f"[dim]预算单位[/]  {unit}    [dim]项目负责人[/]  {lead}")
    console.print(
        f"[dim]项目资金（{funding.unit}）[/]  总额 {funding.total_text or '—'} · 财政拨款 {funding.fiscal_text or '—'}"
        f" · 其他资金 {funding.other_text or '—'}"
    )
    if table.overall_goal:
        console.print("[dim]年度总体目标[/]")
        for paragraph in table.overall_goal.splitlines():
            console.print(f"  {escape(paragraph)}")
    level1 = level2 = None
    for indicator in table.indicators:
        if indicator.level1 != level1:
            level1, level2 = indicator.level1, None
            console.print(f"[bold cyan]{escape(level1 or '（未填一级指标）')}[/]")
        if indicator.level2 != level2:
            level2 = indicator.level2
            console.print(f"  [cyan]{escape(level2 or '（未填二级指标）')}[/]")
        render_indicator(console, indicator)
    render_notes(console, table)
    console.print()


def render_notes(console: Console, table: TargetTable) -> None:
    """读取说明: what the user must know about how the table was read; doubtful cells first."""
    if not table.notes:
        return
    console.print("[bold yellow]读取说明[/]")
    for note in sorted(table.notes, key=lambda n: not n.needs_confirmation):
        mark = "[bold red]请核对[/] " if note.needs_confirmation else ""
        console.print(f"  {mark}{escape(str(note))}")


def render_indicator(console: Console, indicator: Indicator) -> None:
    number = f"指标{indicator.number}：" if indicator.number else ""
    console.print(f"    [bold]{escape(number + indicator.name)}[/]")
    target = indicator.target
    parts = [f"指标值 {escape(target.text) if target else '—'} → {describe(target)}"]
    if indicator.prior is not None:
        parts.append(f"上年 {escape(indicator.prior.text)}")
    if indicator.weight is not None:
        parts.append(f"分值 {indicator.weight}")
    parts += [escape(text) for text in (indicator.basis, indicator.scoring_rule, indicator.evidence) if text]
    parts += [f"{escape(label)} {escape(text)}" for label, text in indicator.extra if text]
    console.print("      [dim]" + " · ".join(parts) + "[/]")


def render_columns(console: Console, table: TargetTable) -> None:
    """列的读法: each indicator column, the field it was read as and why (``--explain``)."""
    console.print("[bold]列的读法[/]")
    for placement in table.columns:
        known = BY_NAME.get(placement.field or "")
        field = known.label if known else "附加列"
        where = f"第{placement.column}列 “{escape(placement.label)}”"
        console.print(f"  {where} → {escape(field)}：{escape(placement.how)}")
    console.print()
