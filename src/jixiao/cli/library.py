"""`jixiao library build|suggest|show|recommend|merge|retire`: the 指标库 on the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..batch import expand
from ..cells import decimal_text
from ..errors import JixiaoError
from ..jsonout import dumps
from ..library import Entry, Library, build_library, entry_dict, merge, open_library, recommend, retire
from ..library.catalog import kind_of
from ..library.entries import typical_text
from .common import OutputFormat, fail

DEFAULT = Path("指标库.sqlite")
OPERATOR_SIGNS = {">=": "≥", "<=": "≤", "range": "区间"}
app = typer.Typer(help="指标库：从已有的表学习三级指标及其常见指标值，供填报建议和审核使用。", no_args_is_help=True)
LibraryOption = Annotated[Path, typer.Option("--library", "-l", help="指标库文件（library build 生成）")]
KeyArgument = Annotated[str, typer.Argument(help="条目：二级|项目类别|指标名称，如 数量指标|培训|培训人次")]


def _open(path: Path) -> Library:
    try:
        return open_library(path)
    except JixiaoError as error:
        fail(error)


@app.command("build")
def build(
    files: Annotated[list[Path], typer.Argument(help="目标表、自评表文件或文件夹（任何 jixiao 能读的格式）")],
    out: Annotated[Path, typer.Option("--out", "-o", help="输出的指标库文件；已存在时保留其中的人工整理")] = DEFAULT,
    profile: Annotated[str, typer.Option("--profile", "-p", help="判断自评是否完成目标所用的配置")] = "national",
) -> None:
    """从表格生成指标库：每个二级指标、每类项目用过的三级指标名称、单位、符号、常见指标值和完成情况。"""
    try:
        library = build_library(expand(files), out, profile=profile)
    except JixiaoError as error:
        fail(error)
    for skipped in library.skipped:
        typer.echo(f"跳过：{skipped.reason}", err=True)
    tables = len({o.source for o in library.observations})
    typer.echo(f"已生成指标库 {out}：{tables} 张表，{len(library.observations)} 个三级指标，"
               f"{len(library.entries())} 个条目；跳过 {len(library.skipped)} 个文件。")  # fmt: skip


def _counted(items: tuple[tuple[str, int], ...], limit: int = 6) -> str:
    return "、".join(f"{name}（{count}）" for name, count in items[:limit]) or "—"


def entry_text(entry: Entry) -> list[str]:
    mark = "★推荐 " if entry.recommended else ""
    met = f"；自评完成 {entry.met}/{entry.evaluated}（{decimal_text(entry.met_rate)}%）" if entry.evaluated else ""
    operators = "、".join(OPERATOR_SIGNS.get(operator, operator) for operator, _ in entry.operators) or "—"
    return [
        f"{mark}{entry.key}  （{entry.count} 次，{entry.tables} 张表）",
        f"    名称：{_counted(entry.names)}",
        f"    常见指标值：{typical_text(entry)}；符号 {operators}；单位 {_counted(entry.units, 3)}{met}",
        f"    依据：{_counted(entry.basis, 3)}",
    ]


@app.command("suggest")
def suggest(
    query: Annotated[str, typer.Argument(help="正在填写的三级指标名称或其中的词，如 培训、满意度")],
    level2: Annotated[str | None, typer.Option("--level2", help="二级指标，如 数量指标、满意度")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="项目类别，如 培训、工程建设；不填则各类合并")] = None,
    library: LibraryOption = DEFAULT,
    limit: Annotated[int, typer.Option("--limit", min=1, max=100, help="最多列出几条")] = 10,
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="输出格式")] = OutputFormat.text,
) -> None:
    """按名称查找指标库条目，列出用过的名称和常见指标值。没有匹配时退出码为1。"""
    opened = _open(library)
    try:
        found = opened.suggest(query, level2=level2, kind=kind_of(kind), limit=limit)
    except JixiaoError as error:
        fail(error)
    if format is OutputFormat.json:
        typer.echo(dumps({"suggestions": [{"score": s.score, **entry_dict(s.entry)} for s in found]}))
    else:
        for suggestion in found:
            typer.echo("\n".join(entry_text(suggestion.entry)))
        if not found:
            typer.echo(f"指标库中没有与“{query}”相近的条目。")
    if not found:
        raise typer.Exit(1)


@app.command("show")
def show(
    key: KeyArgument,
    library: LibraryOption = DEFAULT,
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="输出格式")] = OutputFormat.text,
) -> None:
    """显示一个条目（可写 二级|全部|名称 查看各类项目合并的情况）。"""
    opened = _open(library)
    try:
        entry = opened.entry(key)
    except JixiaoError as error:
        fail(error)
    typer.echo(dumps(entry_dict(entry)) if format is OutputFormat.json else "\n".join(entry_text(entry)))


@app.command("recommend")
def recommend_command(
    key: KeyArgument,
    library: LibraryOption = DEFAULT,
    undo: Annotated[bool, typer.Option("--undo", help="取消推荐")] = False,
) -> None:
    """把条目标为推荐（填报建议中排在前面）。"""
    try:
        recommend(_open(library), key, recommended=not undo)
    except JixiaoError as error:
        fail(error)
    typer.echo(f"{'已取消推荐' if undo else '已推荐'}：{key}")


@app.command("merge")
def merge_command(
    key: KeyArgument,
    into: Annotated[str, typer.Option("--into", help="并入的条目")],
    library: LibraryOption = DEFAULT,
) -> None:
    """把一个条目并入另一个（两者是同一个指标），重新生成指标库后仍然有效。"""
    try:
        merge(_open(library), key, into)
    except JixiaoError as error:
        fail(error)
    typer.echo(f"已并入：{key} → {into}")


@app.command("retire")
def retire_command(
    key: KeyArgument,
    library: LibraryOption = DEFAULT,
    undo: Annotated[bool, typer.Option("--undo", help="恢复使用")] = False,
) -> None:
    """停用条目：不再出现在建议中，也不再用于审核。"""
    try:
        retire(_open(library), key, retired=not undo)
    except JixiaoError as error:
        fail(error)
    typer.echo(f"{'已恢复' if undo else '已停用'}：{key}")
