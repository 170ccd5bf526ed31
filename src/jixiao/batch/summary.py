"""The batch summary, one row per table and per unreadable file, read back from a dataset with DuckDB.

The rows are streamed in file order (as the run listed them), so a summary of a million tables is written
without holding it in memory; an interrupted and resumed run gives the same summary as one uninterrupted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from ..errors import InputError
from .schema import DATASETS

BATCH_ROWS = 2_000

SUMMARY_SQL = """
SELECT t.file, t.kind, t.project_name, t.budget_unit, t.indicators, t.errors, t.warnings, t.infos, t.codes,
       s.total, s.grade, s.published_total, t.profile, NULL AS message, t.file_seq, t.table_index
FROM tables t LEFT JOIN scores s USING (table_id)
UNION ALL
SELECT f.file, f.status, NULL, NULL, 0, 0, 0, 0, [], NULL, NULL, NULL, NULL, f.message, f.file_seq, 0
FROM files f WHERE f.status <> 'ok'
ORDER BY file_seq, table_index
"""


@dataclass(frozen=True)
class SummaryRow:
    file: str
    kind: str  # target | selfeval | monitor | error | duplicate
    project_name: str | None
    budget_unit: str | None
    indicators: int
    errors: int
    warnings: int
    infos: int
    codes: tuple[str, ...]
    total: Decimal | None
    grade: str | None
    published_total: Decimal | None
    profile: str | None
    message: str | None


def connect(dataset: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with one view per dataset of the folder (tables, indicators, findings, scores, files)."""
    missing = [name for name in DATASETS if not any((dataset / name).glob("*.parquet"))]
    if missing:
        raise InputError(f"不是 jixiao batch 写的数据集：缺少 {'、'.join(missing)}", file=dataset)
    connection = duckdb.connect()
    for name in DATASETS:
        pattern = str(dataset / name / "*.parquet").replace("'", "''")
        connection.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{pattern}')")
    return connection


def summary_rows(dataset: Path) -> Iterator[SummaryRow]:
    connection = connect(dataset)
    try:
        cursor = connection.execute(SUMMARY_SQL)
        while batch := cursor.fetchmany(BATCH_ROWS):
            for record in batch:
                yield _row(record)
    finally:
        connection.close()


def _row(record: tuple[Any, ...]) -> SummaryRow:
    file, kind, name, unit, indicators, errors, warnings, infos, codes, total, grade, published, profile, message = (
        record[:14]
    )
    return SummaryRow(
        file, kind, name, unit, indicators, errors, warnings, infos, tuple(codes or ()), _plain(total), grade,
        _plain(published), profile, message,
    )  # fmt: skip


def _plain(value: Decimal | None) -> Decimal | None:
    """A stored decimal without the dataset's trailing zeros (100.0000000000 → 100, 99.6000000000 → 99.6)."""
    if value is None:
        return None
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal


@dataclass(frozen=True)
class Totals:
    files: int
    kinds: dict[str, int]
    codes: list[tuple[str, int]]  # the most frequent finding codes
    flagged: bool  # any error or warning finding, or an unreadable file
    unreadable: list[tuple[str, str]]  # (file, reason), the first ones


def totals(dataset: Path, *, top: int = 5, unreadable: int = 20) -> Totals:
    connection = connect(dataset)
    try:
        files = connection.execute("SELECT count(DISTINCT file) FROM files").fetchone()
        kinds = dict(connection.execute("SELECT kind, count(*) FROM tables GROUP BY kind").fetchall())
        kinds.update(
            connection.execute("SELECT status, count(*) FROM files WHERE status <> 'ok' GROUP BY 1").fetchall()
        )
        codes = connection.execute(
            "SELECT code, count(*) AS n FROM findings GROUP BY code ORDER BY n DESC, code LIMIT ?", [top]
        ).fetchall()
        flagged = connection.execute(
            "SELECT (SELECT coalesce(sum(errors + warnings), 0) FROM tables) > 0"
            " OR (SELECT count(*) FROM files WHERE status = 'error') > 0"
        ).fetchone()
        failed = connection.execute(
            "SELECT file, message FROM files WHERE status = 'error' ORDER BY file_seq LIMIT ?", [unreadable]
        ).fetchall()
    finally:
        connection.close()
    return Totals(
        int(files[0]) if files else 0, kinds, [(c, int(n)) for c, n in codes], bool(flagged and flagged[0]),
        [(f, m) for f, m in failed],
    )  # fmt: skip
