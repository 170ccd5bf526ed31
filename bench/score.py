"""Benchmark: self-evaluations scored per second over 10,000 tables.

Run with ``.venv/bin/python bench/score.py [N]``. The tables are the published 自评表 samples
(national, Hubei, Sichuan layouts) with their actual values varied at random (seeded), so each
table is scored and audited afresh: formulas, weight inference, rounding, grade and the JX-S rules.
Reading (text → grid → recognizer) and scoring are timed separately in the same run; the
self-evaluations per second of scoring alone is the headline figure.
"""

from __future__ import annotations

import dataclasses
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

from jixiao.io.text import read_text
from jixiao.model import Kind, Operator, Target
from jixiao.model_selfeval import SelfEvaluation
from jixiao.recognize.selfeval import recognize_selfevals
from jixiao.scoring import score
from jixiao.scoring.detect import detect_profile

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = [ROOT / "tests" / "data" / "samples" / name for name in ("003_a.tsv", "004_a.tsv", "011_a.tsv")]


def _vary(selfeval: SelfEvaluation, rng: random.Random) -> SelfEvaluation:
    """The same table with each numeric actual moved to between 50 % and 120 % of its target."""
    results = []
    for result in selfeval.results:
        target = result.indicator.target
        if target is not None and target.value is not None:
            value = (target.value * Decimal(rng.randint(50, 120)) / 100).quantize(Decimal("0.01"))
            actual = Target(f"{value}{target.unit or ''}", Kind.NUMBER, Operator.EQ, value, unit=target.unit)
            result = dataclasses.replace(result, actual=actual)
        results.append(result)
    return dataclasses.replace(selfeval, results=tuple(results))


def main(count: int = 10_000) -> None:
    texts = [path.read_text(encoding="utf-8") for path in SAMPLES]
    start = time.perf_counter()
    read = [
        selfeval
        for i in range(count)
        for selfeval in recognize_selfevals(read_text(texts[i % len(texts)], str(SAMPLES[i % len(texts)]))[0])
    ]
    reading = time.perf_counter() - start

    profiles = {se.table.source_file: detect_profile(se.table, se.form_code) for se in read[: len(texts)]}
    rng = random.Random(2024)
    tables = [(_vary(selfeval, rng), profiles[selfeval.table.source_file]) for selfeval in read]
    for selfeval, profile in tables[:50]:  # warm the profile cache
        score(selfeval, profile)
    start = time.perf_counter()
    findings = sum(len(score(selfeval, profile).findings.findings) for selfeval, profile in tables)
    scoring = time.perf_counter() - start

    print(f"read alone:   {count} self-evaluations in {reading:.2f} s = {count / reading:,.0f} per second")
    print(f"score alone:  {count} self-evaluations in {scoring:.2f} s = {count / scoring:,.0f} per second")
    both = reading + scoring
    print(f"read + score: {both:.2f} s = {count / both:,.0f} per second; score / read = {scoring / reading:.2f}")
    print(f"{findings} findings ({findings / count:.1f} a table)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
