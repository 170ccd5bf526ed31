"""Benchmark: the indicator library over many tables — learning, storing, suggesting, and review with it.

    .venv/bin/python bench/library.py [--copies 300]

The real target tables and 自评表 of tests/data and the seed (about 40 tables, 300 indicators) are read once and
repeated ``copies`` times, each copy under its own project name, so the library holds ``copies`` × 300
observations in about 300 entries. Timed in the same run: parsing the files (the baseline), learning the library
from the parsed tables, writing it to SQLite and reading it back, the first and the later suggestions, and
reviewing the seed's tables with and without the library. Times are CPU time of the process (the machine is shared).
"""

from __future__ import annotations

import argparse
import dataclasses
import tempfile
import time
from pathlib import Path

from jixiao.batch import expand
from jixiao.errors import JixiaoError
from jixiao.library import library_from_tables, open_library, store
from jixiao.model import TargetTable
from jixiao.reading import read
from jixiao.review import Reviewer

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SOURCES = [DATA / "corpus", DATA / "samples", DATA / "review" / "clean", DATA / "selfeval", DATA / "unseen",
           DATA / "years", ROOT / "examples" / "seed_2024.txt"]  # fmt: skip
QUERIES = ("群众满意度", "培训", "验收合格率", "利润总额", "完成时间", "资金拨付", "覆盖率", "担保")


def tables() -> list[TargetTable]:
    found: list[TargetTable] = []
    for path in expand(SOURCES):
        if path.suffix in (".tsv", ".txt"):
            try:
                found.extend(read(path))
            except JixiaoError:  # the corpus holds layouts jixiao refuses; they are not timed
                continue
    return found


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--copies", type=int, default=300)
    args = options.parse_args()

    started = time.process_time()
    real = tables()
    parsing = time.process_time() - started
    many = [dataclasses.replace(t, project_name=f"{t.project_name}{n}") for n in range(args.copies) for t in real]

    started = time.process_time()
    library = library_from_tables(many)
    learning = time.process_time() - started

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "lib.sqlite"
        started = time.process_time()
        store.write(path, library.observations, ())
        writing = time.process_time() - started
        started = time.process_time()
        library = open_library(path)
        opening = time.process_time() - started

    started = time.process_time()
    library.suggest(QUERIES[0])
    first = time.process_time() - started
    started = time.process_time()
    for query in QUERIES * 5:
        library.suggest(query)
    warm = (time.process_time() - started) / (len(QUERIES) * 5)

    seed = read(ROOT / "examples" / "seed_2024.txt") * 50
    plain, with_library = Reviewer(), Reviewer(library=library)
    started = time.process_time()
    for table in seed:
        plain.review(table)
    reviewing = time.process_time() - started
    started = time.process_time()
    found = sum(1 for table in seed for f in with_library.review(table).findings if f.code == "JX-R010")
    reviewing_with = time.process_time() - started

    observations = len(library.observations)
    print(f"tables: {len(real)} real × {args.copies} = {len(many)}; observations: {observations}; "
          f"entries: {len(library.entries())}")  # fmt: skip
    print(f"parse the real files once (baseline): {parsing:7.2f} s  {len(real) / parsing:8.0f} tables/s")
    print(f"learn the library:                   {learning:7.2f} s  {len(many) / learning:8.0f} tables/s")
    print(f"write SQLite / open it:              {writing:7.2f} s / {opening:.2f} s")
    print(f"suggest: first {first * 1000:.0f} ms, then {warm * 1000:.1f} ms a query")
    print(f"review {len(seed)} tables: {reviewing:.2f} s alone, {reviewing_with:.2f} s with the library "
          f"({reviewing_with / reviewing:.2f}×), {found} JX-R010 findings")  # fmt: skip
    print(f"learn / parse per table: {(learning / len(many)) / (parsing / len(real)):.3f}")


if __name__ == "__main__":
    main()
