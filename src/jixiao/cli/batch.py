"""`jixiao batch PATH...`: read, review and score every table under files and folders into a Parquet dataset."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from ..batch.records import AUTO, has_files
from ..errors import JixiaoError
from .batch_output import KIND_LABELS, write_summary
from .batch_progress import BatchProgress
from .common import fail

ENGINES = ("local", "dask")


def batch(
    paths: Annotated[list[Path], typer.Argument(help="文件或文件夹（文件夹内的文件逐个读取）")],
    dataset: Annotated[
        Path | None,
        typer.Option("--dataset", "-d", help="Parquet 数据集文件夹：边读边写，中断后再运行同一命令即从断处继续"),
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="汇总写入文件：.csv、.json 或 .xlsx")] = None,
    profile: Annotated[str, typer.Option("--profile", "-p", help="配置名称或 YAML 路径；auto 按表中地区选择")] = AUTO,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="并行进程数（0：按 CPU 核数）")] = 1,
    engine: Annotated[str, typer.Option("--engine", help="local：本机进程；dask：Dask 集群")] = "local",
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Dask 调度器地址，如 tcp://10.0.0.5:8786；不给则在本机起集群")
    ] = None,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="显示进度条（默认：终端上显示）")] = True,
) -> None:
    """批量读取、审核、评分：写成 Parquet 数据集（表、指标、问题、评分、文件），并可导出汇总。

    退出码：0 无错误和警告；1 有错误、警告或无法读取的文件；2 用法错误。
    """
    if out is not None and out.suffix.lower() not in (".csv", ".json", ".xlsx"):
        fail(JixiaoError("汇总文件只能是 .csv、.json 或 .xlsx", file=out))
    if engine not in ENGINES:
        fail(JixiaoError(f"--engine 只能是 {' 或 '.join(ENGINES)}"))
    if scheduler is not None and engine != "dask":
        fail(JixiaoError("--scheduler 只用于 --engine dask"))
    missing = [path for path in paths if not path.exists()]
    if missing:
        fail(JixiaoError("文件或文件夹不存在", file=missing[0]))
    empty = [path for path in paths if path.is_dir() and not has_files(path)]
    if empty:
        fail(JixiaoError("文件夹里没有文件（以 . 开头的文件和文件夹不读）", file=empty[0]))
    try:
        from ..batch import run as batch_run
        from ..batch import summary
        from ..batch.totals import totals as dataset_totals
    except ImportError:
        fail(JixiaoError("批量处理需要安装 batch 扩展：pip install 'jixiao[batch]'"))
    console = Console(highlight=False)
    with tempfile.TemporaryDirectory(prefix="jixiao-batch-") as scratch:
        folder = dataset if dataset is not None else Path(scratch) / "dataset"
        started = time.monotonic()
        try:
            with BatchProgress(progress) as bar:
                stats = batch_run.run_batch(
                    paths, folder, profile=profile, jobs=jobs, engine=engine, scheduler=scheduler,
                    on_start=bar.start, on_file=bar.advance,
                )  # fmt: skip
        except JixiaoError as error:
            fail(error)
        elapsed = time.monotonic() - started
        totals = dataset_totals(folder)
        kinds = totals.kinds
        console.print(
            f"{totals.files} 个文件：目标表 {kinds.get('target', 0)}，自评表 {kinds.get('selfeval', 0)}，"
            f"监控表 {kinds.get('monitor', 0)}，无法读取 {kinds.get('error', 0)}"
            + (f"，重复 {kinds['duplicate']}" if kinds.get("duplicate") else "")
        )
        rate = stats.tables / elapsed if elapsed > 0 else 0.0
        done = stats.files - stats.skipped
        console.print(
            f"本次处理 {done} 个文件、{stats.tables} 张表，用时 {elapsed:.1f} 秒（{rate:,.0f} 表/秒）"
            + (f"；{stats.skipped} 个文件已在数据集中，跳过" if stats.skipped else "")
        )
        if totals.codes:
            console.print("最常见的问题：" + "，".join(f"{code} ×{count}" for code, count in totals.codes))
        for file, reason in totals.unreadable:  # the reason names the file, its row and column
            shown = reason if file in reason else f"{file}：{reason}"
            console.print(f"[red]{KIND_LABELS['error']}[/] {escape(shown)}", soft_wrap=True)
        if kinds.get("error", 0) > len(totals.unreadable):
            console.print(f"……另有 {kinds['error'] - len(totals.unreadable)} 个文件无法读取，见数据集的 files")
        if out is not None:
            write_summary(summary.summary_rows(folder), out)
            console.print(f"汇总已写入 {escape(str(out))}")
        if dataset is not None:
            console.print(f"数据集：{escape(str(dataset))}（tables、indicators、findings、scores、files）")
    raise typer.Exit(1 if totals.flagged else 0)
