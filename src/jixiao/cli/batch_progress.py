"""The progress of `jixiao batch` on standard error: files done, tables, rate and time left (Rich)."""

from __future__ import annotations

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from .progress import LiveBar


class BatchProgress(LiveBar):
    """A bar over the files of a run, shown on a terminal when ``enabled``; silent elsewhere."""

    def __init__(self, enabled: bool) -> None:
        console = Console(stderr=True, highlight=False)
        self.tables = 0
        self.bar: Progress | None = None
        self.task: TaskID | None = None
        if enabled and console.is_terminal:
            self.bar = Progress(
                TextColumn("[bold]批量[/]"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("文件"),
                TaskProgressColumn(),
                TextColumn("{task.fields[tables]} 张表 · {task.fields[rate]} 表/秒"),
                TimeElapsedColumn(),
                TextColumn("剩余"),
                TimeRemainingColumn(),
                console=console,
                transient=False,
            )

    def start(self, files: int) -> None:
        if self.bar is not None:
            self.task = self.bar.add_task("batch", total=files, tables=0, rate="0")

    def advance(self, tables: int) -> None:
        self.tables += tables
        if self.bar is None or self.task is None:
            return
        elapsed = self.bar.tasks[0].elapsed or 0.0
        rate = f"{self.tables / elapsed:,.0f}" if elapsed > 0 else "0"
        self.bar.update(self.task, advance=1, tables=self.tables, rate=rate)
