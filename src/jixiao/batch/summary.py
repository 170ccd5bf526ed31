"""The batch summary, one row per table and per unreadable file, read back from a dataset with DuckDB.

The rows are streamed in file order (as the run listed them), so a summary of a million tables is written
without holding it in memory; an interrupted and resumed run gives the same summary as one uninterrupted.
DuckDB is imported when a summary is read, not with this module (the totals of a run, :mod:`.totals`, do
without it).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from .schema import DATASETS

if TYPE_CHECKING:
    import duckdb

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
    import duckdb

    check_dataset(dataset)
    connection = duckdb.connect()
    for name in DATASETS:
        pattern = str(dataset / name / "*.parquet").replace("'", "''")
        connection.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{pattern}')")
    return connection


def check_dataset(dataset: Path) -> None:
    """:class:`InputError` unless every dataset of the folder has a part."""
    missing = [name for name in DATASETS if not any((dataset / name).glob("*.parquet"))]
    if missing:
        raise InputError(f"不是 jixiao batch 写的数据集：缺少 {'、'.join(missing)}", file=dataset)


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
