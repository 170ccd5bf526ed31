"""Comparing read tables with tests/data/expected.tsv (the six seed tables, 53 indicators)."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from pathlib import Path

from jixiao.model import TargetTable

DATA = Path(__file__).resolve().parents[1] / "data"
SEED = Path(__file__).resolve().parents[2] / "examples" / "seed_2024.txt"
_OPERATORS = {"≥": ">=", "≤": "<=", "≦": "<=", "≧": ">="}


def _number(text: str) -> Decimal | None:
    return Decimal(text.replace(",", "")) if text else None


def _fold(text: str | None) -> str:
    folded = unicodedata.normalize("NFKC", text or "")
    return "".join(folded.split())


def expected_rows() -> tuple[list[list[str]], list[list[str]]]:
    tables, indicators = [], []
    for line in (DATA / "expected.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        fields = line.split("\t")
        (tables if fields[0] == "table" else indicators).append(fields[1:])
    return tables, indicators


def differences(tables: list[TargetTable]) -> list[str]:
    """What differs from expected.tsv, one line per field; empty when all 6 tables and 53 indicators match."""
    expected_tables, expected_indicators = expected_rows()
    problems: list[str] = []
    if len(tables) != len(expected_tables):
        return [f"{len(tables)} tables read, {len(expected_tables)} expected"]
    for table, (number, name, unit, lead, total, fiscal, other) in zip(tables, expected_tables, strict=True):
        got = (table.project_name, table.budget_unit, table.project_lead)
        if tuple(_fold(x) for x in got) != (_fold(name), _fold(unit), _fold(lead)):
            problems.append(f"table {number}: header {got}")
        funding = (table.funding.total, table.funding.fiscal, table.funding.other)
        if funding != (_number(total), _number(fiscal), _number(other)):
            problems.append(f"table {number}: funding {funding}")
    read_indicators = [(i, ind) for i, table in enumerate(tables, 1) for ind in table.indicators]
    if len(read_indicators) != len(expected_indicators):
        problems.append(f"{len(read_indicators)} indicators read, {len(expected_indicators)} expected")
    for (table_no, ind), row in zip(read_indicators, expected_indicators, strict=False):
        number, level1, level2, name, operator, value, unit, basis, prior, weight, rule, evidence = row[1:]
        target = ind.target
        got = [
            str(table_no),
            ind.number or "",
            ind.level1 or "",
            ind.level2 or "",
            _fold(ind.name),
            target.operator.value if target and target.operator else "",
            target.value if target else None,
            (target.unit or "") if target else "",
            ind.basis or "",
            _fold(ind.prior.text if ind.prior else ""),
            ind.weight,
            ind.scoring_rule or "",
            ind.evidence or "",
        ]
        want = [
            row[0],
            number,
            level1,
            level2,
            _fold(name),
            _OPERATORS.get(operator, operator),
            _number(value),
            unit,
            basis,
            _fold(prior),
            _number(weight),
            rule,
            evidence,
        ]
        if got != want:
            problems.append(f"table {table_no} {ind.name}: read {got}, expected {want}")
    return problems
