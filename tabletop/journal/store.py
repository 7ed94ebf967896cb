"""Crash-safe session storage in SQLite (restoring a session from it: `journal.restore`).

One file, `tabletop.db`, in the data directory (`data_dir`). Every event of a session is
written in its own transaction, committed (and, with `synchronous=FULL`, synced to disk) before
`SqliteJournal.append` returns, so a `kill -9` at any moment loses no event that was recorded.
SQLite's write-ahead log rolls a half-written transaction back when the file is next opened.

Its tables, and the migrations that bring an older database up to them: `journal.migrations`.
The events' kinds and their `data` are the journal's vocabulary (`journal.events`).

Faults of the machine (a full disk, a read-only or damaged file) come out of every method as a
`StoreFault` naming the file and what to do (`journal.faults`); a session's journal keeps in
memory what the store cannot take and writes it as soon as it can (`SqliteJournal`). One
process writes a session at a time (`Store.claim`, `journal.writers`). The log is checked
before SQLite opens it, and the file's identity before each write (`journal.damage`).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import platformdirs

from tabletop.base.kinds import Mode, mode_of
from tabletop.exercise.engine import Decision
from tabletop.journal.connection import connect, where
from tabletop.journal.damage import LOG_SUFFIXES, identity, set_aside
from tabletop.journal.debrief import debrief_from_events
from tabletop.journal.events import (
    Debrief,
    Event,
    event_kind,
    final_score,
    votes_from_events,
)

# Named here too, where the command line and the tests find them: the store's errors (with
# the other faults) and the values of its rows. A session's journal in the store is
# `journal.sqlite_journal`'s, which needs the store: named there alone, so neither imports
# the other at run time.
from tabletop.journal.events import StoredEvent as StoredEvent
from tabletop.journal.faults import StoreError as StoreError
from tabletop.journal.faults import StoreFault as StoreFault
from tabletop.journal.faults import damaged, folder_fault, store_fault
from tabletop.journal.migrations import MIGRATIONS, Migration
from tabletop.journal.rows import SessionInfo as SessionInfo
from tabletop.journal.writers import let_go, take, this_process

DB_NAME = "tabletop.db"
"""File name of the database inside the data directory."""
ENV_DATA_DIR = "TABLETOP_DATA_DIR"
"""Environment variable that overrides the platform's data directory."""
APP_NAME = "tabletop"
"""Name under which the platform's user data directory is found."""
CHECKPOINTED_AFTER = frozenset({"inject", "checkpoint", "action", "ended"})
"""Kinds after which the log is copied into the file (`Store.checkpoint`): each round (an
inject, the first tick of a decision point) and each decision, a closed vote's included."""
SEEDS_KEPT = range(-(2**63), 2**63)
"""The seeds a session can be saved with: SQLite's integers are 64 bits."""


def data_dir(override: str | None = None) -> Path:
    """Where tabletop keeps its data: `override`, else `$TABLETOP_DATA_DIR`, else the platform's."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(ENV_DATA_DIR, "")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


# --- the store ------------------------------------------------------------------------------


class Store:
    """The sessions database.

    Args:
        path: the database file; created with its folder when missing.
        now: wall clock for `started_at` and `at`; leave as default unless testing.
        migrations: schema versions and their upgrades; leave as default unless testing.
    """

    def __init__(self, path: Path | str, now: Callable[[], datetime] = _utc_now,
                 migrations: Mapping[int, Migration] = MIGRATIONS) -> None:
        self.path = Path(path)
        self._now = now
        self._lock = threading.Lock()
        self._claimed: set[int] = set()
        self._closed = False
        self._migrations = migrations
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise folder_fault(err, self.path.parent) from None
        self._conn = self._connect()

    def _connect(self) -> sqlite3.Connection:
        """Open the file (`connection.connect`), keeping its identity (`replaced`)."""
        conn, self.version = connect(self.path, self._migrations)
        self.identity = identity(self.path)
        return conn

    def replaced(self) -> bool:
        """The file at its path is not the one it opened (deleted, or another in its place)."""
        return identity(self.path) != self.identity

    def reopen(self) -> Path | None:
        """A new, empty store at the same path once the file was deleted or replaced: a file
        found in its place is moved aside (its copy returned), never written over."""
        with self._lock:
            with suppress(sqlite3.Error):
                self._conn.close()
            found, copy = identity(self.path), None
            if found is not None and found != self.identity:
                copy = set_aside(self.path)
            # Logs of a deleted file, or this store's own new file half written before a
            # fault (what it holds is in memory): the new store starts from nothing.
            for suffix in ("", *LOG_SUFFIXES) if found == self.identity else LOG_SUFFIXES:
                with suppress(OSError):
                    Path(f"{self.path}{suffix}").unlink()
            self._conn = self._connect()
        return copy

    @classmethod
    def open(cls, directory: str | None = None) -> Store:
        """The store in the data directory (`data_dir(directory)`)."""
        return cls(data_dir(directory) / DB_NAME)

    def close(self) -> None:
        """Let go of the sessions this store claimed and close the database; every event is
        already committed. Never raises: a lock it cannot release is stale once this process
        ends, and the next writer takes it over."""
        if self._closed:
            return
        for session_id in sorted(self._claimed):
            with suppress(StoreError):
                self.release(session_id)
        with self._lock:
            self._closed = True
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    @contextmanager
    def _faults(self) -> Iterator[None]:
        """SQLite's errors as `StoreFault`s naming the file; a refused row (IntegrityError) is
        a program's error and goes on as it is."""
        try:
            yield
        except sqlite3.IntegrityError:
            raise
        except sqlite3.Error as err:
            raise store_fault(err, self.path) from None

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, holding SQLite's write lock from the start; committed (and
        synced) when the block ends, rolled back if it or the commit fails."""
        with self._lock, self._faults():
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                # SQLite rolls back by itself after some faults (a full disk); then there is
                # nothing left to roll back, and the fault is what the caller must hear.
                if conn.in_transaction:
                    with suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                raise

    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        with self._lock, self._faults():
            cursor = self._conn.execute(sql, params)
            cursor.row_factory = sqlite3.Row
            return list(cursor.fetchall())

    def check(self) -> None:
        """`StoreFault` when SQLite's quick check finds the file damaged: nothing is written
        into a damaged store (`run` and `resume` ask before they write)."""
        problems = [str(row[0]) for row in self._read("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise damaged(self.path, problems[0])

    def claim(self, session_id: int) -> None:
        """Take the session for this process to write (again, if it is already its own);
        `writers.SessionBusy` naming the holder when another tabletop that still runs has it.
        A lock left by a process that is gone is taken over. `close` lets it go."""
        me = this_process(_iso(self._now()))
        with self._transaction() as conn:
            take(conn, session_id, me)
        self._claimed.add(session_id)

    def release(self, session_id: int) -> None:
        """Let go of a session this process claimed."""
        me = this_process(_iso(self._now()))
        with self._transaction() as conn:
            let_go(conn, session_id, me)
        self._claimed.discard(session_id)

    # --- sessions ---------------------------------------------------------------------------

    def create_session(self, scenario_id: str, scenario_ref: str, mode: Mode, seed: int,
                       speed: float, teams: Iterable[str] = (),
                       variation: Mapping[str, float] | None = None,
                       session_id: int | None = None) -> int:
        """Add a running session; returns its id (`session_id` when given: a session written
        again into a new store). Ids are never used again (AUTOINCREMENT).

        `variation`: the stream parameters the run uses where the scenario declares ranges
        (`played_variation`); restoring applies them again. A seed the store cannot keep
        (`SEEDS_KEPT`) is refused with `StoreError` before SQLite sees it.
        """
        if seed not in SEEDS_KEPT:
            digits = len(str(abs(seed)))
            raise StoreError(f"a seed of {digits} digits cannot be saved; seeds go from "
                             f"{SEEDS_KEPT.start} to {SEEDS_KEPT.stop - 1}")
        with self._transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO sessions (id, scenario_id, scenario_ref, mode, seed, speed, teams, "
                "started_at, state, variation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'running', ?)",
                (session_id, scenario_id, scenario_ref, mode, seed, speed,
                 json.dumps(list(teams)),
                 _iso(self._now()), json.dumps(dict(variation or {}), sort_keys=True)))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    # Each session's latest event through the events' primary key: only that session's pages
    # are read, so a damaged page elsewhere does not hide it.
    _SESSION_SELECT = (
        "SELECT s.*, (SELECT minute FROM events WHERE session_id = s.id ORDER BY seq DESC "
        "LIMIT 1) AS last_minute, (SELECT at FROM events WHERE session_id = s.id ORDER BY seq "
        "DESC LIMIT 1) AS last_at FROM sessions AS s")
    _BARE_SELECT = "SELECT s.*, NULL AS last_minute, NULL AS last_at FROM sessions AS s"

    @staticmethod
    def _info(row: sqlite3.Row, readable: bool = True) -> SessionInfo:
        return SessionInfo(
            id=row["id"], scenario_id=row["scenario_id"], scenario_ref=row["scenario_ref"],
            mode=mode_of(row["mode"]), seed=row["seed"], speed=row["speed"],
            teams=tuple(json.loads(row["teams"])), started_at=row["started_at"],
            state=row["state"], total=row["total"], max=row["max"], grade=row["grade"],
            last_minute=row["last_minute"], last_at=row["last_at"],
            variation={str(k): float(v) for k, v in json.loads(row["variation"]).items()},
            readable=readable)

    def session(self, session_id: int) -> SessionInfo:
        """One session; `StoreError` when there is no such session."""
        rows = self._read(self._SESSION_SELECT + " WHERE s.id = ?", (session_id,))
        if not rows:
            raise StoreError(f"no session {session_id}")
        return self._info(rows[0])

    def list_sessions(self, scenario_id: str | None = None,
                      mode: Mode | None = None) -> list[SessionInfo]:
        """Sessions, newest first, optionally of one scenario or mode."""
        clause, params = where(("s.scenario_id", scenario_id), ("s.mode", mode))
        return [self._info(row) for row in self._read(
            self._SESSION_SELECT + clause + " ORDER BY s.id DESC", params)]

    def readable_sessions(self, scenario_id: str | None = None,
                          ) -> tuple[list[SessionInfo], StoreFault | None]:
        """`list_sessions`, and None; in a damaged store, the sessions SQLite can still read
        (one whose journal cannot be read comes `readable=False`) and the fault."""
        try:
            return self.list_sessions(scenario_id), None
        except StoreFault as err:
            if not err.damaged:
                raise
            fault = err
        found = []
        for session_id in self._readable_ids():
            try:
                info = self.session(session_id)
            except StoreFault:
                try:
                    rows = self._read(self._BARE_SELECT + " WHERE s.id = ?", (session_id,))
                except StoreFault:
                    continue
                info = self._info(rows[0], readable=False)
            if scenario_id in (None, info.scenario_id):
                found.append(info)
        return found, fault

    def _readable_ids(self) -> list[int]:
        """Ids of the sessions rows SQLite can read, newest first: read from either end of
        the table up to the first damaged page."""
        found: set[int] = set()
        for order in ("DESC", "ASC"):
            with self._lock, suppress(sqlite3.DatabaseError):
                for (session_id,) in self._conn.execute(f"SELECT id FROM sessions "
                                                        f"ORDER BY id {order}"):
                    found.add(int(session_id))
        return sorted(found, reverse=True)

    def latest_session_id(self, scenario_id: str | None = None,
                          state: str | None = None) -> int | None:
        """Id of the newest session (of a scenario, in a state), or None when there is none."""
        clause, params = where(("scenario_id", scenario_id), ("state", state))
        value = self._read("SELECT MAX(id) FROM sessions" + clause, params)[0][0]
        return int(value) if value is not None else None

    def ids_given(self) -> int:
        """The highest session id this store ever gave, kept if the session is gone (SQLite's
        AUTOINCREMENT record); 0 for none: sessions gone from a store say it is damaged."""
        return int(self._read("SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = "
                              "'sessions'")[0][0])

    # --- events -----------------------------------------------------------------------------

    def append(self, session_id: int, event: Event) -> int:
        """Write one event in its own transaction, committed before returning; its seq.

        An `ended` event also marks the session ended with its score, in the same transaction.
        """
        data = json.dumps(event.data, ensure_ascii=False, allow_nan=False)
        try:
            with self._transaction() as conn:
                seq = int(conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM events "
                                       "WHERE session_id = ?", (session_id,)).fetchone()[0])
                conn.execute("INSERT INTO events (session_id, seq, kind, minute, data, at) "
                             "VALUES (?, ?, ?, ?, ?, ?)",
                             (session_id, seq, event.kind, float(event.minute), data,
                              _iso(self._now())))
                if event.kind == "ended":
                    conn.execute("UPDATE sessions SET state = 'ended', total = ?, max = ?, "
                                 "grade = ? WHERE id = ?", (*final_score(event), session_id))
        except sqlite3.IntegrityError as err:
            raise StoreError(f"cannot record {event.kind!r} for session {session_id}: "
                             f"{err}") from None
        if event.kind in CHECKPOINTED_AFTER:
            self.checkpoint()
        return seq

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the file, as far as readers allow (PASSIVE: never
        waits for the room's view), so a log lost later loses less. Every event is already
        committed: a checkpoint that fails loses nothing and is tried again next round."""
        with self._lock, suppress(sqlite3.Error):
            self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def events(self, session_id: int) -> list[StoredEvent]:
        """A session's journal, in the order it was written."""
        rows = self._read("SELECT seq, kind, minute, data, at FROM events WHERE session_id = ? "
                          "ORDER BY seq", (session_id,))
        return [StoredEvent(row["seq"], row["at"],
                            Event(event_kind(row["kind"]), row["minute"],
                                  json.loads(row["data"])))
                for row in rows]

    def debrief(self, session_id: int) -> Debrief:
        """The debrief answers, commitments and improvement plan, as last typed."""
        return debrief_from_events(s.event for s in self.events(session_id))

    def votes(self, session_id: int) -> list[Decision]:
        """Workshop votes (each team's own choices), oldest first."""
        return votes_from_events(s.event for s in self.events(session_id))

    def integrity_ok(self) -> bool:
        """SQLite's own integrity check passes."""
        return bool(self._read("PRAGMA integrity_check")[0][0] == "ok")


def read_session(conn: sqlite3.Connection, session_id: int | None = None) -> SessionInfo | None:
    """Session `session_id` (the newest when None) on any connection, such as the room's
    read-only one (`journal.follow`); None when there is none."""
    where = " WHERE s.id = ?" if session_id is not None else " ORDER BY s.id DESC LIMIT 1"
    cursor = conn.execute(Store._SESSION_SELECT + where,
                          (session_id,) if session_id is not None else ())
    cursor.row_factory = sqlite3.Row
    row = cursor.fetchone()
    return Store._info(row) if row is not None else None
