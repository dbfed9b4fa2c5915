"""Write stock values fast: ``COPY`` on PostgreSQL, multi-row ``INSERT`` elsewhere.

For a large import, :func:`bulk_load` takes the table's secondary indexes (and, on
PostgreSQL, its keys) off inside the import's transaction and puts them back, with
their exact stored definitions, before it commits: building an index once is much
faster than updating it 1.4 million times, and one validating query checks a
foreign key faster than one trigger per row (PostgreSQL manual, "Populating a
Database"). On SQLite the unique constraint stays in place (it cannot be dropped,
and values arrive in its order, so keeping it costs little). Validation is
unchanged; a failure rolls everything back, definitions included. The table is
locked for writes and reads until the import commits (seconds).
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import chain, islice
from typing import Any

from django.db import connection

from sudsud.atlas.models import StockValue

BATCH_SIZE = 50_000
# Rows per SQLite INSERT: one statement for many rows saves a step, a reset and the
# AUTOINCREMENT bookkeeping per row; 99 × 10 parameters stays under the 999 that
# any SQLite build accepts.
ROWS_PER_STATEMENT = 99
BULK_THRESHOLD = 100_000  # values above which indexes are rebuilt, not updated
PG_INDEX_MEMORY = "256MB"  # for this transaction's index builds only
SQLITE_CACHE_KIB = 262_144  # page cache of the import's connection while it runs
SQLITE_ANALYSIS_ROWS = 1_000  # rows ANALYZE reads per index: rough, and milliseconds
COLUMNS = (
    "edition_id", "year", "origin_id", "destination_id", "sex", "age_group",
    "subnational", "value", "data_type", "flag",
)  # fmt: skip
ValueRow = tuple[int, int, int, int, str, str, str, int | None, str, str]

_PG_INDEXES = """
    SELECT i.relname, pg_get_indexdef(x.indexrelid)
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
    WHERE x.indrelid = %s::regclass AND NOT x.indisunique AND NOT x.indisprimary
    ORDER BY i.relname
"""
_PG_FOREIGN_KEYS = """
    SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
    WHERE conrelid = %s::regclass AND contype IN ('u', 'f')
    ORDER BY contype DESC, conname
"""
_SQLITE_INDEXES = """
    SELECT name, sql FROM sqlite_master
    WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL
      AND sql NOT LIKE 'CREATE UNIQUE%%' ORDER BY name
"""


def _table() -> str:
    return str(StockValue._meta.db_table)


def _quote(name: str) -> str:
    return str(connection.ops.quote_name(name))


def _postgres_relax(cursor: Any) -> list[str]:
    """Drop the unique and foreign keys and the indexes; the SQL that restores them.

    A table with pending (deferred) checks cannot be altered: they run now, and the
    constraints stay immediate until the restore, which defers them again as Django
    declares them (``DEFERRABLE INITIALLY DEFERRED``)."""
    table = _quote(_table())
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute(f"SET LOCAL maintenance_work_mem = '{PG_INDEX_MEMORY}'")
    cursor.execute(_PG_FOREIGN_KEYS, [_table()])
    keys = cursor.fetchall()
    cursor.execute(_PG_INDEXES, [_table()])
    indexes = cursor.fetchall()
    for name, _definition in keys:
        cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {_quote(name)}")
    for name, _definition in indexes:
        cursor.execute(f"DROP INDEX {_quote(name)}")
    return [
        *(definition for _name, definition in indexes),
        *(
            f"ALTER TABLE {table} ADD CONSTRAINT {_quote(name)} {definition}"
            for name, definition in keys
        ),
        "SET CONSTRAINTS ALL DEFERRED",
    ]


def _sqlite_relax(cursor: Any) -> list[str]:
    cursor.execute(_SQLITE_INDEXES, [_table()])
    indexes = cursor.fetchall()
    for name, _definition in indexes:
        cursor.execute(f"DROP INDEX {_quote(name)}")
    return [definition for _name, definition in indexes]


@contextmanager
def bulk_load(expected_values: int) -> Iterator[None]:
    """Inside a transaction: write many values with the indexes rebuilt after."""
    if connection.vendor not in ("postgresql", "sqlite"):
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("bulk_load() runs inside the import's transaction.")
    sqlite = connection.vendor == "sqlite"
    with connection.cursor() as cursor:
        if sqlite:
            cursor.execute("PRAGMA cache_size")
            cache_size = cursor.fetchone()[0]
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB:d}")
        restore: list[str] = []
        try:
            if expected_values >= BULK_THRESHOLD:
                restore = _sqlite_relax(cursor) if sqlite else _postgres_relax(cursor)
            yield
            for statement in restore:
                cursor.execute(statement)
        finally:
            if sqlite:
                cursor.execute(f"PRAGMA cache_size = {int(cache_size):d}")


def refresh_statistics() -> None:
    """Tell the query planner the table's new shape, as both manuals advise after a
    bulk load. Without statistics SQLite reads a whole edition through the covering
    unique index (a quarter of a second) where the origin index reads a few hundred
    rows (a few microseconds)."""
    table = _quote(_table())
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA analysis_limit = {SQLITE_ANALYSIS_ROWS:d}")
            cursor.execute(f"ANALYZE {table}")
        elif connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {table}")


def insert_values(values: Iterable[ValueRow]) -> int:
    """Insert the values in batches; returns how many were stored."""
    table = _quote(_table())
    names = ", ".join(_quote(name) for name in COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            return _copy(cursor, f"COPY {table} ({names}) FROM STDIN", values)
        insert = f"INSERT INTO {table} ({names}) VALUES"
        if connection.vendor == "sqlite":
            # The driver's own cursor: Django's wrapper rewrites every batch's query.
            return _insert_many_rows(cursor.cursor, insert, values)
        marks = ", ".join(["%s"] * len(COLUMNS))
        return _execute_many(cursor, f"{insert} ({marks})", values)


def _batches(values: Iterable[ValueRow]) -> Iterator[list[ValueRow]]:
    rows = iter(values)
    while batch := list(islice(rows, BATCH_SIZE)):
        yield batch


def _execute_many(raw: Any, sql: str, values: Iterable[ValueRow]) -> int:
    stored = 0
    with connection.wrap_database_errors:  # the driver's errors as Django's
        for batch in _batches(values):
            raw.executemany(sql, batch)
            stored += len(batch)
    return stored


def _insert_many_rows(raw: Any, insert: str, values: Iterable[ValueRow]) -> int:
    """``INSERT … VALUES (…), (…), …`` of :data:`ROWS_PER_STATEMENT` rows each."""
    row = "(" + ", ".join(["?"] * len(COLUMNS)) + ")"
    full = f"{insert} {', '.join([row] * ROWS_PER_STATEMENT)}"
    step = ROWS_PER_STATEMENT
    stored = 0
    with connection.wrap_database_errors:  # the driver's errors as Django's
        for batch in _batches(values):
            whole = len(batch) - len(batch) % step
            statements = (
                list(chain.from_iterable(batch[start : start + step]))
                for start in range(0, whole, step)
            )
            raw.executemany(full, statements)
            if whole < len(batch):
                raw.executemany(f"{insert} {row}", batch[whole:])
            stored += len(batch)
    return stored


def _copy(cursor: Any, sql: str, values: Iterable[ValueRow]) -> int:
    stored = 0
    with cursor.copy(sql) as copy:
        write_row = copy.write_row
        for value in values:
            write_row(value)
            stored += 1
    return stored
