"""Benchmark: `jixiao batch` end to end, against the floor of splitting the same files with `csv`.

Run on demand: `.venv/bin/python bench/batch.py [--tables 10000] [--jobs 2] [--dask] [--memory 1000,100000]`.

- **end to end**: N one-table files (the seed's six tables in turn, each with its own project name so that no
  two files are alike) through `jixiao batch DIR --dataset DS` in a child process; CPU time of the child and
  its workers, so the rate per core does not depend on how busy the machine is. The floor reads the same files
  with the csv module. The dataset is read back with DuckDB and must hold N table rows.
- **dask**: the same files with `--engine dask` on a LocalCluster; the dataset must equal the local one.
- **memory**: peak resident memory of `jixiao batch --jobs 1` over 1,000 and over 100,000 tables (files of
  100 tables each past the first run's size), which stays flat when the batch streams.
- **review + score**: tables already read, then reviewed (target tables) or scored (self-evaluations) in this
  process: tables per CPU second.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import jixiao
from jixiao.batch.summary import connect
from jixiao.review import Reviewer
from jixiao.scoring.detect import detect_profile

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "seed_2024.txt"
SAMPLES = ROOT / "tests" / "data" / "samples"
JIXIAO = Path(sys.executable).with_name("jixiao")
DATASETS = ("tables", "indicators", "findings", "scores", "files")


def seed_blocks() -> list[str]:
    return ["## " + block for block in SEED.read_text(encoding="utf-8").split("## ")[1:]]


def numbered(block: str, number: int) -> str:
    """The block with its project name made unique: 项目名称 … X becomes X（第N号）."""
    head, _, rest = block.partition("\n项目名称")
    line, _, tail = rest.partition("\n")
    return f"{head}\n项目名称{line.rstrip()}（第{number}号）\n{tail}"


def make_files(folder: Path, tables: int, per_file: int = 1) -> None:
    folder.mkdir(parents=True)
    blocks = seed_blocks()
    for start in range(0, tables, per_file):
        count = min(per_file, tables - start)
        text = "\n".join(numbered(blocks[(start + i) % len(blocks)], start + i) for i in range(count))
        (folder / f"{start // per_file:06d}.txt").write_text(text, encoding="utf-8")


def csv_floor(folder: Path) -> float:
    start = time.process_time()
    cells = 0
    for path in sorted(folder.iterdir()):
        with path.open(encoding="utf-8", newline="") as handle:
            cells += sum(len(row) for row in csv.reader(handle, delimiter="\t"))
    return time.process_time() - start


def run_child(args: list[str]) -> tuple[float, float, int]:
    """(CPU seconds of the child and its workers, wall seconds, peak resident KB of the largest of them)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    done = subprocess.run(args, capture_output=True, text=True)
    wall = time.monotonic() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, after.ru_maxrss


def batch(folder: Path, dataset: Path, *extra: str) -> tuple[float, float, int]:
    return run_child([str(JIXIAO), "batch", str(folder), "--dataset", str(dataset), "--no-progress", *extra])


def table_rows(dataset: Path) -> int:
    connection = connect(dataset)
    try:
        found = connection.execute("SELECT count(*) FROM tables").fetchone()
    finally:
        connection.close()
    return int(found[0]) if found else 0


def fingerprint(dataset: Path) -> str:
    """A hash of every row of every dataset, in a fixed order (part names and their order do not count)."""
    connection = connect(dataset)
    digest = hashlib.blake2b(digest_size=16)
    try:
        for name in DATASETS:
            cursor = connection.execute(f"SELECT * FROM {name} ORDER BY ALL")
            while rows := cursor.fetchmany(10_000):
                digest.update(repr(rows).encode())
    finally:
        connection.close()
    return digest.hexdigest()


def cpu_of(job: Callable[[], object]) -> float:
    start = time.process_time()
    job()
    return time.process_time() - start


def review_and_score(count: int) -> tuple[int, float, int, float]:
    """(target tables reviewed, CPU s, self-evaluations scored, CPU s) for ``count`` of each."""
    targets = []
    with tempfile.TemporaryDirectory() as folder:
        blocks = seed_blocks()
        for start in range(0, count, 1_000):  # files of 1,000 tables: within the cells one file may have
            path = Path(folder) / f"targets-{start}.txt"
            size = min(1_000, count - start)
            path.write_text("\n".join(blocks[(start + i) % len(blocks)] for i in range(size)), encoding="utf-8")
            targets.extend(jixiao.read(path))
    reviewer = Reviewer("national")
    review_cpu = cpu_of(lambda: [reviewer.review(table) for table in targets])
    samples = [jixiao.read_selfevals(SAMPLES / name) for name in ("003_a.tsv", "004_a.tsv", "011_a.tsv")]
    selfevals = [(s, "auto") for group in samples for s in group]
    profiles = [detect_profile(s.table, s.form_code) for s, _ in selfevals]
    chosen = [(selfevals[i % len(selfevals)][0], profiles[i % len(selfevals)]) for i in range(count)]
    score_cpu = cpu_of(lambda: [jixiao.score(selfeval, profile=profile) for selfeval, profile in chosen])
    return len(targets), review_cpu, len(chosen), score_cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tables", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--dask", action="store_true", help="also run the Dask engine on a LocalCluster")
    parser.add_argument("--memory", default="1000,100000", help="table counts for the peak-memory runs ('' skips)")
    parser.add_argument("--review", type=int, default=10_000, help="tables for review + score (0 skips)")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {platform.processor() or '?'}, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as scratch:
        root = Path(scratch)
        if args.tables:
            folder = root / "files"
            make_files(folder, args.tables)
            floor = csv_floor(folder)
            cpu, wall, _peak = batch(folder, root / "local", "--jobs", str(args.jobs))
            rows = table_rows(root / "local")
            assert rows == args.tables, rows
            print(f"batch of {args.tables} one-table files, --jobs {args.jobs}: {rows} table rows read back by DuckDB")
            print(f"  jixiao batch: {cpu:.1f} CPU s = {args.tables / cpu:,.0f} tables/s per core; {wall:.1f} s wall")
            print(f"  csv floor:    {floor:.2f} CPU s = {args.tables / floor:,.0f} tables/s")
            print(f"  ratio batch/csv: {cpu / floor:.0f}x")
            if args.dask:
                cpu, wall, _peak = batch(folder, root / "dask", "--jobs", str(args.jobs), "--engine", "dask")
                same = fingerprint(root / "dask") == fingerprint(root / "local")
                print(f"  dask LocalCluster: {cpu:.1f} CPU s, {wall:.1f} s wall; dataset identical: {same}")
                assert same
        for count in [int(n) for n in args.memory.split(",") if n]:
            folder = root / f"memory-{count}"
            make_files(folder, count, per_file=1 if count <= 10_000 else 100)
            cpu, wall, peak = batch(folder, root / f"memory-ds-{count}", "--jobs", "1")
            assert table_rows(root / f"memory-ds-{count}") == count
            print(f"memory, {count} tables, --jobs 1: peak {peak / 1024:.0f} MB; {cpu:.1f} CPU s, {wall:.1f} s wall")
    if args.review:
        reviewed, review_cpu, scored, score_cpu = review_and_score(args.review)
        rate = (reviewed + scored) / (review_cpu + score_cpu)
        print(f"review: {reviewed} tables in {review_cpu:.2f} CPU s = {reviewed / review_cpu:,.0f} tables/s")
        print(f"score:  {scored} tables in {score_cpu:.2f} CPU s = {scored / score_cpu:,.0f} tables/s")
        print(f"review + score: {rate:,.0f} tables/s per core")


if __name__ == "__main__":
    main()
