"""`jixiao template target|selfeval`: Excel templates to fill in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import InputError, JixiaoError
from ..io.writers import atomic_write
from ..reading import read
from .common import fail

app = typer.Typer(help="生成可填写的 Excel 模板：目标表（target）或自评表（selfeval）。", no_args_is_help=True)


def _checked(output: Path) -> Path:
    if output.suffix.lower() != ".xlsx":
        raise InputError("模板是 Excel 文件，输出文件名应以 .xlsx 结尾", file=output)
    if not output.parent.is_dir():
        raise InputError("输出文件夹不存在", file=output.parent)
    return output


@app.command("target")
def target(
    output: Annotated[Path, typer.Option("--output", "-o", help="输出的 .xlsx 文件")] = Path("绩效目标表模板.xlsx"),
    rows: Annotated[int, typer.Option("--rows", min=1, max=500, help="三级指标填写行数")] = 30,
) -> None:
    """生成项目支出绩效目标表填报模板（带下拉选项、权重校验和合计）。"""
    from ..io.writers.template_target import write_target_template

    try:
        atomic_write(_checked(output), lambda path: write_target_template(path, rows=rows))
    except JixiaoError as error:
        fail(error)
    typer.echo(f"已生成目标表模板：{output}")


@app.command("selfeval")
def selfeval(
    target_file: Annotated[Path, typer.Argument(help="已填好的目标表（任何支持的格式）", metavar="TARGETFILE")],
    output: Annotated[Path, typer.Option("--output", "-o", help="输出的 .xlsx 文件")] = Path("绩效自评表.xlsx"),
) -> None:
    """生成绩效自评表，预填目标表中的指标、指标值和分值，留出实际完成值和得分。"""
    from ..io.writers.template_selfeval import write_selfeval_template

    try:
        tables = read(target_file)
        atomic_write(_checked(output), lambda path: write_selfeval_template(tables, path))
    except JixiaoError as error:
        fail(error)
    typer.echo(f"已生成自评表（{len(tables)} 个项目）：{output}")
