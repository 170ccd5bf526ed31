"""Writing a batch dataset as it goes: one Parquet part per flush in each of the five datasets.

A folder holds ``tables/``, ``indicators/``, ``findings/``, ``scores/`` and ``files/``, each of
``part-RUN-N.parquet`` files, and ``batch.json`` (the profile the run used). Each part is written to a
temporary name and renamed into place; the ``files`` part is renamed last, so a part of the other four
counts only when its ``files`` part exists — a run interrupted mid-flush leaves parts that the next run
removes, and the files of that flush are read again. A lock file keeps two runs from writing one folder.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import pyarrow.parquet as pq

from ..errors import InputError
from .records import FileJob, FileResult, Record
from .schema import DATASETS, table_of

FORMAT = 1
COMMIT = "files"


class DatasetLocked(InputError):
    """Another batch run is writing the same dataset."""


class DatasetWriter:
    """Buffers the records of finished files and writes them as parts; ``done``: digests written by earlier runs."""

    def __init__(self, root: Path, *, profile: str, rows_per_part: int = 5_000, seconds_per_part: float = 60) -> None:
        self.root = root
        self.profile = profile
        self.rows_per_part = rows_per_part
        self.seconds_per_part = seconds_per_part
        root.mkdir(parents=True, exist_ok=True)
        self._lock = _acquire(root)
        try:
            self._check_manifest()
            for name in DATASETS:
                (root / name).mkdir(exist_ok=True)
            self._remove_uncommitted()
            self.done: set[int] = set(_committed_digests(root))
        except BaseException:
            self._lock.close()
            raise
        self.run = f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
        self.parts = 0
        self._buffers: dict[str, list[Record]] = {name: [] for name in DATASETS}
        self._last_flush = time.monotonic()

    def __enter__(self) -> DatasetWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        try:
            if kind is None or issubclass(kind, Exception | KeyboardInterrupt):
                self.flush()
        finally:
            self._lock.close()

    def add(self, result: FileResult) -> None:
        """The records of one processed file (or its error)."""
        buffers = self._buffers
        for name in ("tables", "indicators", "findings", "scores"):
            buffers[name].extend(getattr(result, name))
        status = "error" if result.error is not None else "ok"
        buffers["files"].append(
            {"file": result.path, "file_digest": result.digest, "file_seq": result.seq, "status": status,
             "message": result.error, "row": result.error_row, "tables": len(result.tables), "same_as": None}
        )  # fmt: skip
        self._maybe_flush()

    def add_duplicate(self, job: FileJob) -> None:
        """A file with the content of one already in the dataset: listed, its tables not counted twice."""
        self._buffers["files"].append(
            {"file": job.path, "file_digest": job.digest, "file_seq": job.seq, "status": "duplicate",
             "message": "与数据集中另一文件内容相同，未重复计入", "row": None, "tables": 0, "same_as": None}
        )  # fmt: skip
        self._maybe_flush()

    def _maybe_flush(self) -> None:
        buffered = len(self._buffers["tables"]) + len(self._buffers["files"])
        if buffered >= self.rows_per_part or (
            buffered and time.monotonic() - self._last_flush >= self.seconds_per_part
        ):
            self.flush()

    def flush(self) -> None:
        """Write what is buffered as one part of every dataset (empty parts too, so each dataset has a schema)."""
        if not self._buffers["files"] and any((self.root / COMMIT).glob("part-*.parquet")):
            return
        name = f"part-{self.run}-{self.parts:05d}.parquet"
        for dataset, rows in self._buffers.items():  # "files" last: it commits the part
            target = self.root / dataset / name
            temporary = target.with_suffix(".tmp")
            pq.write_table(table_of(dataset, rows), temporary, compression="zstd")
            os.replace(temporary, target)
            rows.clear()
        self.parts += 1
        self._last_flush = time.monotonic()

    def _check_manifest(self) -> None:
        manifest = self.root / "batch.json"
        if manifest.exists():
            try:
                data: dict[str, Any] = json.loads(manifest.read_text(encoding="utf-8"))
            except (ValueError, OSError) as error:
                raise InputError(f"batch.json 无法读取：{error}", file=manifest) from None
            if data.get("format") != FORMAT:
                raise InputError("不是 jixiao batch 写的数据集，或版本不同", file=manifest)
            if data.get("profile") != self.profile:
                raise InputError(
                    f"数据集是用配置 {data.get('profile')} 写的，本次是 {self.profile}：请换一个输出文件夹",
                    file=self.root,
                )
            return
        if any(path.name != ".lock" for path in self.root.iterdir()):
            raise InputError("输出文件夹不是空的，也不是 jixiao batch 的数据集", file=self.root)
        manifest.write_text(json.dumps({"format": FORMAT, "profile": self.profile}), encoding="utf-8")

    def _remove_uncommitted(self) -> None:
        committed = {path.name for path in (self.root / COMMIT).glob("part-*.parquet")}
        for dataset in DATASETS:
            for path in (self.root / dataset).iterdir():
                if path.suffix == ".tmp" or (path.suffix == ".parquet" and path.name not in committed):
                    path.unlink()


def _committed_digests(root: Path) -> Iterator[int]:
    for part in sorted((root / COMMIT).glob("part-*.parquet")):
        for digest in pq.ParquetFile(part).read(columns=["file_digest"]).column("file_digest").to_pylist():
            if digest:
                yield int(digest, 16)


def _acquire(root: Path) -> IO[str]:
    """An exclusive lock on the dataset, held while the returned file is open (released if the process dies)."""
    handle = (root / ".lock").open("a", encoding="utf-8")
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory locks; one run per folder is then the user's care
        return handle
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise DatasetLocked("另一个 jixiao batch 正在写入这个数据集，请等它结束或换一个输出文件夹", file=root) from None
    return handle
