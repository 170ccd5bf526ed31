"""Search of target tables by a substring of the project's name, the unit's name or an indicator's name.

Each record keeps what is searched as one text in capitals (:func:`text_of`): ``search_text`` for the staff lists
(the latest version), ``public_search`` for the public list (the published version); a query in capitals too is
then a plain ``LIKE '%…%'`` — what ``icontains`` finds, without upper-casing every row at every search. A query of
three characters or more is answered from a trigram index: on PostgreSQL a GIN index of ``pg_trgm`` on the column,
which serves that ``LIKE``; on SQLite an FTS5 table with the ``trigram`` tokenizer (:data:`SQLITE_INDEX`), kept in
step with the records by triggers. A query of one or two characters has no trigram to look up: it is the same
``LIKE`` read along the list's own index, which stops at the page's last row — quick for a common character, a
scan of the scope for a rare one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from ..models import TableRecord

#: Between the parts of a search text: a query (one line of a search box) never spans two names.
SEPARATOR = "\n"
#: Fewest characters a trigram index can look up.
INDEXED_LENGTH = 3
#: The columns searched, and the FTS5 table mirroring them on SQLite.
COLUMNS = ("search_text", "public_search")
SQLITE_INDEX = "web_table_search"


def text_of(project_name: str, unit_name: str, data: dict[str, Any]) -> str:
    """The text a table is found by: project, unit and every indicator name, one a line, in capitals."""
    names = [str(row.get("name") or "").strip() for row in data.get("indicators") or [] if isinstance(row, dict)]
    parts = [project_name.strip(), unit_name.strip(), *names]
    return SEPARATOR.join(part.replace(SEPARATOR, " ") for part in parts if part).upper()


def matching(records: QuerySet[TableRecord], query: str, column: str = "search_text") -> QuerySet[TableRecord]:
    """``records`` whose ``column`` contains ``query`` (case-insensitively), by the index when it can be used."""
    if column not in COLUMNS:
        raise ValueError(column)
    query = query.strip().upper()
    if not query:
        return records
    if SEPARATOR in query:
        return records.none()
    if len(query) >= INDEXED_LENGTH and connection.vendor == "sqlite":
        phrase = '"' + query.replace('"', '""') + '"'
        found = RawSQL(f"SELECT rowid FROM {SQLITE_INDEX} WHERE {column} MATCH %s", (phrase,))
        return records.filter(pk__in=found)
    return records.filter(**{f"{column}__contains": query})


SQLITE_TRIGGERS = {
    f"{SQLITE_INDEX}_insert": f"""AFTER INSERT ON web_tablerecord BEGIN
        INSERT INTO {SQLITE_INDEX}(rowid, search_text, public_search)
        VALUES (new.id, new.search_text, new.public_search); END""",
    f"{SQLITE_INDEX}_delete": f"""AFTER DELETE ON web_tablerecord BEGIN
        INSERT INTO {SQLITE_INDEX}({SQLITE_INDEX}, rowid, search_text, public_search)
        VALUES ('delete', old.id, old.search_text, old.public_search); END""",
    f"{SQLITE_INDEX}_update": f"""AFTER UPDATE OF search_text, public_search ON web_tablerecord BEGIN
        INSERT INTO {SQLITE_INDEX}({SQLITE_INDEX}, rowid, search_text, public_search)
        VALUES ('delete', old.id, old.search_text, old.public_search);
        INSERT INTO {SQLITE_INDEX}(rowid, search_text, public_search)
        VALUES (new.id, new.search_text, new.public_search); END""",
}


def _existing(db: BaseDatabaseWrapper, kind: str, names: Iterable[str]) -> set[str]:
    with db.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = %s", [kind])
        return {name for (name,) in cursor.fetchall()} & set(names)


def install_sqlite(db: BaseDatabaseWrapper) -> None:
    """Make the FTS5 trigram table and its triggers where one is missing, and rebuild it then.

    Run by the migration and after every ``migrate``: SQLite rebuilds a table to alter it, which drops its
    triggers, so a later migration of ``web_tablerecord`` would otherwise leave the index behind.
    """
    if db.vendor != "sqlite":
        return
    tables = _existing(db, "table", ["web_tablerecord", SQLITE_INDEX])
    if "web_tablerecord" not in tables:
        return
    triggers = _existing(db, "trigger", SQLITE_TRIGGERS)
    if SQLITE_INDEX in tables and triggers == set(SQLITE_TRIGGERS):
        return
    with db.cursor() as cursor:
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {SQLITE_INDEX} USING fts5(search_text, public_search, "
            "content='web_tablerecord', content_rowid='id', tokenize='trigram')"
        )
        for name, body in SQLITE_TRIGGERS.items():
            cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
        cursor.execute(f"INSERT INTO {SQLITE_INDEX}({SQLITE_INDEX}) VALUES ('rebuild')")


def remove_sqlite(db: BaseDatabaseWrapper) -> None:
    with db.cursor() as cursor:
        for name in SQLITE_TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute(f"DROP TABLE IF EXISTS {SQLITE_INDEX}")


POSTGRES_INSTALL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    *(
        f"CREATE INDEX IF NOT EXISTS web_table_{column}_trgm ON web_tablerecord USING gin ({column} gin_trgm_ops)"
        for column in COLUMNS
    ),
]
POSTGRES_REMOVE = [f"DROP INDEX IF EXISTS web_table_{column}_trgm" for column in COLUMNS]
