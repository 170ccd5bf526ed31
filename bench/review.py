"""Benchmark: review throughput over 10,000 seed tables, and its cost relative to parsing alone.

    .venv/bin/python bench/review.py [--tables 10000] [--profile national]

Both are measured in the same run on the same tables: parsing is text → grids → TargetTable
(read_text + recognize); review is every review rule over the parsed tables. Last, the cost of naming the profile
on every call (``review(table, "national")``, as the web's live review does) against passing a loaded one.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from jixiao.io.text import read_text
from jixiao.model import TargetTable
from jixiao.profile import load_profile
from jixiao.recognize import recognize
from jixiao.review import Reviewer, review

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
    by_name, loaded = profile_cost(tables[0], args.profile)
    print(
        f"review(table, {args.profile!r}) × 50: {by_name * 1000:.2f} ms a call against {loaded * 1000:.2f} ms "
        f"with a loaded profile: {by_name / loaded:.2f}×"
    )


def profile_cost(table: TargetTable, name: str, calls: int = 50, rounds: int = 5) -> tuple[float, float]:
    """Seconds a call of ``review(table, name)`` and of ``review(table, loaded)``: best of ``rounds``, interleaved."""
    profile = load_profile(name)
    review(table, name)
    best_name = best_loaded = float("inf")
    for _ in range(rounds):
        for given in (name, profile):
            started = time.process_time()
            for _ in range(calls):
                review(table, given)
            spent = (time.process_time() - started) / calls
            if given is profile:
                best_loaded = min(best_loaded, spent)
            else:
                best_name = min(best_name, spent)
    return best_name, best_loaded


if __name__ == "__main__":
    main()
