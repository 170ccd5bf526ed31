#!/usr/bin/env python3
"""Fuzz every reader for a while: mutated seed files through ``jixiao.read``, outcomes counted per format.

    .venv/bin/python bench/fuzz.py --minutes 10                 # each format for 10 minutes
    .venv/bin/python bench/fuzz.py --minutes 1 --formats xlsx pdf
    .venv/bin/python bench/fuzz.py --minutes 10 --update        # and write the figures under "## fuzz" in RESULTS.md

Every input that was not clean (a crash, over 10 s, a reading process over 1 GB) is kept in ``--keep``
(default ``bench/fuzz-found/``); fix the cause, then move the file to ``tests/data/hostile/`` as a regression case.
The campaigns are those of ``tests/fuzz/harness.py``; the suite runs them briefly with a fixed seed.
"""

from __future__ import annotations

import argparse
import platform
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fuzz"))

from harness import FORMATS, Outcome, campaign  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=1.0, help="minutes per format")
    parser.add_argument("--formats", nargs="*", default=list(FORMATS), choices=FORMATS)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--keep", type=Path, default=ROOT / "bench" / "fuzz-found")
    parser.add_argument("--update", action="store_true", help="write the figures into bench/RESULTS.md")
    args = parser.parse_args()
    rows = []
    for name in args.formats:
        started = time.perf_counter()
        counted, bad, peak = campaign(name, seconds=args.minutes * 60, seed=args.seed, keep=args.keep)
        elapsed = time.perf_counter() - started
        total = sum(counted.values())
        row = (name, total, counted[Outcome.CLEAN], counted[Outcome.CRASH], counted[Outcome.OVER_TIME],
               counted[Outcome.OVER_MEMORY], peak, total / elapsed)  # fmt: skip
        rows.append(row)
        print(f"{name:<7} {total:>6} inputs  clean {row[2]:>6}  crash {row[3]}  over time {row[4]}  "
              f"over memory {row[5]}  peak {peak:.0f} MB  {row[7]:.1f}/s", flush=True)  # fmt: skip
        for kept, result in bad[:10]:
            print(f"        {result.outcome.value}: {result.detail}  → {kept}")
    if args.update:
        update(rows, args.minutes, args.seed)
    return 0 if all(row[1] == row[2] for row in rows) else 1


def update(rows: list[tuple[str, int, int, int, int, int, float, float]], minutes: float, seed: int) -> None:
    machine = f"{platform.machine()}, Python {platform.python_version()}"
    lines = [
        "## fuzz",
        "",
        f"`.venv/bin/python bench/fuzz.py --minutes {minutes:g}` on {time.strftime('%Y-%m-%d')} ({machine}, "
        f"seed {seed}): mutated seed files of each format through `jixiao.read`; over time means more than 10 s "
        "of CPU (the read and its reading process) or stopped by the wall-clock limit, over memory a reading "
        "process past 1 GB.",
        "",
        "| format | inputs | clean | crash | over time | over memory | peak MB | inputs/s |",
        "|---|---|---|---|---|---|---|---|",
        *(f"| {r[0]} | {r[1]:,} | {r[2]:,} | {r[3]} | {r[4]} | {r[5]} | {r[6]:.0f} | {r[7]:.1f} |" for r in rows),
        "",
    ]
    text = RESULTS.read_text(encoding="utf-8")
    section = "\n".join(lines)
    if "## fuzz" in text:
        text = re.sub(r"## fuzz\n.*?(?=\n## |\Z)", section.rstrip("\n") + "\n", text, flags=re.DOTALL)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
