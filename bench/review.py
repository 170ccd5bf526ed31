"""Benchmark: review throughput over 10,000 seed tables, and its cost relative to parsing alone.

    .venv/bin/python bench/review.py [--tables 10000] [--profile national]

Both are measured in the same run on the same tables: parsing is text → grids → TargetTable
(read_text + recognize); review is every review rule over the parsed tables.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from jixiao.io.text import read_text
from jixiao.model import TargetTable
from jixiao.recognize import recognize
from jixiao.review import Reviewer

SEED = Path(__file__).resolve().parents[1] / "examples" / "seed_2024.txt"
TABLES_PER_SEED = 6


def parse(text: str) -> list[TargetTable]:
    tables: list[TargetTable] = []
    for grid in read_text(text, "bench"):
        tables.extend(recognize(grid))
    return tables


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--tables", type=int, default=10_000)
    options.add_argument("--profile", default="national")
    args = options.parse_args()
    seed = SEED.read_text(encoding="utf-8")
    text = "\n".join([seed] * (args.tables // TABLES_PER_SEED + 1))

    started = time.perf_counter()
    tables = parse(text)[: args.tables]
    parsing = time.perf_counter() - started

    reviewer = Reviewer(args.profile)
    started = time.perf_counter()
    findings = sum(len(reviewer.review(table).findings) for table in tables)
    reviewing = time.perf_counter() - started

    count = len(tables)
    print(f"tables: {count}, rules: {len(reviewer.rules)}, profile: {args.profile}, findings: {findings}")
    print(f"parse alone:    {parsing:8.2f} s  {count / parsing:10.0f} tables/s")
    print(f"review alone:   {reviewing:8.2f} s  {count / reviewing:10.0f} tables/s")
    print(f"parse + review: {parsing + reviewing:8.2f} s  {count / (parsing + reviewing):10.0f} tables/s")
    print(f"review / parse time ratio: {reviewing / parsing:.2f}")


if __name__ == "__main__":
    main()
