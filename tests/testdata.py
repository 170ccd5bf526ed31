"""Shared test data: the seed tables, expected.tsv and a comparison of parsed tables against it.

Imported by name (``from testdata import SEED``); ``tests/conftest.py`` turns the comparison into a fixture.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from jixiao.model import TargetTable

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SEED = ROOT / "examples" / "seed_2024.txt"
EXPECTED = DATA / "expected.tsv"
SAMPLES = DATA / "samples"

TABLE_FIELDS = ("project_name", "budget_unit", "project_lead", "funding.total", "funding.fiscal", "funding.other")
INDICATOR_FIELDS = (
    "number", "level1", "level2", "name", "operator", "value", "unit", "basis", "prior", "weight",
    "scoring_rule", "evidence",
)  # fmt: skip


def expected_rows(path: Path = EXPECTED) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """(table rows, indicator rows) of an expected.tsv as dicts keyed by field name."""
    tables, indicators = [], []
    with path.open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if not row or row[0].startswith("#"):
                continue
            kind, table, *values = row
            if kind == "table":
                tables.append({"table": table, **dict(zip(TABLE_FIELDS, values, strict=True))})
            else:
                indicators.append({"table": table, **dict(zip(INDICATOR_FIELDS, values, strict=True))})
    return tables, indicators


def _decimal_text(value: Decimal | None) -> str:
    return "" if value is None else str(value)


def table_fields(table: TargetTable) -> dict[str, str]:
    funding = table.funding
    return {
        "project_name": table.project_name or "",
        "budget_unit": table.budget_unit or "",
        "project_lead": table.project_lead or "",
        "funding.total": _decimal_text(funding.total),
        "funding.fiscal": _decimal_text(funding.fiscal),
        "funding.other": _decimal_text(funding.other),
    }


def indicator_fields(table: TargetTable) -> list[dict[str, str]]:
    rows = []
    for ind in table.indicators:
        target = ind.target
        rows.append(
            {
                "number": ind.number or "",
                "level1": ind.level1 or "",
                "level2": ind.level2 or "",
                "name": ind.name,
                "operator": target.operator.value if target and target.operator else "",
                "value": _decimal_text(target.value if target else None),
                "unit": (target.unit or "") if target else "",
                "basis": ind.basis or "",
                "prior": ind.prior.text if ind.prior else "",
                "weight": _decimal_text(ind.weight),
                "scoring_rule": ind.scoring_rule or "",
                "evidence": ind.evidence or "",
            }
        )
    return rows


def _same(field: str, got: str, want: str) -> bool:
    if field in ("value", "weight", "funding.total", "funding.fiscal", "funding.other") and got and want:
        return Decimal(got) == Decimal(want.replace(",", ""))
    return got == want


def mismatches(tables: list[TargetTable], path: Path = EXPECTED) -> list[str]:
    """Every field of ``tables`` that differs from an expected.tsv, as 'table N field: got … want …'."""
    want_tables, want_indicators = expected_rows(path)
    problems = []
    if len(tables) != len(want_tables):
        problems.append(f"{len(tables)} tables, want {len(want_tables)}")
    for number, (table, want) in enumerate(zip(tables, want_tables, strict=False), start=1):
        got = table_fields(table)
        problems += [
            f"table {number} {field}: got {got[field]!r} want {want[field]!r}"
            for field in TABLE_FIELDS
            if not _same(field, got[field], want[field])
        ]
        wanted = [row for row in want_indicators if row["table"] == str(number)]
        have = indicator_fields(table)
        if len(have) != len(wanted):
            problems.append(f"table {number}: {len(have)} indicators, want {len(wanted)}")
        for index, (got_row, want_row) in enumerate(zip(have, wanted, strict=False), start=1):
            problems += [
                f"table {number} indicator {index} {field}: got {got_row[field]!r} want {want_row[field]!r}"
                for field in INDICATOR_FIELDS
                if not _same(field, got_row[field], want_row[field])
            ]
    return problems
