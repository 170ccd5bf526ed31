"""The seed parses to exactly what tests/data/expected.tsv says, field by field."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

import jixiao
from testdata import EXPECTED, SEED, expected_rows, indicator_fields, mismatches, table_fields

TABLES = jixiao.read(SEED)
WANT_TABLES, WANT_INDICATORS = expected_rows()


def test_expected_file_covers_six_tables_and_53_indicators() -> None:
    assert EXPECTED.exists()
    assert (len(WANT_TABLES), len(WANT_INDICATORS)) == (6, 53)


def test_seed_matches_expected_everywhere() -> None:
    assert mismatches(TABLES) == []


def test_comparison_reports_a_changed_field() -> None:
    first = TABLES[0]
    changed = replace(first.indicators[0], weight=Decimal(9))
    tables = [replace(first, indicators=(changed, *first.indicators[1:])), *TABLES[1:]]
    assert mismatches(tables) == ["table 1 indicator 1 weight: got '9' want '8'"]
    assert mismatches(TABLES[:5]) == ["5 tables, want 6"]


@pytest.mark.parametrize("want", WANT_TABLES, ids=lambda row: f"table{row['table']}")
def test_header(want: dict[str, str]) -> None:
    got = table_fields(TABLES[int(want["table"]) - 1])
    for field, value in got.items():
        if field.startswith("funding.") and value and want[field]:
            assert jixiao.parse_target(value).value == jixiao.parse_target(want[field].replace(",", "")).value
        else:
            assert value == want[field], field


@pytest.mark.parametrize(
    "index",
    range(len(WANT_INDICATORS)),
    ids=[f"t{row['table']}-{row['name']}" for row in WANT_INDICATORS],
)
def test_indicator(index: int) -> None:
    want = WANT_INDICATORS[index]
    number = int(want["table"])
    position = [i for i, row in enumerate(WANT_INDICATORS) if row["table"] == want["table"]].index(index)
    got = indicator_fields(TABLES[number - 1])[position]
    for field, value in got.items():
        wanted = want[field]
        if field in ("value", "weight") and value and wanted:
            assert jixiao.parse_target(value).value == jixiao.parse_target(wanted).value, field
        else:
            assert value == wanted, field
