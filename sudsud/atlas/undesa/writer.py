"""Write stock values fast: ``COPY`` on PostgreSQL, one ``INSERT`` per pair on SQLite.

Values travel as :class:`Series`, one per origin → destination pair of a workbook
row. On SQLite each series is one statement whose years and sexes are written in
its text and whose shared cells (edition, origin, destination, data type) are bound
once, by number: a fifth of the parameters of one row per value, and no Python
tuple per value.

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
from itertools import islice
from typing import Any, NamedTuple

from django.db import connection

from sudsud.atlas.models import StockValue

BATCH_SIZE = 50_000
SEXES = frozenset({"both", "male", "female"})  # written as literals in SQLite's SQL
BULK_THRESHOLD = 100_000  # values above which indexes are rebuilt, not updated
PG_INDEX_MEMORY = "256MB"  # for this transaction's index builds only
SQLITE_CACHE_KIB = 262_144  # page cache of the import's connection while it runs
SQLITE_ANALYSIS_ROWS = 1_000  # rows ANALYZE reads per index: rough, and milliseconds
COLUMNS = (
    "edition_id", "year", "origin_id", "destination_id", "sex", "age_group",
    "subnational", "value", "data_type", "flag",
)  # fmt: skip
ValueRow = tuple[int, int, int, int, str, str, str, int | None, str, str]
SHARED = 4  # edition, origin, destination, data type: the head of Series.params


class Series(NamedTuple):
    """One origin → destination pair's values. ``keys`` holds each value's (year,
    sex); ``params`` the edition, origin, destination and data type, then the value
    and flag of each key in turn — what SQLite binds (see :func:`series_start`)."""

    keys: tuple[tuple[int, str], ...]
    params: list[Any]


def series_start(
    edition_id: int, origin: int, destination: int, data_type: str
) -> list[Any]:
    """The head of a series' ``params``; append a value and a flag per key."""
    return [edition_id, origin, destination, data_type]


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


def insert_series(series: Iterable[Series]) -> int:
    """Insert the series' values; returns how many were stored."""
    table = _quote(_table())
    names = ", ".join(_quote(name) for name in COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            copy = f"COPY {table} ({names}) FROM STDIN"
            return _copy(cursor, copy, value_rows(series))
        insert = f"INSERT INTO {table} ({names}) VALUES"
        if connection.vendor == "sqlite":
            return _insert_sqlite(insert, series)
        marks = ", ".join(["%s"] * len(COLUMNS))
        return _execute_many(cursor, f"{insert} ({marks})", value_rows(series))


def value_rows(series: Iterable[Series]) -> Iterator[ValueRow]:
    """One row per value, in the table's column order."""
    for keys, params in series:
        if not keys:
            continue
        edition_id, origin, destination, data_type = params[:SHARED]
        for position, (year, sex) in enumerate(keys):
            at = SHARED + 2 * position
            yield (
                edition_id, year, origin, destination, sex, "", "",
                params[at], data_type, params[at + 1],
            )  # fmt: skip


def _sqlite_statement(insert: str, keys: tuple[tuple[int, str], ...]) -> str:
    """``INSERT … VALUES (?1, 1990, ?2, ?3, 'both', '', '', ?5, ?4, ?6), …``"""
    rows = []
    for position, (year, sex) in enumerate(keys):
        if sex not in SEXES:
            raise ValueError(f"Unknown sex {sex!r}.")
        value = SHARED + 1 + 2 * position
        rows.append(
            f"(?1, {int(year):d}, ?2, ?3, '{sex}', '', '', ?{value}, ?4, ?{value + 1})"
        )
    return f"{insert} {', '.join(rows)}"


def _insert_sqlite(insert: str, series: Iterable[Series]) -> int:
    # A plain cursor of the driver, in the same transaction: Django's cursor
    # rewrites each query's placeholders, and its driver cursor does too.
    raw = connection.connection.cursor()
    statements: dict[tuple[tuple[int, str], ...], str] = {}
    stored = 0
    try:
        with connection.wrap_database_errors:  # the driver's errors as Django's
            for keys, params in series:
                if not keys:
                    continue
                sql = statements.get(keys)
                if sql is None:
                    sql = statements[keys] = _sqlite_statement(insert, keys)
                raw.execute(sql, params)
                stored += len(keys)
    finally:
        raw.close()
    return stored


def _execute_many(raw: Any, sql: str, values: Iterable[ValueRow]) -> int:
    stored = 0
    rows = iter(values)
    with connection.wrap_database_errors:  # the driver's errors as Django's
        while batch := list(islice(rows, BATCH_SIZE)):
            raw.executemany(sql, batch)
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
