"""`jixiao convert IN OUT`: read target tables from any format and write them in another."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import JixiaoError
from ..io.writers import FORMATS, write
from ..reading import read
from .common import fail


def convert(
    source: Annotated[Path, typer.Argument(help="输入文件（文本、Excel、Word、PDF、HTML、JSON）", metavar="IN")],
    destination: Annotated[Path, typer.Argument(help="输出文件；格式由扩展名决定", metavar="OUT")],
    to: Annotated[str | None, typer.Option("--to", help=f"输出格式：{'|'.join(FORMATS)}（默认看扩展名）")] = None,
) -> None:
    """把目标表从一种格式转换为另一种（xlsx、docx、html、pdf、json、txt）。"""
    try:
        if destination.exists() and destination.resolve() == source.resolve():
            raise JixiaoError("输出文件与输入文件相同，请换一个输出文件名", file=destination)
        tables = read(source)
        written = write(tables, destination, to=to)
    except JixiaoError as error:
        fail(error)
    typer.echo(f"已写出 {len(tables)} 张目标表：{written}")
