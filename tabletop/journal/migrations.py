"""The sessions database's tables, and the migrations that bring an older database up to them.

Tables (schema version 2):

- `meta(key, value)`: `schema_version`.
- `sessions(id, scenario_id, scenario_ref, mode, seed, speed, teams, started_at, state, total,
  max, grade, variation)`: one row per exercise; `teams` is a JSON list, `started_at` wall time
  in ISO 8601 (UTC), `state` is `running` or `ended`; the score columns are filled when it
  ends; `variation` is a JSON object of the stream parameters the run used where the scenario
  declares a range (solo drills draw them), so a restore plays the very same stream.
- `events(session_id, seq, kind, minute, data, at)`: the journal; `seq` counts from 1 within a
  session, `minute` is the scenario minute, `data` a JSON object (`journal.events`), `at` wall
  time (ISO, UTC).
- `writers(session_id, pid, host, since, started)` (version 2): the process writing each
  session now (`journal.writers`): its pid and host, the wall time it took the session (ISO,
  UTC) and the process's own start as the system tells it (empty where it cannot), so a
  lock left by a process that died is known for stale.

A newer program opens an older database: `MIGRATIONS` maps each schema version to the function
that upgrades the version before it, and opening a database (`journal.store.Store`) runs the
ones it lacks, each in its own transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping

Migration = Callable[[sqlite3.Connection], None]
"""Upgrades a database from the version before to its own version, inside a transaction."""


class SchemaError(Exception):
    """A database whose schema this program cannot use, with the reason for the user."""


_V1 = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE sessions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        scenario_id TEXT NOT NULL,
        scenario_ref TEXT NOT NULL,
        mode TEXT NOT NULL,
        seed INTEGER NOT NULL,
        speed REAL NOT NULL,
        teams TEXT NOT NULL DEFAULT '[]',
        started_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'running',
        total REAL,
        max REAL,
        grade TEXT,
        variation TEXT NOT NULL DEFAULT '{}'
    )""",
    """CREATE TABLE events (
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL,
        minute REAL NOT NULL,
        data TEXT NOT NULL DEFAULT '{}',
        at TEXT NOT NULL,
        PRIMARY KEY (session_id, seq)
    )""",
    "CREATE INDEX sessions_by_scenario ON sessions (scenario_id, id)",
)


def _migrate_to_1(conn: sqlite3.Connection) -> None:
    """Version 0 is an empty file: create the tables of version 1."""
    for statement in _V1:
        conn.execute(statement)


def _migrate_to_2(conn: sqlite3.Connection) -> None:
    """Version 2 adds the table of who writes each session (one writer at a time)."""
    conn.execute("""CREATE TABLE writers (
        session_id INTEGER PRIMARY KEY REFERENCES sessions(id),
        pid INTEGER NOT NULL,
        host TEXT NOT NULL,
        since TEXT NOT NULL,
        started TEXT NOT NULL DEFAULT ''
    )""")


MIGRATIONS: Mapping[int, Migration] = {1: _migrate_to_1, 2: _migrate_to_2}
"""Schema version to the function that upgrades the version before it to it."""
SCHEMA_VERSION = max(MIGRATIONS)
"""The version this program writes."""


def schema_version(conn: sqlite3.Connection) -> int:
    """The database's schema version; 0 for an empty file. `SchemaError` when it is not ours."""
    tables = {row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
    if "meta" not in tables:
        if tables:
            raise SchemaError("not a tabletop database (it has tables but no schema version)")
        return 0
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None:
        raise SchemaError("not a tabletop database (no schema version)")
    try:
        return int(row[0])
    except ValueError:
        raise SchemaError(f"unreadable schema version {row[0]!r}") from None


def migrate(conn: sqlite3.Connection, migrations: Mapping[int, Migration] = MIGRATIONS) -> int:
    """Run the migrations the database lacks, each in its own transaction; its version now.

    `conn` must be in autocommit mode (`isolation_level=None`). Raises `SchemaError` for a
    database newer than `migrations` know; a migration that fails leaves its version as it was.
    """
    target = max(migrations)
    version = schema_version(conn)
    if version > target:
        raise SchemaError(f"the database is schema version {version}, newer than this "
                          f"program understands ({target}); upgrade tabletop")
    while version < target:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Read again under the write lock: another process may have just migrated.
            version = schema_version(conn)
            if version < target:
                migrations[version + 1](conn)
                version += 1
                conn.execute("INSERT OR REPLACE INTO meta (key, value) "
                             "VALUES ('schema_version', ?)", (str(version),))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return version
