#!/usr/bin/env python3
"""OCR accuracy and speed on synthetic scans of tables in the official layout.

The seed's six tables and the samples are written as PDF in the official layout, rasterised at 150 and 300 dpi,
degraded (``bench/scans.py``: blur, noise, rotation up to 1°, JPEG) and wrapped as image-only PDFs; each scan is
read through ``jixiao.read`` (the OCR reader in its bounded child process, then the recognizer) and compared, table
by table and indicator by indicator, with the same tables read from the original text:

* cells exact: header fields and indicator cells whose text is the source's (width and bracket forms folded);
* operators kept: targets with an operator (≥ ≤ …) whose operator came through;
* values exact: targets whose kind, operator, value(s) and unit are the source's;
* silent: indicators with a wrong target that no reading note asks a person to confirm — must be 0;
* noted: cells a person is asked to confirm (the cost of the doubt, for the clerk);
* s/page: wall-clock and CPU seconds per page. The scans are read in this process (``JIXIAO_ISOLATE_READERS=0``) so
  that the CPU time is this process's; ``jixiao.read`` in its bounded child adds a fork and the model's load
  (about a second) per file. The peak address space of the reading is printed at the end.

    .venv/bin/python bench/ocr.py                 # seed at 150 and 300 dpi, every level; prints the table
    .venv/bin/python bench/ocr.py --samples       # the samples too
    .venv/bin/python bench/ocr.py --pages 10      # seconds for a 10-page scan (the seed's pages, repeated)
    .venv/bin/python bench/ocr.py --fixtures      # rewrite the small scans kept in tests/data/scans/
"""

from __future__ import annotations

import argparse
import difflib
import os
import platform
import sys
import tempfile
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scans

import jixiao
from jixiao.model import Indicator, TargetTable

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "seed_2024.txt"
SAMPLES = sorted((ROOT / "tests" / "data" / "samples").glob("0*.tsv"))
FIXTURES = ROOT / "tests" / "data" / "scans"
_FIELDS = ("name", "number", "basis", "scoring_rule", "evidence", "level1_text", "level2_text")
_HEADER = ("project_name", "budget_unit", "project_lead")


@dataclass
class Tally:
    cells: int = 0
    cells_exact: int = 0
    operators: int = 0
    operators_kept: int = 0
    values: int = 0
    values_exact: int = 0
    indicators_found: int = 0
    indicators: int = 0
    silent: int = 0
    noted: int = 0
    pages: int = 0
    seconds: float = 0.0
    cpu: float = 0.0
    wrong: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)


def fold(text: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").replace("≧", "≥").replace("≦", "≤").split())


def _target_key(indicator: Indicator) -> tuple[object, ...]:
    target = indicator.target
    if target is None:
        return (None,)
    return (target.kind, target.operator, target.value, target.upper, target.unit, target.date)


def _aligned(ours: tuple[Indicator, ...], truth: tuple[Indicator, ...]) -> Iterable[tuple[Indicator | None, Indicator]]:
    if len(ours) == len(truth):
        yield from zip(ours, truth, strict=True)
        return
    matcher = difflib.SequenceMatcher(a=[fold(i.name) for i in ours], b=[fold(i.name) for i in truth], autojunk=False)
    matched = {
        b: a
        for a, b, size in matcher.get_matching_blocks()
        for a, b in zip(range(a, a + size), range(b, b + size), strict=True)
    }
    for index, indicator in enumerate(truth):
        yield (ours[matched[index]] if index in matched else None), indicator


def compare(ours: list[TargetTable], truth: list[TargetTable]) -> Tally:
    tally = Tally()
    for table_index, expected in enumerate(truth):
        table = ours[table_index] if table_index < len(ours) else TargetTable()
        noted = {(note.row, note.column) for note in table.notes if note.needs_confirmation}
        tally.noted += len(noted)
        for name in _HEADER:
            tally.cells += 1
            tally.cells_exact += fold(getattr(table, name)) == fold(getattr(expected, name))
        tally.indicators += len(expected.indicators)
        for indicator, want in _aligned(table.indicators, expected.indicators):
            if indicator is None:
                tally.silent += 1
                tally.wrong.append(f"{table_index + 1} {want.name}: missing")
                continue
            tally.indicators_found += 1
            for name in _FIELDS:
                tally.cells += 1
                tally.cells_exact += fold(getattr(indicator, name)) == fold(getattr(want, name))
            for getter in (lambda i: i.target.text if i.target else "", lambda i: i.prior.text if i.prior else ""):
                tally.cells += 1
                tally.cells_exact += fold(getter(indicator)) == fold(getter(want))
            tally.cells += 1
            tally.cells_exact += indicator.weight == want.weight
            if want.target is not None and want.target.operator is not None:
                tally.operators += 1
                tally.operators_kept += (
                    indicator.target is not None and indicator.target.operator == want.target.operator
                )
            tally.values += 1
            right = _target_key(indicator) == _target_key(want)
            tally.values_exact += right
            if not right:
                place = (indicator.source.row, indicator.source.column("target"))
                seen = place in noted
                tally.silent += not seen
                text = indicator.target.text if indicator.target else None
                tally.wrong.append(f"{table_index + 1} {want.name}: {text!r} ({'noted' if seen else 'SILENT'})")
    return tally


def read_scan(path: Path) -> tuple[list[TargetTable], float, float]:
    """The tables of a scan, with the wall-clock and CPU seconds reading it took."""
    started, cpu = time.perf_counter(), time.process_time()
    tables = jixiao.read(path)
    return tables, time.perf_counter() - started, time.process_time() - cpu


def peak_memory() -> str:
    status = Path("/proc/self/status")
    if not status.exists():
        return "—"
    line = next((line for line in status.read_text().splitlines() if line.startswith("VmPeak")), "")
    return f"{int(line.split()[1]) / 1024 / 1024:.2f} GB" if line else "—"


def measure(sources: list[Path], dpis: list[int], levels: list[str], folder: Path) -> dict[tuple[int, str], Tally]:
    results: dict[tuple[int, str], Tally] = {}
    for dpi in dpis:
        for level in levels:
            total = Tally()
            for source in sources:
                scan = scans.scan(source, folder / f"{source.stem}-{dpi}-{level}.pdf", dpi=dpi, level=level)
                tables, seconds, cpu = read_scan(scan)
                tally = compare(tables, jixiao.read(source))
                tally.pages, tally.seconds, tally.cpu = scans.page_count(scan), seconds, cpu
                total.add(tally)
            results[(dpi, level)] = total
            print(row(dpi, level, total), flush=True)
            for line in total.wrong:
                print("    ", line, flush=True)
    return results


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "—"


def row(dpi: int, level: str, tally: Tally) -> str:
    return (
        f"| {dpi} | {level} | {tally.indicators_found}/{tally.indicators} | {percent(tally.cells_exact, tally.cells)} "
        f"| {percent(tally.operators_kept, tally.operators)} | {percent(tally.values_exact, tally.values)} "
        f"| {tally.silent} | {tally.noted} | {tally.seconds / max(tally.pages, 1):.1f} "
        f"| {tally.cpu / max(tally.pages, 1):.1f} |"
    )


HEADER = (
    "| dpi | degradation | indicators | cells exact | operators kept | values exact | silent | noted | s/page "
    "| CPU s/page |\n|---|---|---|---|---|---|---|---|---|---|"
)


def many_pages(folder: Path, count: int) -> tuple[float, float]:
    """Wall-clock and CPU seconds to read a scan of ``count`` pages (the seed at 150 dpi, medium, pages repeated)."""
    printed = scans.official_pdf(SEED, folder / "seed.pdf")
    images = scans.rasterise(printed, 150)
    rng = scans.random.Random("many")
    pages = [scans.degrade(images[i % len(images)], scans.LEVELS["medium"], 150, rng) for i in range(count)]
    scan = scans.image_pdf(pages, folder / "many.pdf", 150, quality=70)
    _tables, seconds, cpu = read_scan(scan)
    return seconds, cpu


def fixtures() -> None:
    """The scan kept for the tests: the seed's first page (table 1) at 150 dpi with medium degradation."""
    FIXTURES.mkdir(parents=True, exist_ok=True)
    scans.scan(SEED, FIXTURES / "seed_p1_150dpi_medium.pdf", dpi=150, level="medium", pages=slice(0, 1), quality=40)
    for path in sorted(FIXTURES.iterdir()):
        print(path.relative_to(ROOT), path.stat().st_size)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dpi", type=int, nargs="*", default=[150, 300])
    parser.add_argument("--levels", nargs="*", default=list(scans.LEVELS))
    parser.add_argument("--samples", action="store_true", help="the samples as well as the seed")
    parser.add_argument("--pages", type=int, help="time a scan of this many pages instead")
    parser.add_argument("--fixtures", action="store_true", help="rewrite tests/data/scans/")
    arguments = parser.parse_args()
    os.environ["JIXIAO_ISOLATE_READERS"] = "0"  # read here, so that the CPU time measured is the reading's
    if arguments.fixtures:
        fixtures()
        return
    load = os.getloadavg()[0]
    print(f"{platform.machine()}, {os.cpu_count()} cores, load {load:.1f}, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        if arguments.pages:
            seconds, cpu = many_pages(folder, arguments.pages)
            print(f"{arguments.pages} pages: {seconds:.1f} s wall-clock, {cpu:.1f} s CPU; peak {peak_memory()}")
            return
        sources = [SEED, *(SAMPLES if arguments.samples else [])]
        print(HEADER)
        measure(sources, arguments.dpi, arguments.levels, folder)
        print(f"peak address space {peak_memory()}")


if __name__ == "__main__":
    main()
