"""Where the per-file work runs: in this process, in local worker processes, or on a Dask cluster.

Each engine takes file jobs lazily and yields their results in the order given, with a bounded number
in flight, so memory does not grow with the number of files.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import replace
from typing import Any, Protocol, TypeVar

from ..errors import InputError
from .records import FileJob, FileResult, process_file

LOCAL = "local"
DASK = "dask"
ENGINES = (LOCAL, DASK)
#: Jobs in flight per worker: enough to keep workers busy while the parent writes.
IN_FLIGHT = 8
#: Files per Dask task: a task costs milliseconds of scheduling, a small file about as much to read.
DASK_CHUNK = 16
#: Files per task of a local worker process: each task's results are pickled back to the parent in one message.
LOCAL_CHUNK = 8


T = TypeVar("T")
R = TypeVar("R", covariant=True)


class _Pending(Protocol[R]):
    def result(self) -> R: ...


def process_files(jobs: list[FileJob], profile: str) -> list[FileResult]:
    """The results of several files: one Dask task for a chunk, so that its overhead is shared."""
    return [process_file(job, profile) for job in jobs]


def _chunks(jobs: Iterable[FileJob], size: int) -> Iterator[list[FileJob]]:
    """Jobs in lists of ``size`` for another process, without the bytes read here: a worker reads its files."""
    chunk: list[FileJob] = []
    for job in jobs:
        chunk.append(replace(job, data=None) if job.data is not None else job)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def worker_count(jobs: int) -> int:
    return jobs if jobs > 0 else (os.cpu_count() or 1)


def _ordered(submit: Callable[[T], _Pending[R]], jobs: Iterable[T], window: int) -> Iterator[R]:
    pending: deque[_Pending[R]] = deque()
    for job in jobs:
        pending.append(submit(job))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def run_local(jobs: Iterable[FileJob], profile: str, workers: int) -> Iterator[FileResult]:
    """Results in this process (one worker) or in ``workers`` processes."""
    if workers <= 1:
        for job in jobs:
            yield process_file(job, profile)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:

        def submit(chunk: list[FileJob]) -> Future[list[FileResult]]:
            return pool.submit(process_files, chunk, profile)

        for results in _ordered(submit, _chunks(jobs, LOCAL_CHUNK), workers * IN_FLIGHT):
            yield from results


def run_dask(jobs: Iterable[FileJob], profile: str, workers: int, scheduler: str | None) -> Iterator[FileResult]:
    """Results from a Dask distributed cluster at ``scheduler``, or a LocalCluster of ``workers`` processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise InputError("Dask 引擎需要安装 dask 扩展：pip install 'jixiao[dask]'") from None
    cluster: AbstractContextManager[Any]
    if scheduler is None:
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        address: Any = cluster
    else:
        cluster = _Nothing()
        address = scheduler
    with cluster:
        try:
            client = Client(address, timeout="20s")  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as error:
            raise InputError(f"连不上 Dask 调度器 {scheduler}：{error}") from None
        with client:
            threads = sum(client.nthreads().values()) or 1  # type: ignore[no-untyped-call]

            def submit(chunk: list[FileJob]) -> Any:
                return client.submit(process_files, chunk, profile, pure=False)

            for results in _ordered(submit, _chunks(jobs, DASK_CHUNK), threads * 2):
                yield from results


class _Nothing(AbstractContextManager[None]):
    def __exit__(self, *args: object) -> None:
        return None
