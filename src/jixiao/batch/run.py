"""A batch run: every file under the paths read, reviewed or scored, written to a dataset as it goes.

Files already in the dataset (by content hash) are skipped, so an interrupted run resumes where it
stopped; a file with the content of one already read is listed as a duplicate; a file that cannot be
read is listed with its reason and the run goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .dataset import DatasetWriter
from .engines import DASK, LOCAL, run_dask, run_local, worker_count
from .records import AUTO, FileJob, FileResult, digest_of, expand, read_and_digest


@dataclass
class RunStats:
    """What one run did (files skipped were already in the dataset)."""

    files: int = 0
    skipped: int = 0
    duplicates: int = 0
    unreadable: int = 0
    tables: int = 0


#: Called after each file with the number of tables it gave (0 for skipped, duplicate or unreadable files).
OnFile = Callable[[int], None]


def run_batch(
    paths: Iterable[str | Path],
    dataset: Path,
    *,
    profile: str = AUTO,
    jobs: int = 1,
    engine: str = LOCAL,
    scheduler: str | None = None,
    on_start: Callable[[int], None] | None = None,
    on_file: OnFile | None = None,
    rows_per_part: int = 5_000,
) -> RunStats:
    """Process every file under ``paths`` into ``dataset``; ``on_start`` is told how many files there are."""
    files = expand(paths)
    if on_start is not None:
        on_start(len(files))
    stats = RunStats(files=len(files))
    tell = on_file or (lambda _tables: None)
    workers = max(1, min(worker_count(jobs), len(files) or 1))
    with DatasetWriter(dataset, profile=profile, rows_per_part=rows_per_part) as writer:
        here = engine != DASK and workers <= 1  # the files are read in this process: their bytes are kept for it
        pending = _jobs(files, writer, stats, tell, keep=here)
        results: Iterator[FileResult]
        if engine == DASK:
            results = run_dask(pending, profile, workers, scheduler)
        else:
            results = run_local(pending, profile, workers)
        for result in results:
            writer.add(result)
            stats.tables += len(result.tables)
            stats.unreadable += result.error is not None
            tell(len(result.tables))
    return stats


def _jobs(files: list[Path], writer: DatasetWriter, stats: RunStats, tell: OnFile, *, keep: bool) -> Iterator[FileJob]:
    """Jobs for the files not yet in the dataset; skipped, duplicate and unopenable files are handled here.

    ``keep``: the job carries the bytes read for the hash (the file is read in this process), else only the hash.
    """
    seen: set[int] = set()
    for seq, path in enumerate(files):
        try:
            data, digest = read_and_digest(path) if keep else (None, digest_of(path))
        except OSError as error:
            writer.add(FileResult(seq, str(path), "", error=f"{path}：无法打开：{error.strerror or error}"))
            stats.unreadable += 1
            tell(0)
            continue
        key = int(digest, 16)
        if key in writer.done:
            stats.skipped += 1
            tell(0)
            continue
        if key in seen:
            writer.add_duplicate(FileJob(seq, str(path), digest))
            stats.duplicates += 1
            tell(0)
            continue
        seen.add(key)
        yield FileJob(seq, str(path), digest, data)
