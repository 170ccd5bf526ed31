"""The totals a batch run ends with, read back from the dataset's Parquet parts with pyarrow (already loaded to
write them): the kinds of tables, the most frequent finding codes, the unreadable files. They count every run
into the dataset, so a resumed run reports the whole dataset, as one uninterrupted would.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .summary import check_dataset


@dataclass(frozen=True)
class Totals:
    files: int
    kinds: dict[str, int]
    codes: list[tuple[str, int]]  # the most frequent finding codes
    flagged: bool  # any error or warning finding, or an unreadable file
    unreadable: list[tuple[str, str]]  # (file, reason), the first ones


def totals(dataset: Path, *, top: int = 5, unreadable: int = 20) -> Totals:
    """The totals of every part of ``dataset``; ``top`` codes by count (then code), the first ``unreadable``
    unreadable files in file order."""
    check_dataset(dataset)
    kinds: Counter[str] = Counter()
    flagged = False
    for part in _parts(dataset, "tables", ["kind", "errors", "warnings"]):
        kinds.update(_counts(part.column("kind")))
        flagged = flagged or any(part.column("errors").to_pylist()) or any(part.column("warnings").to_pylist())
    codes: Counter[str] = Counter()
    for part in _parts(dataset, "findings", ["code"]):
        codes.update(_counts(part.column("code")))
    names: list[pa.ChunkedArray] = []
    failed: list[tuple[int, int, str, str]] = []  # (file_seq, order listed, file, reason), the first ones
    listed = 0
    for part in _parts(dataset, "files", ["file", "status", "file_seq", "message"]):
        names.append(part.column("file"))
        statuses = part.column("status").to_pylist()
        kinds.update(status for status in statuses if status != "ok")
        if "error" in statuses:
            rows = zip(statuses, part.column("file_seq").to_pylist(), part.column("file").to_pylist(),
                       part.column("message").to_pylist(), strict=True)  # fmt: skip
            errors = [
                (seq, listed + i, file, why) for i, (status, seq, file, why) in enumerate(rows) if status == "error"
            ]
            failed = heapq.nsmallest(unreadable, failed + errors)
        listed += len(statuses)
    files = len(pa.chunked_array([chunk for column in names for chunk in column.chunks], pa.string()).unique())
    flagged = flagged or kinds["error"] > 0
    ranked = sorted(codes.items(), key=lambda item: (-item[1], item[0]))[:top]
    return Totals(files, dict(kinds), ranked, flagged, [(file, message) for _seq, _order, file, message in failed])


def _parts(dataset: Path, name: str, columns: list[str]) -> Iterator[pa.Table]:
    """The columns of each part, read file by file (``pq.read_table`` would load pyarrow's dataset layer)."""
    for path in sorted((dataset / name).glob("*.parquet")):
        yield pq.ParquetFile(path).read(columns=columns)


def _counts(column: pa.ChunkedArray) -> dict[str, int]:
    counted = column.value_counts()
    return dict(zip(counted.field("values").to_pylist(), counted.field("counts").to_pylist(), strict=True))
