"""Reader for scans: page images → ruling lines and cells → text by OCR → grids, then the same recognizer.

Each page is straightened, its ruled tables cut into cells, and its text found and recognised on the whole page;
two pages are read side by side where there are two cores. Tables are joined across pages as the PDF reader
joins them. Every cell keeps its confidence and where it was
seen; :func:`~jixiao.io.ocr.doubt.check` then lists the cells a person must look at as reading notes.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from ...errors import InputError
from ...grid import Grid
from ..pdf import PageTable, page_grids
from .cells import read_page
from .doubt import check
from .engine import shared_engine
from .pages import Pages

#: Told after each page: (pages done, pages in all).
Progress = Callable[[int, int], None]
#: Pages read side by side: one per core, two at most (each holds a page's tensors, about 100 MB).
WORKERS = max(1, min(2, os.cpu_count() or 1))


def read_scan(path: Path, *, progress: Progress | None = None) -> list[Grid]:
    """The tables of a scanned PDF or an image file, each cell OCR'd, doubtful ones noted."""
    pages = Pages(path)
    engine = shared_engine()
    found: list[PageTable] = []
    with ThreadPoolExecutor(WORKERS, thread_name_prefix="jixiao-ocr") as pool:
        pending: deque[tuple[int, Future[list[PageTable]]]] = deque()
        for page in pages:  # a page is made only when a worker is free for it
            pending.append((page.number, pool.submit(read_page, page, engine)))
            if len(pending) >= WORKERS:
                found.extend(_done(pending, pages.count, progress))
        while pending:
            found.extend(_done(pending, pages.count, progress))
    grids = page_grids(found, str(path))
    if not grids:
        scanned = "PDF 里没有可提取的文字，按扫描件识别，但" if pages.kind == "pdf" else "图片里"
        raise InputError(f"{scanned}找不到带表格线的表格：只能识别有框线的表格，请提供 Excel 或 Word 原件", file=path)
    return [check(grid) for grid in grids]


def _done(
    pending: deque[tuple[int, Future[list[PageTable]]]], count: int, progress: Progress | None
) -> list[PageTable]:
    """The tables of the oldest page in flight, once it is read; pages are reported in order."""
    number, future = pending.popleft()
    tables = future.result()
    if progress is not None:
        progress(number, count)
    return tables
