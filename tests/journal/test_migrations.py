"""A newer program opens an older database; an older program refuses a newer one."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from tabletop.exercise.clock import FakeTime
from tabletop.journal.migrations import MIGRATIONS, SCHEMA_VERSION
from tabletop.journal.restore import restore
from tabletop.journal.session import NullJournal
from tabletop.journal.store import DB_NAME, Store, StoreError
from tabletop.scoring.rubric import score
from tests.helpers import bundled
from tests.journal.helpers import start_workshop

# The version 1 schema exactly as version 1 of the program wrote it. Kept here, by hand, so a
# later change to the store's own DDL cannot quietly make this test agree with itself.
V1_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sessions (
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
);
CREATE TABLE events (
    session_id INTEGER NOT NULL REFERENCES sessions(id),
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    minute REAL NOT NULL,
    data TEXT NOT NULL DEFAULT '{}',
    at TEXT NOT NULL,
    PRIMARY KEY (session_id, seq)
);
CREATE INDEX sessions_by_scenario ON sessions (scenario_id, id);
INSERT INTO meta VALUES ('schema_version', '1');
"""


def write_v1_database(path: Path) -> tuple[int, float]:
    """A version 1 database written by hand: one workshop played to minute 30 (its events
    taken from an in-memory run), without the store's code. Returns (session id, minute)."""
    driver = start_workshop(None, FakeTime())
    driver.run_until(30.0)
    journal = driver.session.journal
    assert isinstance(journal, NullJournal)
    events = journal.events()
    conn = sqlite3.connect(path)
    conn.executescript(V1_SCHEMA)
    conn.execute("INSERT INTO sessions (id, scenario_id, scenario_ref, mode, seed, speed, "
                 "teams, started_at, state) VALUES (7, ?, ?, 'workshop', ?, 60.0, ?, "
                 "'2025-11-02T10:00:00.000+00:00', 'running')",
                 (bundled().id, bundled().id, driver.session.exercise.seed,
                  json.dumps(list(driver.session.teams))))
    conn.executemany("INSERT INTO events VALUES (7, ?, ?, ?, ?, '2025-11-02T10:00:01.000+00:00')",
                     [(n, e.kind, e.minute, json.dumps(e.data)) for n, e in enumerate(events, 1)])
    conn.commit()
    conn.close()
    return 7, driver.session.exercise.minute


def test_an_empty_file_becomes_the_current_schema(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_bytes(b"")
    with Store(tmp_path / DB_NAME) as store:
        assert store.version == SCHEMA_VERSION
        assert store.list_sessions() == []


def test_a_hand_written_version_1_database_opens_and_restores(tmp_path: Path) -> None:
    sid, minute = write_v1_database(tmp_path / DB_NAME)
    with Store(tmp_path / DB_NAME) as store:
        assert store.version == SCHEMA_VERSION
        (info,) = store.list_sessions()
        assert (info.id, info.mode, info.teams, info.variation) == (
            sid, "workshop", ("Red", "Blue", "Green"), {})
        session = restore(store, sid, bundled(), FakeTime())
        assert session.exercise.minute == minute
        assert len(session.voting.votes) == 6
        assert [d.action for d in session.exercise.decisions] == ["approve-with-checks",
                                                                 "rollback"]


def test_a_version_1_database_gains_the_writers_table_and_its_sessions_can_be_claimed(
        tmp_path: Path) -> None:
    sid, _ = write_v1_database(tmp_path / DB_NAME)
    with Store(tmp_path / DB_NAME) as store:
        store.claim(sid)
        (pid,) = store._conn.execute("SELECT pid FROM writers WHERE session_id = ?",
                                     (sid,)).fetchone()
        assert pid == os.getpid()


NEXT = SCHEMA_VERSION + 1
"""A version this program does not know yet: a later program's."""


def _add_notes_column(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE sessions ADD COLUMN notes TEXT NOT NULL DEFAULT ''")


def test_a_newer_program_upgrades_an_older_database_and_keeps_its_sessions(
        tmp_path: Path) -> None:
    sid, minute = write_v1_database(tmp_path / DB_NAME)
    newer = {**MIGRATIONS, NEXT: _add_notes_column}
    with Store(tmp_path / DB_NAME, migrations=newer) as store:
        assert store.version == NEXT
        session = restore(store, sid, bundled(), FakeTime())
        assert session.exercise.minute == minute
        session.resume()
        session.end()
        assert store.session(sid).total == score(session.exercise).total
    conn = sqlite3.connect(tmp_path / DB_NAME)
    assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (
        str(NEXT),)
    assert conn.execute("SELECT notes FROM sessions WHERE id = ?", (sid,)).fetchone() == ("",)
    conn.close()
    # and opening it again runs nothing twice
    with Store(tmp_path / DB_NAME, migrations=newer) as store:
        assert store.version == NEXT


def test_a_failed_migration_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    write_v1_database(tmp_path / DB_NAME)

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE sessions ADD COLUMN half TEXT")
        raise RuntimeError("migration bug")

    with pytest.raises(RuntimeError):
        Store(tmp_path / DB_NAME, migrations={**MIGRATIONS, NEXT: broken})
    with Store(tmp_path / DB_NAME) as store:
        assert store.version == SCHEMA_VERSION
        columns = [row[1] for row in store._conn.execute("PRAGMA table_info(sessions)")]
        assert "half" not in columns


def test_a_database_from_a_newer_program_is_refused_clearly(tmp_path: Path) -> None:
    write_v1_database(tmp_path / DB_NAME)
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.execute("UPDATE meta SET value = '9' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="version 9, newer than this program"):
        Store(tmp_path / DB_NAME)


def test_a_database_that_is_not_ours_is_refused(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a tabletop database"):
        Store(tmp_path / DB_NAME)


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="not a tabletop database"):
        Store(tmp_path / DB_NAME)
