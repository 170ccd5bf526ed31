"""`jixiao analyze DATASET`: the questions people ask of a year of tables, over a `jixiao batch` dataset."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..errors import JixiaoError
from .common import fail

#: Rows of one result printed on the terminal (the workbook has them all).
PRINTED_ROWS = 15


def parse_quota(items: list[str]) -> dict[str, Decimal]:
    """``优=30`` (per cent) → {"优": Decimal("0.3")}."""
    quota: dict[str, Decimal] = {}
    for item in items:
        grade, _, share = item.partition("=")
        try:
            value = Decimal(share.strip().rstrip("%")) / 100
        except InvalidOperation:
            value = Decimal(-1)
        if not grade.strip() or not Decimal(0) <= value <= 1:
            raise JixiaoError(f"--quota 应写成 等级=百分数，如 优=30：“{item}”")
        quota[grade.strip()] = value
    return quota


def analyze(
    dataset: Annotated[Path, typer.Argument(help="jixiao batch 写的数据集文件夹")],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="结果文件夹（分析.xlsx 和图表）；默认 数据集名-分析")
    ] = None,
    quota: Annotated[
        list[str] | None, typer.Option("--quota", help="等级比例限额，如 --quota 优=30（公布为优的不超过 30%）")
    ] = None,
    charts: Annotated[bool, typer.Option("--charts/--no-charts", help="画图（PNG 和 SVG）")] = True,
) -> None:
    """分析数据集：目标与上年比、定性和模糊指标占比、常见问题、得分不符、等级分布、覆盖面。"""
    try:
        limits = parse_quota(quota) if quota else None
        from ..analytics import charts as drawing
        from ..analytics.formatting import shown
        from ..analytics.queries import connect, every_question
        from ..analytics.workbook import write_workbook
    except JixiaoError as error:
        fail(error)
    except ImportError:
        fail(JixiaoError("分析需要安装 batch 扩展：pip install 'jixiao[batch]'"))
    if not dataset.is_dir():
        fail(JixiaoError("数据集文件夹不存在", file=dataset))
    folder = out if out is not None else dataset.with_name(f"{dataset.name}-分析")
    try:
        connection = connect(dataset)
    except JixiaoError as error:
        fail(error)
    try:
        results = every_question(connection, quota=limits)
    finally:
        connection.close()
    folder.mkdir(parents=True, exist_ok=True)
    console = Console(highlight=False)
    for result in results:
        table = Table(title=result.title, title_justify="left", header_style="bold")
        for column in result.columns:
            table.add_column(column, overflow="fold")
        for row in result.rows[:PRINTED_ROWS]:
            table.add_row(*(escape(shown(column, value)) for column, value in zip(result.columns, row, strict=True)))
        console.print(table)
        if len(result.rows) > PRINTED_ROWS:
            console.print(f"……共 {len(result.rows)} 行，见工作簿")
        if result.note:
            console.print(escape(result.note))
        console.print()
    workbook = folder / "分析.xlsx"
    write_workbook(results, workbook)
    console.print(f"工作簿：{escape(str(workbook))}")
    if charts:
        if drawing.cjk_font() is None:
            console.print("[yellow]未找到中文字体（如 fonts-noto-cjk），图中汉字无法显示：未画图[/]")
        else:
            drawn = [path for result in results for path in drawing.draw(result, folder)]
            console.print(f"图表 {len(drawn)} 个：{escape(str(folder))}")
