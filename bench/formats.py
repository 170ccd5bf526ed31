#!/usr/bin/env python3
"""Reading speed of the formats, measured in one run on the six seed tables, each against a bare read of the same
file by the library jixiao reads it with.

* xlsx: ``jixiao.read`` (container checks, calamine, grid, recognizer) against a bare python-calamine read of every
  cell of the same file — the ratio is what the road costs over the library;
* pdf: ``jixiao.read`` on the seed as written by the PDF writer (WeasyPrint) against bare pdfplumber table
  extraction (``extract_tables`` on every page).

Times are CPU seconds: this process's, plus the bounded reading process's for the files jixiao reads in one
(:mod:`jixiao.io.isolation` reports it), so that other jobs on the machine disturb the figures little.

    .venv/bin/python bench/formats.py            # print the figures
    .venv/bin/python bench/formats.py --update   # and write them under "## formats" in bench/RESULTS.md
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import python_calamine

import jixiao
from jixiao.io import isolation
from jixiao.io.writers import write

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS.md"


def cpu_rate(work: Callable[[], int], seconds: float) -> tuple[float, int]:
    """Units per CPU second of ``work`` (which returns the units it did), repeated for about ``seconds`` of CPU."""
    work()  # warm up imports and caches
    done, runs, spent = 0, 0, 0.0
    while spent < seconds or runs < 3:
        isolation.last_cpu_seconds = 0.0
        started = time.process_time()
        done += work()
        spent += time.process_time() - started + isolation.last_cpu_seconds
        runs += 1
    return done / spent, runs


def bare_calamine(path: Path) -> int:
    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    cells = 0
    for name in workbook.sheet_names:
        cells += sum(len(row) for row in workbook.get_sheet_by_name(name).to_python())
    workbook.close()
    return len(workbook.sheet_names)  # one table per sheet in our layout


def bare_pdfplumber(path: Path) -> int:
    with pdfplumber.open(path) as document:
        for page in document.pages:
            page.extract_tables()
        return len(document.pages)


def measure(seconds: float) -> list[str]:
    tables = jixiao.read(ROOT / "examples" / "seed_2024.txt")
    with tempfile.TemporaryDirectory() as folder:
        xlsx = write(tables, Path(folder) / "seed.xlsx")
        pdf = write(tables, Path(folder) / "seed.pdf")
        with pdfplumber.open(pdf) as document:
            pages = len(document.pages)
        ours, our_runs = cpu_rate(lambda: len(jixiao.read(xlsx)), seconds)
        bare, bare_runs = cpu_rate(lambda: bare_calamine(xlsx), seconds)
        pdf_pages, pdf_runs = cpu_rate(lambda: len(jixiao.read(pdf)) and pages, seconds)
        pdf_bare, pdf_bare_runs = cpu_rate(lambda: bare_pdfplumber(pdf), seconds)
    load = os.getloadavg()[0]
    return [
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}, load {load:.1f}; the six seed tables (53 indicators), one run of `bench/formats.py`, "
        "in CPU time (this process and its reading process).",
        "",
        "| what | figure | runs |",
        "|---|---|---|",
        f"| xlsx, `jixiao.read` | {ours:.1f} tables/s | {our_runs} |",
        f"| xlsx, bare python-calamine cell read | {bare:.1f} tables/s | {bare_runs} |",
        f"| xlsx ratio, jixiao / bare calamine (time) | {bare / ours:.1f}× | |",
        f"| pdf ({pages} pages, WeasyPrint-written), `jixiao.read` | {pdf_pages:.1f} pages/s | {pdf_runs} |",
        f"| pdf, bare pdfplumber `extract_tables` | {pdf_bare:.1f} pages/s | {pdf_bare_runs} |",
        f"| pdf ratio, jixiao / bare pdfplumber (time) | {pdf_bare / pdf_pages:.2f}× | |",
    ]


def update(lines: list[str]) -> None:
    section = "## formats\n\n" + "\n".join(lines) + "\n"
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    if "## formats\n" in text:
        text = re.sub(r"## formats\n.*?(?=\n## |\Z)", section, text, flags=re.DOTALL)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time spent on each measurement")
    parser.add_argument("--update", action="store_true", help="write the figures into bench/RESULTS.md")
    options = parser.parse_args()
    lines = measure(options.seconds)
    print("\n".join(lines))
    if options.update:
        update(lines)


if __name__ == "__main__":
    main()
