"""Opening the store's file: its log checked first, SQLite's settings, the schema brought up
to date; every failure one message naming the file (`journal.faults`). And the store's one
helper for SQL text, `where`."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from pathlib import Path

from tabletop.journal.damage import check_log
from tabletop.journal.faults import StoreError, store_fault
from tabletop.journal.migrations import Migration, SchemaError, migrate


def connect(path: Path, migrations: Mapping[int, Migration]) -> tuple[sqlite3.Connection, int]:
    """The open database at `path` and its schema version; `StoreFault` (a damaged log:
    `damage.check_log`, or SQLite's error) or `StoreError` (a schema not ours)."""
    check_log(path)
    try:
        # isolation_level=None: we open every transaction ourselves, so nothing is left
        # uncommitted by the driver's implicit transactions.
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False,
                               timeout=10.0)
    except sqlite3.Error as err:
        raise store_fault(err, path) from None
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        return conn, migrate(conn, migrations)
    except sqlite3.Error as err:
        conn.close()
        raise store_fault(err, path) from None
    except SchemaError as err:
        conn.close()
        raise StoreError(f"{path}: {err}") from None


def where(*filters: tuple[str, str | None]) -> tuple[str, tuple[str, ...]]:
    """A WHERE clause matching each column whose value is given, and its parameters."""
    given = [(column, value) for column, value in filters if value is not None]
    if not given:
        return "", ()
    clause = " WHERE " + " AND ".join(f"{column} = ?" for column, _ in given)
    return clause, tuple(value for _, value in given)

