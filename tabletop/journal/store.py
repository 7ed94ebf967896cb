"""Crash-safe session storage in SQLite (restoring a session from it: `journal.restore`).

One file, `tabletop.db`, in the data directory (`data_dir`). Every event of a session is
written in its own transaction, committed (and, with `synchronous=FULL`, synced to disk) before
`SqliteJournal.append` returns, so a `kill -9` at any moment loses no event that was recorded.
SQLite's write-ahead log makes a half-written transaction invisible: it is rolled back the
next time the file is opened.

Its tables, and the migrations that bring an older database up to them: `journal.migrations`.
The events' kinds and their `data` are the journal's vocabulary (`journal.events`).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import platformdirs

from tabletop.exercise.engine import Decision, Exercise
from tabletop.exercise.variation import played_variation
from tabletop.journal.events import (
    Debrief,
    Event,
    debrief_from_events,
    final_score,
    votes_from_events,
)
from tabletop.journal.migrations import MIGRATIONS, Migration, SchemaError, migrate
from tabletop.journal.session import Session
from tabletop.scenario.record import record

if TYPE_CHECKING:
    from tabletop.scoring.rubric import ScoreCard

DB_NAME = "tabletop.db"
"""File name of the database inside the data directory."""
ENV_DATA_DIR = "TABLETOP_DATA_DIR"
"""Environment variable that overrides the platform's data directory."""
APP_NAME = "tabletop"
"""Name under which the platform's user data directory is found."""


class StoreError(Exception):
    """A database that cannot be used, with the reason for the user."""


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


# --- values ---------------------------------------------------------------------------------


@record
class SessionInfo:
    """One row of the sessions table, with where the session got to."""

    id: int
    """Session id, as `tabletop resume ID` takes it."""
    scenario_id: str
    """Id of the scenario played."""
    scenario_ref: str
    """The bundled id or path the scenario was loaded from."""
    mode: str
    """team, workshop or solo."""
    seed: int
    """Seed of the ticket stream."""
    speed: float
    """Clock speed at the start (scenario minutes per real minute)."""
    teams: tuple[str, ...]
    """Team names in workshop mode."""
    started_at: str
    """Wall time it started, ISO 8601 in UTC."""
    state: str
    """running or ended."""
    total: float | None
    """Total score once ended."""
    max: float | None
    """Maximum score once ended."""
    grade: str | None
    """Grade once ended."""
    last_minute: float | None
    """Scenario minute of the latest event; None before any."""
    last_at: str | None
    """Wall time of the latest event."""
    variation: dict[str, float]
    """Stream parameter path to the value the run used, for the scenario's declared ranges."""

    @property
    def ended(self) -> bool:
        """The exercise was ended and scored."""
        return self.state == "ended"


@record
class StoredEvent:
    """An event as the journal holds it."""

    seq: int
    """Position in the session's journal, from 1."""
    at: str
    """Wall time it was written, ISO 8601 in UTC."""
    event: Event
    """The event."""


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
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            # isolation_level=None: we open every transaction ourselves, so nothing is left
            # uncommitted by the driver's implicit transactions.
            self._conn = sqlite3.connect(self.path, isolation_level=None,
                                         check_same_thread=False, timeout=10.0)
        except sqlite3.Error as err:
            raise StoreError(f"{self.path}: cannot open ({err})") from None
        try:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=FULL")
            self._conn.execute("PRAGMA foreign_keys=ON")
            self.version = migrate(self._conn, migrations)
        except sqlite3.DatabaseError as err:
            self._conn.close()
            raise StoreError(f"{self.path}: not a tabletop database ({err})") from None
        except SchemaError as err:
            self._conn.close()
            raise StoreError(f"{self.path}: {err}") from None

    @classmethod
    def open(cls, directory: str | None = None) -> Store:
        """The store in the data directory (`data_dir(directory)`)."""
        return cls(data_dir(directory) / DB_NAME)

    def close(self) -> None:
        """Close the database; every event is already committed."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, holding SQLite's write lock from the start; committed (and
        synced) when the block ends, rolled back if it raises."""
        with self._lock:
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        with self._lock:
            cursor = self._conn.execute(sql, params)
            cursor.row_factory = sqlite3.Row
            return list(cursor.fetchall())

    # --- sessions ---------------------------------------------------------------------------

    def create_session(self, scenario_id: str, scenario_ref: str, mode: str, seed: int,
                       speed: float, teams: Iterable[str] = (),
                       variation: Mapping[str, float] | None = None) -> int:
        """Add a running session; returns its id.

        `variation`: the stream parameters the run uses where the scenario declares ranges
        (`played_variation`); restoring applies them again.
        """
        with self._transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO sessions (scenario_id, scenario_ref, mode, seed, speed, teams, "
                "started_at, state, variation) VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?)",
                (scenario_id, scenario_ref, mode, seed, speed, json.dumps(list(teams)),
                 _iso(self._now()), json.dumps(dict(variation or {}), sort_keys=True)))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    _SESSION_SELECT = (
        "SELECT s.*, e.last_minute, e.last_at FROM sessions AS s LEFT JOIN ("
        "  SELECT session_id, MAX(seq) AS last_seq, minute AS last_minute, at AS last_at"
        "  FROM events GROUP BY session_id) AS e ON e.session_id = s.id")

    @staticmethod
    def _info(row: sqlite3.Row) -> SessionInfo:
        return SessionInfo(
            id=row["id"], scenario_id=row["scenario_id"], scenario_ref=row["scenario_ref"],
            mode=row["mode"], seed=row["seed"], speed=row["speed"],
            teams=tuple(json.loads(row["teams"])), started_at=row["started_at"],
            state=row["state"], total=row["total"], max=row["max"], grade=row["grade"],
            last_minute=row["last_minute"], last_at=row["last_at"],
            variation={str(k): float(v) for k, v in json.loads(row["variation"]).items()})

    def session(self, session_id: int) -> SessionInfo:
        """One session; `StoreError` when there is no such session."""
        rows = self._read(self._SESSION_SELECT + " WHERE s.id = ?", (session_id,))
        if not rows:
            raise StoreError(f"no session {session_id}")
        return self._info(rows[0])

    def list_sessions(self, scenario_id: str | None = None,
                      mode: str | None = None) -> list[SessionInfo]:
        """Sessions, newest first, optionally of one scenario or mode."""
        where, params = _where(("s.scenario_id", scenario_id), ("s.mode", mode))
        return [self._info(row) for row in self._read(
            self._SESSION_SELECT + where + " ORDER BY s.id DESC", params)]

    def latest_session_id(self, scenario_id: str | None = None,
                          state: str | None = None) -> int | None:
        """Id of the newest session (of a scenario, in a state), or None when there is none."""
        where, params = _where(("scenario_id", scenario_id), ("state", state))
        value = self._read("SELECT MAX(id) FROM sessions" + where, params)[0][0]
        return int(value) if value is not None else None

    def mark_ended(self, session_id: int, card: ScoreCard) -> None:
        """Record a session's final score (the `ended` event does this too)."""
        with self._transaction() as conn:
            conn.execute("UPDATE sessions SET state = 'ended', total = ?, max = ?, grade = ? "
                         "WHERE id = ?", (card.total, card.max, card.grade, session_id))

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
        return seq

    def events(self, session_id: int) -> list[StoredEvent]:
        """A session's journal, in the order it was written."""
        rows = self._read("SELECT seq, kind, minute, data, at FROM events WHERE session_id = ? "
                          "ORDER BY seq", (session_id,))
        return [StoredEvent(row["seq"], row["at"],
                            Event(row["kind"], row["minute"], json.loads(row["data"])))
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


def _where(*filters: tuple[str, str | None]) -> tuple[str, tuple[str, ...]]:
    """A WHERE clause matching each column whose value is given, and its parameters."""
    given = [(column, value) for column, value in filters if value is not None]
    if not given:
        return "", ()
    clause = " WHERE " + " AND ".join(f"{column} = ?" for column, _ in given)
    return clause, tuple(value for _, value in given)


class SqliteJournal:
    """A session's journal in the store: `session.Journal`, durable on return."""

    def __init__(self, store: Store, session_id: int) -> None:
        self.store = store
        self.session_id: int | None = session_id
        self._id = session_id

    def append(self, event: Event) -> None:
        """Write the event in its own committed transaction."""
        self.store.append(self._id, event)

    def events(self) -> list[Event]:
        """Every event of the session in the store, oldest first."""
        return [stored.event for stored in self.store.events(self._id)]


def new_session(store: Store, exercise: Exercise, scenario_ref: str = "", mode: str = "team",
                teams: Iterable[str] = ()) -> Session:
    """A `Session` journalled to a new row of the store (call `start()` on it to begin)."""
    session = Session(exercise, None, scenario_ref, mode, teams)
    save_session(store, session)
    return session


def save_session(store: Store, session: Session) -> int:
    """Give the session a new row of the store and journal it there from now on.

    Events it kept in memory until now are written first. Returns the session's id.
    """
    # Imported here: restoring reads this module, and the store needs only this one rule of it.

    ex = session.exercise
    session_id = store.create_session(ex.scenario.id, session.scenario_ref, session.mode,
                                      ex.seed, ex.clock.speed, session.teams,
                                      played_variation(ex.scenario))
    session.journal_to(SqliteJournal(store, session_id))
    return session_id
