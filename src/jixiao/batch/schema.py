"""The Parquet schemas of a batch dataset: tables, indicators, findings, scores and files, joined by table id.

Amounts, values and scores are ``decimal128(38, 10)``; a value that does not fit (more than 28 integer
digits or 10 decimals) is left empty there and kept as written in the ``*_text`` column beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from operator import itemgetter
from typing import Any

import pyarrow as pa

NUMBER = pa.decimal128(38, 10)
_SCALE = Decimal("1e-10")
_LIMIT = Decimal("1e28")

TABLES = pa.schema(
    [
        ("table_id", pa.string()), ("file", pa.string()), ("file_digest", pa.string()), ("file_seq", pa.int64()),
        ("table_index", pa.int32()), ("kind", pa.string()), ("source_row", pa.int32()), ("title", pa.string()),
        ("year", pa.int32()), ("project_name", pa.string()), ("budget_unit", pa.string()),
        ("department", pa.string()), ("implementer", pa.string()), ("project_lead", pa.string()),
        ("funding_total", NUMBER), ("funding_fiscal", NUMBER), ("funding_other", NUMBER),
        ("funding_unit", pa.string()), ("indicators", pa.int32()), ("notes", pa.int32()), ("errors", pa.int32()),
        ("warnings", pa.int32()), ("infos", pa.int32()), ("codes", pa.list_(pa.string())), ("profile", pa.string()),
    ]
)  # fmt: skip
INDICATORS = pa.schema(
    [
        ("table_id", pa.string()), ("position", pa.int32()), ("row", pa.int32()), ("level1", pa.string()),
        ("level2", pa.string()), ("number", pa.string()), ("name", pa.string()), ("target_text", pa.string()),
        ("target_kind", pa.string()), ("operator", pa.string()), ("target_value", NUMBER),
        ("target_upper", NUMBER), ("target_unit", pa.string()), ("prior_text", pa.string()),
        ("prior_value", NUMBER), ("prior_unit", pa.string()), ("prior_in_target_unit", NUMBER),
        ("weight", NUMBER), ("basis", pa.string()), ("scoring_rule", pa.string()), ("actual_text", pa.string()),
        ("actual_value", NUMBER), ("actual_unit", pa.string()), ("score", NUMBER), ("published_score", NUMBER),
        ("status", pa.string()),
    ]
)  # fmt: skip
FINDINGS = pa.schema(
    [
        ("table_id", pa.string()), ("position", pa.int32()), ("code", pa.string()), ("severity", pa.string()),
        ("group", pa.string()), ("title", pa.string()), ("message", pa.string()), ("indicator", pa.string()),
        ("field", pa.string()), ("row", pa.int32()), ("column", pa.int32()),
    ]
)  # fmt: skip
SCORES = pa.schema(
    [
        ("table_id", pa.string()), ("total", NUMBER),
        ("scored_total", NUMBER), ("grade", pa.string()), ("published_total", NUMBER),
        ("published_grade", pa.string()), ("budget_rate", NUMBER), ("budget_score", NUMBER),
        ("budget_published_score", NUMBER), ("budget_weight", NUMBER),
    ]
)  # fmt: skip
#: One row per file of the run: ``ok``, ``error`` (with the reason) or ``duplicate`` (same content as ``same_as``).
FILES = pa.schema(
    [
        ("file", pa.string()), ("file_digest", pa.string()), ("file_seq", pa.int64()), ("status", pa.string()),
        ("message", pa.string()), ("row", pa.int32()), ("tables", pa.int32()), ("same_as", pa.string()),
    ]
)  # fmt: skip

#: Dataset name → schema, in the order parts are written (``files`` last: its part marks the others complete).
DATASETS: dict[str, pa.Schema] = {
    "tables": TABLES,
    "indicators": INDICATORS,
    "findings": FINDINGS,
    "scores": SCORES,
    "files": FILES,
}


def fitted(value: Any) -> Any:
    """A Decimal as the dataset stores it (10 decimals), or None when it does not fit; other values as they are."""
    if not isinstance(value, Decimal):
        return value
    if not value.is_finite() or abs(value) >= _LIMIT:
        return None
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -10:
        return None  # more decimals than the column keeps: the text column has it as written
    try:
        return value.quantize(_SCALE)
    except InvalidOperation:
        return None


def table_of(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    """The rows of dataset ``name`` as an Arrow table of its schema (a column a row lacks is empty there)."""
    schema = DATASETS[name]
    arrays = []
    for column, values in zip(schema, _columns(schema.names, rows), strict=True):
        if column.type == NUMBER:
            try:  # every value fits: Arrow converts the column at once
                arrays.append(pa.array(values, type=NUMBER))
                continue
            except (pa.ArrowInvalid, pa.ArrowTypeError):
                values = [fitted(value) for value in values]
        arrays.append(pa.array(values, type=column.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def _columns(names: list[str], rows: list[dict[str, Any]]) -> list[Sequence[Any]]:
    """The rows turned into columns: the values of every row taken at once, and transposed (not a loop per column)."""
    if not rows:
        return [() for _name in names]
    try:
        return list(zip(*map(itemgetter(*names), rows), strict=True))
    except KeyError:
        return [[row.get(name) for row in rows] for name in names]
