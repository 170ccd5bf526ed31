"""`jixiao convert IN OUT`: read target tables from any format and write them in another.

With ``--review`` the tables are reviewed first (as `jixiao review` would) and the findings go into the
output: cell comments and a 审核意见 sheet in Excel, marked cells and a findings list in Word, HTML and PDF.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import JixiaoError
from ..findings import Severity
from ..io.writers import FORMATS, format_for, write
from ..reading import read
from .common import fail
from .review import YEAR_HELP, split_selectors

_WITH_FINDINGS = ("xlsx", "docx", "html", "pdf")


def convert(
    source: Annotated[Path, typer.Argument(help="输入文件（文本、Excel、Word、PDF、HTML、JSON）", metavar="IN")],
    destination: Annotated[Path, typer.Argument(help="输出文件；格式由扩展名决定", metavar="OUT")],
    to: Annotated[str | None, typer.Option("--to", help=f"输出格式：{'|'.join(FORMATS)}（默认看扩展名）")] = None,
    with_review: Annotated[
        bool,
        typer.Option(
            "--review",
            "-r",
            help="先审核，把审核意见写进输出（Excel 批注和“审核意见”表；Word、HTML、PDF 标出单元格并附意见列表）",
        ),
    ] = False,
    profile: Annotated[str, typer.Option("--profile", "-p", help="审核配置名称或 YAML 文件路径（配合 --review）")] = (
        "national"
    ),
    select: Annotated[
        list[str] | None, typer.Option("--select", "-s", help="只运行这些审核规则（配合 --review）")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", "-i", help="不运行这些审核规则（配合 --review）")
    ] = None,
    year: Annotated[int | None, typer.Option("--year", min=2000, max=2100, help=YEAR_HELP)] = None,
) -> None:
    """把目标表从一种格式转换为另一种（xlsx、docx、html、pdf、json、txt），可附审核意见。"""
    try:
        if destination.exists() and destination.resolve() == source.resolve():
            raise JixiaoError("输出文件与输入文件相同，请换一个输出文件名", file=destination)
        name = format_for(destination, to)
        reviewer = None
        if with_review:
            if name not in _WITH_FINDINGS:
                raise JixiaoError(
                    f"--review 的审核意见只能写进 {'、'.join(_WITH_FINDINGS)}；请用 jixiao review 输出 json"
                )
            from ..review import Reviewer

            reviewer = Reviewer(
                profile, selectors=split_selectors(select) or None, ignore=split_selectors(ignore), year=year
            )
        tables = read(source)
        findings = [list(reviewer.review(table).findings) for table in tables] if reviewer else None
        written = write(tables, destination, to=name, findings=findings)
    except JixiaoError as error:
        fail(error)
    typer.echo(f"已写出 {len(tables)} 张目标表：{written}")
    if findings is not None:
        counts = {severity: sum(f.severity is severity for found in findings for f in found) for severity in Severity}
        typer.echo(
            f"审核意见：错误 {counts[Severity.ERROR]}，警告 {counts[Severity.WARNING]}，提示 {counts[Severity.INFO]}"
        )
