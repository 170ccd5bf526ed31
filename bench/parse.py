"""Benchmark: target tables parsed per second, against the floor of splitting the same text with `csv`.

Run on demand: `.venv/bin/python bench/parse.py [--tables N]`. The seed's six tables are replicated to N
tables (5,000 by default: one file holds at most 500,000 non-empty cells) in one temporary file; jixiao reads
it through `jixiao.read` (text reader and recognizer); the floor splits the same file into cells with the csv
module. Best of three runs each, in CPU time of this process (`time.process_time`), so other jobs on the
machine disturb the figures little.
"""

from __future__ import annotations

import argparse
import csv
import gc
import platform
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import jixiao
from jixiao.cli.app import GC_THRESHOLDS

SEED = Path(__file__).resolve().parent.parent / "examples" / "seed_2024.txt"


def replicated(count: int) -> str:
    blocks = ["## " + block for block in SEED.read_text(encoding="utf-8").split("## ")[1:]]
    return "\n".join(blocks[i % len(blocks)] for i in range(count))


def best_of(runs: int, job: Callable[[], object]) -> float:
    timings = []
    for _ in range(runs):
        start = time.process_time()
        job()
        timings.append(time.process_time() - start)
    return min(timings)


def csv_floor(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as handle:
        return sum(len(row) for row in csv.reader(handle, delimiter="\t"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tables", type=int, default=5_000)  # one file: within its 500,000 non-empty cells
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tables.txt"
        path.write_text(replicated(args.tables), encoding="utf-8")
        size = path.stat().st_size
        parsed = len(jixiao.read(path))
        assert parsed == args.tables, parsed
        ours = best_of(args.runs, lambda: jixiao.read(path))
        floor = best_of(args.runs, lambda: csv_floor(path))
        default = gc.get_threshold()
        gc.set_threshold(*GC_THRESHOLDS)
        try:
            command = best_of(args.runs, lambda: jixiao.read(path))
        finally:
            gc.set_threshold(*default)
    print(f"machine: {platform.machine()}, {platform.processor() or '?'}, Python {platform.python_version()}")
    print(f"tables: {args.tables} ({size / 1e6:.1f} MB of text)")
    print(f"jixiao.read: {ours:.3f} s = {args.tables / ours:,.0f} tables/s")
    print(f"csv floor:   {floor:.3f} s = {args.tables / floor:,.0f} tables/s")
    print(f"ratio jixiao/csv: {ours / floor:.1f}x")
    print(
        f"with the collector thresholds of the jixiao command {GC_THRESHOLDS}: {command:.3f} s = "
        f"{args.tables / command:,.0f} tables/s, ratio {command / floor:.1f}x"
    )


if __name__ == "__main__":
    main()
