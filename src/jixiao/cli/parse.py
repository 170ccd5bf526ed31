"""`jixiao parse FILE...`: read target tables and print them (text or JSON)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from ..errors import JixiaoError
from ..jsonout import dumps, parse_document
from ..model import Indicator, Kind, Operator, Target, TargetTable, UnitSource
from ..reading import read
from .common import OutputFormat, fail

_SYMBOL = {Operator.GE: "≥", Operator.GT: ">", Operator.EQ: "=", Operator.LE: "≤", Operator.LT: "<"}


def parse(
    files: Annotated[list[Path], typer.Argument(help="目标表文件（文本、Excel、Word、PDF、HTML）")],
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="输出格式")] = OutputFormat.text,
) -> None:
    """读取目标表并输出其内容。"""
    tables: list[TargetTable] = []
    for file in files:
        try:
            tables.extend(read(file))
        except JixiaoError as error:
            fail(error)
    if format is OutputFormat.json:
        typer.echo(dumps(parse_document(tables)))
        return
    console = Console(highlight=False)
    for table in tables:
        render_table(console, table)


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
