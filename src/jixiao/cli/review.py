"""`jixiao review FILE...`: review target tables (绩效目标审核) and print the findings.

Exit codes: 0 when no table has an error or a warning (提示 alone is clean), 1 when one has, 2 on a
usage or input error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from .. import fields
from ..errors import JixiaoError
from ..fields import Place
from ..findings import Finding, Report, Severity, field_label
from ..jsonout import dumps
from ..library import open_library
from ..model import TargetTable
from ..reading import read
from ..review import Reviewer
from ..review.document import review_document
from ..review.helpers import path_of
from ..rules import GROUPS, REGISTRY, load
from .common import OutputFormat, fail

YEAR_HELP = "按此年度的规则审核（不填：表中写明的年度，否则配置的 default_year）"
_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_HEADER_FIELDS = {field.name for field in fields.FIELDS if field.place in (Place.HEADER, Place.FUNDING)}


def split_selectors(values: list[str] | None) -> list[str]:
    """``--select JX-R001,JX-M --select 合理性`` → each selector once; unknown ones are a usage error."""
    selectors = [part.strip() for value in values or [] for part in value.split(",") if part.strip()]
    load()
    for selector in selectors:
        known = selector in GROUPS.values() or any(code.startswith(selector.upper()) for code in REGISTRY)
        if not known:
            raise JixiaoError(f"没有与“{selector}”匹配的规则代码或分组（例如 JX-R001、JX-R、合理性）")
    return selectors


def review(
    files: Annotated[list[Path], typer.Argument(help="目标表文件")],
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="输出格式")] = OutputFormat.text,
    profile: Annotated[str, typer.Option("--profile", "-p", help="配置名称（national、xinjiang）或 YAML 文件路径")] = (
        "national"
    ),
    select: Annotated[
        list[str] | None, typer.Option("--select", "-s", help="只运行这些规则：代码、前缀或分组，可用逗号分隔")
    ] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", "-i", help="不运行这些规则：代码、前缀或分组")] = None,
    year: Annotated[
        int | None,
        typer.Option("--year", min=2000, max=2100, help=YEAR_HELP),
    ] = None,
    library: Annotated[
        Path | None, typer.Option("--library", "-l", help="指标库文件（library build 生成）：与常见指标值比较")
    ] = None,
) -> None:
    """审核目标表：按编码规则找出缺项、不规范、不可衡量和不合理之处。

    退出码：0 无错误和警告；1 有错误或警告；2 用法或输入错误。
    """
    try:
        reviewer = Reviewer(
            profile,
            selectors=split_selectors(select) or None,
            ignore=split_selectors(ignore),
            year=year,
            library=open_library(library) if library else None,
        )
        tables: list[TargetTable] = []
        for file in files:
            tables.extend(read(file))
    except JixiaoError as error:
        fail(error)
    reports = [reviewer.review(table) for table in tables]
    if format is OutputFormat.json:
        typer.echo(dumps(review_document(reports, profile=reviewer.profile.name, rules=len(reviewer.rules))))
    else:
        console = Console(highlight=False)
        for table, report in zip(tables, reports, strict=True):
            render_report(console, table, report, reviewer.year_of(table))
        render_summary(console, reports)
    if any(report.errors or report.warnings for report in reports):
        raise typer.Exit(1)


def _where(finding: Finding, table: TargetTable) -> str:
    location = finding.location
    place = []
    if location.row is not None:
        place.append(f"第{location.row}行")
    if location.column is not None:
        place.append(f"第{location.column}列")
    field = field_label(location.field)
    indicator = next((ind for ind in table.indicators if location.row and ind.source.row == location.row), None)
    if indicator is not None and location.indicator:
        what = path_of(indicator)
    else:
        what = "表头" if location.field in _HEADER_FIELDS else "全表"
    return f"{''.join(place)} {what}{' · ' + field if field else ''}"


def render_report(console: Console, table: TargetTable, report: Report, year: int | None) -> None:
    source = f"{table.source_file}:{table.source_row}" if table.source_file else ""
    console.rule(f"[bold]{escape(table.project_name or '（无项目名称）')}[/] {escape(table.budget_unit or '')}")
    console.print(f"[dim]{escape(source)}  按{year or '现行'}年度规则审核[/]")
    if not report.findings:
        console.print("[green]未发现问题。[/]")
        return
    for finding in report.findings:
        style = _STYLE[finding.severity]
        console.print(
            f"[{style}]{finding.severity.label}[/] [bold]{finding.code}[/] {escape(finding.title)}"
            f"  [dim]{escape(_where(finding, table))}[/]"
        )
        console.print(f"    {escape(finding.message)}")
    counts = report.counts()
    console.print(f"[dim]本表：错误 {counts['error']}，警告 {counts['warning']}，提示 {counts['info']}[/]")


def render_summary(console: Console, reports: list[Report]) -> None:
    totals = {severity: sum(len(report.by_severity(severity)) for report in reports) for severity in Severity}
    console.print(
        f"\n共 {len(reports)} 张表：[bold red]错误 {totals[Severity.ERROR]}[/]，"
        f"[yellow]警告 {totals[Severity.WARNING]}[/]，[cyan]提示 {totals[Severity.INFO]}[/]。"
        "  查看规则说明：jixiao rule 代码"
    )
