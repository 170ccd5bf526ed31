"""Benchmark: self-evaluations scored per second over 10,000 tables.

Run with ``.venv/bin/python bench/score.py [N]``. The tables are the published 自评表 samples
(national, Hubei, Sichuan layouts) with their actual values varied at random (seeded), so each
table is scored and audited afresh: formulas, weight inference, rounding, grade and the JX-S rules.
Two figures are printed: scoring already-read tables, and reading (text → grid → recognizer) plus
scoring.
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
    bases = [
        se
        for text, path in zip(texts, SAMPLES, strict=True)
        for se in recognize_selfevals(read_text(text, str(path))[0])
    ]
    profiles = [detect_profile(se.table, se.form_code) for se in bases]
    rng = random.Random(2024)
    tables = [(_vary(bases[i % len(bases)], rng), profiles[i % len(bases)]) for i in range(count)]
    for selfeval, profile in tables[:50]:  # warm the profile cache and imports
        score(selfeval, profile)

    start = time.perf_counter()
    findings = sum(len(score(selfeval, profile).report.findings) for selfeval, profile in tables)
    scored = time.perf_counter() - start

    start = time.perf_counter()
    for i in range(count):
        text, path = texts[i % len(texts)], SAMPLES[i % len(texts)]
        for selfeval in recognize_selfevals(read_text(text, str(path))[0]):
            score(selfeval, profiles[i % len(texts)])
    read_and_scored = time.perf_counter() - start

    print(f"score: {count} self-evaluations in {scored:.2f} s — {count / scored:,.0f} per second ({findings} findings)")
    print(f"read + score: {count} in {read_and_scored:.2f} s — {count / read_and_scored:,.0f} per second")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
