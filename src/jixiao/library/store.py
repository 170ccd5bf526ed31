"""The library file: one SQLite database, its schema below.

SQLite because the library is curated after it is built (an entry marked recommended, merged, retired): each such
change is one transaction on one file, readable by any SQLite client, the web app or a BI tool, with nothing to
install. Observations are stored, not only their sums, so a merge or a later rebuild recomputes every figure;
curation is stored apart from them and carried over when the library is rebuilt.

Tables: ``meta`` (format, version, when built); ``observations`` (one row per 三级指标 read: where from, unit and
project, 二级, kind, name and group, target text, operator, value, upper, unit, basis, actual, met — decimals as
text, never floats); ``curation`` (entry key → recommended, retired, merged_into); ``skipped`` (files the build
could not read, and why).
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from ..errors import InputError
from .observe import Observation, Skipped

FORMAT = "jixiao-library"
VERSION = "1"

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE observations (
    source TEXT NOT NULL, row INTEGER, year INTEGER, budget_unit TEXT, project_name TEXT, kind TEXT NOT NULL,
    level1 TEXT, level2 TEXT, name TEXT NOT NULL, "group" TEXT NOT NULL, target_text TEXT, target_kind TEXT,
    operator TEXT, value TEXT, upper TEXT, unit TEXT, basis TEXT, actual_text TEXT, met INTEGER
);
CREATE INDEX observations_group ON observations ("group");
CREATE TABLE curation (
    entry TEXT PRIMARY KEY, recommended INTEGER NOT NULL DEFAULT 0, retired INTEGER NOT NULL DEFAULT 0,
    merged_into TEXT, changed_at TEXT NOT NULL
);
CREATE TABLE skipped (source TEXT NOT NULL, reason TEXT NOT NULL);
"""

_COLUMNS = tuple(f.name for f in fields(Observation))
_DECIMALS = ("value", "upper")


@dataclass(frozen=True)
class Curation:
    """What finance decided about one entry."""

    entry: str
    recommended: bool = False
    retired: bool = False
    merged_into: str | None = None


@dataclass(frozen=True)
class Stored:
    """A library file's contents."""

    observations: tuple[Observation, ...]
    curation: dict[str, Curation]
    skipped: tuple[Skipped, ...]
    built_at: str


def _row(observation: Observation) -> tuple[object, ...]:
    values: list[object] = []
    for column in _COLUMNS:
        value = getattr(observation, column)
        if isinstance(value, Decimal):
            value = str(value)
        elif isinstance(value, bool):
            value = int(value)
        values.append(value)
    return tuple(values)


def _observation(row: sqlite3.Row) -> Observation:
    values = dict(zip(_COLUMNS, row, strict=True))
    for column in _DECIMALS:
        if values[column] is not None:
            values[column] = Decimal(values[column])
    if values["met"] is not None:
        values["met"] = bool(values["met"])
    return Observation(**values)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def write(path: Path, observations: Iterable[Observation], skipped: Iterable[Skipped],
          curation: Iterable[Curation] = ()) -> None:  # fmt: skip
    """Write a new library file at ``path``: built beside it, then moved into place, so no half file is left."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".library-", suffix=".sqlite", dir=path.parent)
    os.close(handle)
    try:
        with closing(sqlite3.connect(temporary)) as db, db:
            db.executescript(SCHEMA)
            db.executemany("INSERT INTO meta VALUES (?, ?)",
                           [("format", FORMAT), ("version", VERSION), ("built_at", _now())])  # fmt: skip
            placeholders = ", ".join("?" * len(_COLUMNS))
            db.executemany(f"INSERT INTO observations VALUES ({placeholders})", map(_row, observations))
            db.executemany("INSERT INTO skipped VALUES (?, ?)", [(s.source, s.reason) for s in skipped])
            db.executemany(
                "INSERT INTO curation VALUES (?, ?, ?, ?, ?)",
                [(c.entry, int(c.recommended), int(c.retired), c.merged_into, _now()) for c in curation],
            )
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _connect(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise InputError("指标库文件不存在", file=path)
    try:
        db = sqlite3.connect(f"file:{path}?mode=rw", uri=True)
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.DatabaseError:
        raise InputError("不是指标库文件（应由 jixiao library build 生成）", file=path) from None
    if meta.get("format") != FORMAT:
        db.close()
        raise InputError("不是指标库文件（应由 jixiao library build 生成）", file=path)
    if meta.get("version") != VERSION:
        db.close()
        raise InputError(f"指标库版本 {meta.get('version')} 不受支持（应为 {VERSION}），请重新生成", file=path)
    return db


def read(path: Path) -> Stored:
    """The contents of the library file at ``path``, or an :class:`InputError` saying why it is not one."""
    with closing(_connect(path)) as db:
        columns = ", ".join(f'"{c}"' for c in _COLUMNS)
        observations = tuple(_observation(r) for r in db.execute(f"SELECT {columns} FROM observations"))
        curation = {
            entry: Curation(entry, bool(recommended), bool(retired), merged_into)
            for entry, recommended, retired, merged_into in db.execute(
                "SELECT entry, recommended, retired, merged_into FROM curation"
            )
        }
        skipped = tuple(Skipped(s, r) for s, r in db.execute("SELECT source, reason FROM skipped"))
        built_at = db.execute("SELECT value FROM meta WHERE key = 'built_at'").fetchone()[0]
    return Stored(observations, curation, skipped, built_at)


def save_curation(path: Path, decision: Curation) -> None:
    """Record one curation decision, in one transaction."""
    with closing(_connect(path)) as db, db:
        db.execute(
            "INSERT INTO curation VALUES (?, ?, ?, ?, ?) ON CONFLICT(entry) DO UPDATE SET "
            "recommended = excluded.recommended, retired = excluded.retired, merged_into = excluded.merged_into, "
            "changed_at = excluded.changed_at",
            (decision.entry, int(decision.recommended), int(decision.retired), decision.merged_into, _now()),
        )
