"""`jixiao parse FILE...`: read target tables and print them (text or JSON)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ..errors import JixiaoError
from ..jsonout import dumps, parse_document
from ..model import TargetTable
from ..reading import read
from .common import OutputFormat, fail


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
    console = Console()
    for table in tables:
        render_table(console, table)


def render_table(console: Console, table: TargetTable) -> None:
    funding = table.funding
    console.rule(f"[bold]{table.project_name or '（无项目名称）'}")
    console.print(f"预算单位：{table.budget_unit or '—'}    项目负责人：{table.project_lead or '—'}")
    console.print(
        f"项目资金（{funding.unit}）：总额 {funding.total_text or '—'}  财政拨款 {funding.fiscal_text or '—'}"
        f"  其他资金 {funding.other_text or '—'}"
    )
    if table.overall_goal:
        console.print(f"年度总体目标：{table.overall_goal}")
    grid = Table(show_lines=False, header_style="bold")
    for label in ("一级指标", "二级指标", "三级指标", "指标值", "依据", "上年完成值", "分值", "赋分规则", "佐证资料"):
        grid.add_column(label)
    for ind in table.indicators:
        grid.add_row(
            ind.level1 or "",
            ind.level2 or "",
            (f"指标{ind.number}：" if ind.number else "") + ind.name,
            ind.target.text if ind.target else "",
            ind.basis or "",
            ind.prior.text if ind.prior else "",
            str(ind.weight) if ind.weight is not None else "",
            ind.scoring_rule or "",
            ind.evidence or "",
        )
    console.print(grid)
