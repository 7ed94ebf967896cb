"""Following a live session from another process, read-only: the room's view (`tabletop
present`) beside the facilitator's seat (`tabletop run`), which writes the session.

The follower opens the store with SQLite's `mode=ro`, so it can never write, and asks it
every `POLL_SECONDS` whether anything was committed since (`PRAGMA data_version`, a few
microseconds when nothing was). When something was, it reads the events after the last one
it has, and:

- an action, a statement or the end changes the run's history: the exercise is built again
  by replaying the journal (`restore.replayed`, the path `resume` takes), about 0.1 s;
- every other event only moves the clock, which is set from the latest clock event's minute
  and wall time (`at`) and the speed, so the follower's clock runs with the facilitator's
  without ticks being written: reveals follow from the replayed exercise at that minute;
- a `present` event (the facilitator's presentation keys) says what the room's view shows.

The clock runs only while the session's writer (`journal.writers`) is alive and set it
running: a facilitator's process that is killed, quits or is resumed (a new writer, its
clock paused until Space) leaves the follower's clock where the journal stands, as `resume`
would. With no session named, the follower follows the newest and moves to a newer one as
soon as it appears (the facilitator started again).
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from tabletop.exercise.engine import Decision, Exercise
from tabletop.journal.events import (
    CHANGES_HISTORY,
    Event,
    Presentation,
    StoredEvent,
    clock_state,
    event_kind,
    presentation_from_event,
    votes_from_events,
    was_started,
)
from tabletop.journal.faults import StoreError
from tabletop.journal.restore import open_ballot, replayed
from tabletop.journal.rows import SessionInfo
from tabletop.journal.writers import Writer, holder, still_runs
from tabletop.scenario.errors import ScenarioError
from tabletop.scenario.model import Scenario

POLL_SECONDS = 0.2
"""How often the room's view asks the store whether anything changed."""
WRITER_EVERY = 1.0
"""Seconds between two looks at whether the session's writer still runs (a killed process
commits nothing, so the store's version cannot tell)."""

ScenarioLoader = Callable[[SessionInfo], Scenario]
"""Loads the scenario a session played (the command line resolves `scenario_ref`)."""


def open_read_only(path: Path) -> sqlite3.Connection:
    """The store at `path`, opened so that SQLite refuses any write; sqlite3.Error when it
    cannot be opened (a missing file is not created)."""
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    return sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False,
                           timeout=2.0)


def read_events(conn: sqlite3.Connection, session_id: int, after: int = 0) -> list[StoredEvent]:
    """A session's events after seq `after`, in the order they were written."""
    rows = conn.execute("SELECT seq, kind, minute, data, at FROM events WHERE session_id = ? "
                        "AND seq > ? ORDER BY seq", (session_id, after)).fetchall()
    return [StoredEvent(seq, at, Event(event_kind(kind), minute, json.loads(data)))
            for seq, kind, minute, data, at in rows]


def wall_seconds(at: str) -> float:
    """An event's ISO 8601 wall time as seconds since the epoch (0.0 when unreadable)."""
    try:
        return datetime.fromisoformat(at).timestamp()
    except ValueError:
        return 0.0


class Follower:
    """A session of the store at `path`, followed read-only.

    Args:
        path: the store's file; it may not exist yet (the follower waits for it).
        load: the scenario a session played.
        session_id: the session to follow; None follows the newest, and the next one.
        wall: the wall clock, seconds since the epoch; leave as default unless testing.
    """

    def __init__(self, path: Path, load: ScenarioLoader, session_id: int | None = None,
                 wall: Callable[[], float] = time.time) -> None:
        self.path = Path(path)
        self._load = load
        self._pinned = session_id
        self._wall = wall
        self._conn: sqlite3.Connection | None = None
        self._version: int | None = None
        self._writer_looked = float("-inf")
        self.info: SessionInfo | None = None
        """The session followed, once there is one."""
        self.exercise: Exercise | None = None
        """Its exercise, replayed; None until the session has started."""
        self.stored: list[StoredEvent] = []
        """Every event of the session read so far."""
        self.writer: Writer | None = None
        """The process writing the session, while one holds it and still runs."""
        self.presentation = Presentation()
        """What the facilitator last asked the room's view to show."""
        self.presented = 0
        """Seq of the latest `present` event (0: none): a new one overrides an announcement."""
        self.problem = ""
        """Why the session cannot be followed now (empty when it can)."""
        self._votes_seen = -1
        self._votes: tuple[list[Decision], int] = ([], 0)
        self._loaded: tuple[int | None, Scenario | None] = (None, None)

    def scenario(self) -> Scenario | None:
        """The scenario of the session followed, as loaded (None: no session, or it does not
        load): what the room's briefing shows before the exercise starts."""
        info = self.info
        if info is None:
            return None
        if self._loaded[0] != info.id:  # loaded once per session, not at every poll
            try:
                self._loaded = (info.id, self._load(info))
            except (OSError, ValueError, ScenarioError):
                self._loaded = (info.id, None)
        return self._loaded[1]

    @property
    def events(self) -> list[Event]:
        """The session's events read so far."""
        return [s.event for s in self.stored]

    def close(self) -> None:
        """Close the connection."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def poll(self) -> bool:
        """Read what the store has new; True when anything the room sees may have changed."""
        try:
            return self._poll()
        except (sqlite3.Error, StoreError, ValueError) as err:
            # The store being written, moved or damaged (a row that does not decode): try
            # again at the next poll.
            self.close()
            self._version = None
            self.problem = f"{self.path}: {err}"
            return True

    def _poll(self) -> bool:
        conn = self._connect()
        if conn is None:
            return False
        version = int(conn.execute("PRAGMA data_version").fetchone()[0])
        changed = version != self._version
        self._version = version
        if changed:
            changed = self._read(conn)
        now = self._wall()
        if now - self._writer_looked >= WRITER_EVERY and self.info is not None:
            self._writer_looked = now
            writer = holder(conn, self.info.id)
            alive = writer if writer is not None and still_runs(writer) else None
            if alive != self.writer:
                self.writer = alive
                self._set_clock()
                changed = True
        return changed

    def _connect(self) -> sqlite3.Connection | None:
        if self._conn is None:
            if not self.path.exists():
                self.problem = f"waiting for {self.path}"
                return None
            self._conn = open_read_only(self.path)
        return self._conn

    def _read(self, conn: sqlite3.Connection) -> bool:
        """Follow the newest session if it changed, then read its new events."""
        # The store's module (platformdirs, migrations) is off the room's way to first paint.
        from tabletop.journal.store import read_session

        info = read_session(conn, self._pinned)
        if info is None:
            self.problem = (f"no session {self._pinned}" if self._pinned is not None
                            else "waiting for the facilitator to start a session")
            return False
        if self.info is None or info.id != self.info.id:
            self._switch(info)
        self.info = info
        new = read_events(conn, info.id, self.stored[-1].seq if self.stored else 0)
        if not new:
            return self.exercise is None and not self.problem
        self.stored.extend(new)
        self._take(new)
        return True

    def _switch(self, info: SessionInfo) -> None:
        """Start following another session."""
        self.info = info
        self.stored = []
        self.exercise = None
        self.writer = None
        self._writer_looked = float("-inf")
        self.presentation = Presentation()
        self.presented = 0
        self.problem = ""
        self._votes_seen = -1

    def _take(self, new: Sequence[StoredEvent]) -> None:
        """Apply new events: replay on history, set the clock, note the presentation."""
        for stored in new:
            if stored.event.kind == "present":
                self.presentation = presentation_from_event(stored.event)
                self.presented = stored.seq
        if self.exercise is None or any(s.event.kind in CHANGES_HISTORY for s in new):
            self._build()
        self._set_clock()

    def _build(self) -> None:
        """The exercise again from the whole journal read so far."""
        assert self.info is not None
        events = self.events
        if not was_started(events):
            return  # the briefing is still on: nothing to replay yet
        try:
            self.exercise = replayed(self.info, self._load(self.info), events,
                                     time_source=self._wall)
        except (StoreError, OSError, ValueError) as err:
            self.problem = str(err)
            self.exercise = None
            return
        self.problem = ""

    def _set_clock(self) -> None:
        """The clock where the facilitator's stands: from the latest clock event's minute and
        wall time, running if the live writer set it running."""
        ex = self.exercise
        if ex is None or ex.ended_at is not None:
            return
        state = clock_state(self.stored)
        if state is None:
            return
        anchor_at = wall_seconds(state.anchor.at)
        speed = state.speed if state.speed is not None else ex.clock.speed
        writer = self.writer
        running = state.running and writer is not None and wall_seconds(writer.since) <= anchor_at
        minute = state.anchor.event.minute
        if running:
            minute += max(0.0, self._wall() - anchor_at) * speed / 60.0
        clock = ex.clock
        clock.pause()
        clock.set_speed(speed)
        clock.jump_to(max(minute, state.reached))
        if running:
            clock.resume()
        ex.update()

    def votes(self) -> tuple[list[Decision], int]:
        """The votes the room may see (those of closed votes), and how many teams have voted
        in the vote open now (their choices stay hidden until the facilitator closes it);
        worked out once per new events."""
        if self._votes_seen != len(self.stored):
            self._votes_seen = len(self.stored)
            self._votes = self._count_votes()
        return self._votes

    def _count_votes(self) -> tuple[list[Decision], int]:
        events = self.events
        votes = votes_from_events(events)
        ballot = open_ballot(self.exercise, events) if self.exercise is not None else None
        if ballot is None:
            return votes, 0
        hidden = {(v.team, v.minute, v.action) for v in ballot.votes}
        return [v for v in votes if (v.team, v.minute, v.action) not in hidden], \
            len(ballot.votes)
