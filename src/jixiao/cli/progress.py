"""Page-by-page progress of reading a scan, on standard error: a Rich bar in a terminal, one line a page elsewhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Self

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn


class LiveBar:
    """A Rich bar shown for the duration of a ``with`` block, or nothing when ``bar`` is None."""

    bar: Progress | None = None

    def __enter__(self) -> Self:
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self.bar is not None:
            self.bar.stop()


class PageProgress(LiveBar):
    """Progress of the scans read in a ``with`` block; silent when not ``enabled``."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.console = Console(stderr=True, highlight=False)
        self.bar: Progress | None = None
        if enabled and self.console.is_terminal:
            self.bar = Progress(
                TextColumn("[bold]识别[/] {task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("页"),
                TimeElapsedColumn(),
                console=self.console,
                transient=True,
            )

    def reporter(self, file: Path) -> Callable[[int, int], None] | None:
        """What the reader calls after each page of ``file``, or None when progress is not shown."""
        if not self.enabled:
            return None
        task: list[TaskID] = []

        def report(done: int, total: int) -> None:
            if self.bar is None:
                self.console.print(f"识别 {escape(str(file))}：第 {done}/{total} 页", soft_wrap=True)
                return
            if not task:
                task.append(self.bar.add_task(escape(file.name), total=total))
            self.bar.update(task[0], completed=done)

        return report
