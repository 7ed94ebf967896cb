"""A session's journal in the store, and saving a session there.

The journal writes each event in its own committed transaction (`Store.append`). When the
machine fails the store (a full disk, a read-only or damaged file: `faults.StoreFault`), what
was written stays written, the event is kept in memory with every one after it, in order, and
the room is told once (`on_fault`); each later event tries again, oldest first, so everything
reaches the file as soon as it can take it, and the room is told that too.

The journal keeps every event of its session in memory as well: should the store's file be
deleted or replaced under it (`Store.replaced`, looked at before each write), a new store is
written at the same place with the whole session, and the room is told at once. What is still
kept in memory at quitting can be written to a file (`journal.pending`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import suppress
from typing import TYPE_CHECKING, Literal

from tabletop.base.kinds import Mode
from tabletop.exercise.engine import Exercise
from tabletop.exercise.variation import played_variation
from tabletop.journal.events import Event
from tabletop.journal.faults import StoreError, StoreFault
from tabletop.journal.rows import SessionInfo
from tabletop.journal.session import Session

if TYPE_CHECKING:
    from tabletop.journal.store import Store

Notice = Literal["not saved", "saved again", "store replaced"]
"""What the room hears about saving: the store stopped taking events, takes them again, or
its file was deleted or replaced and a new one written with the whole session."""
FaultListener = Callable[[str, Notice], None]
"""Told what the room must hear about saving: (message, which notice)."""


class SqliteJournal:
    """A session's journal in the store: `session.Journal`, durable on return while the store
    can write.

    Args:
        store: the store.
        session_id: the session's row.
        on_fault: told once when the store stops taking events, and once when it takes them
            again; None tells no one.
    """

    def __init__(self, store: Store, session_id: int,
                 on_fault: FaultListener | None = None) -> None:
        self.store = store
        self.session_id: int | None = session_id
        self._id = session_id
        self.on_fault = on_fault
        self.unsaved: list[Event] = []
        """Events the store could not take yet, oldest first."""
        self.fault: StoreFault | None = None
        """Why the store takes no events now; None while it does."""
        self.written: list[Event] = []
        """Events the store took, oldest first: what a new store is written with."""
        self.info: SessionInfo | None = None
        """The session's row, to write it again."""
        self._store_lost = False
        with suppress(StoreError):  # a store that cannot be read now: nothing to keep
            self.info = store.session(session_id)
            self.written = [s.event for s in store.events(session_id)]

    def append(self, event: Event) -> None:
        """Write the event in its own committed transaction, after any the store could not
        take before; kept in memory, in order, while the store cannot write."""
        self.unsaved.append(event)
        self.flush()

    def flush(self) -> bool:
        """Write the events kept in memory, oldest first, as far as the store takes them;
        True when none is left."""
        try:
            if self._store_lost or self.store.replaced():
                self._write_again()
            while self.unsaved:
                self.store.append(self._id, self.unsaved[0])
                self.written.append(self.unsaved.pop(0))
        except StoreFault as fault:
            if self.fault is None:
                self._tell(self.fault_message(fault), "not saved")
            self.fault = fault
            return False
        if self.fault is not None:
            self.fault = None
            self._tell(f"Session {self._id} is saved again in {self.store.path}: every "
                       "event is written.", "saved again")
        return True

    def _write_again(self) -> None:
        """The store's file was deleted or replaced: write a new store at its place with the
        session's row and every event it took (one found in its place is moved aside), and
        tell the room. Tried again at the next write if it fails."""
        self._store_lost = True
        copy = self.store.reopen()
        if self.info is not None:
            i = self.info
            self.store.create_session(i.scenario_id, i.scenario_ref, i.mode, i.seed, i.speed,
                                      i.teams, i.variation, session_id=self._id)
            self.store.claim(self._id)
        for event in self.written:
            self.store.append(self._id, event)
        self._store_lost = False
        what = f"replaced by another file (moved aside to {copy})" if copy else "deleted"
        self._tell(f"The session store {self.store.path} was {what} while session {self._id} "
                   f"ran. A new store was written there with the whole session "
                   f"({len(self.written)} events): nothing recorded is lost.", "store replaced")

    def fault_message(self, fault: StoreFault) -> str:
        """What the room must hear when the store stops taking this session's events."""
        lost = (f"Session {self._id} can no longer be saved in {fault.path} ({fault.reason}). "
                "Everything before this moment stays saved; what happens from now on is kept "
                "in memory")
        if fault.damaged:  # it will not take them again
            return f"{lost} only: export the report from the debrief before you quit."
        # Choosing another folder is advice for the next start, not for this run.
        then = fault.advice.split(", or ")[0]
        return f"{lost}, and saved as soon as the file can take it: {then}."

    def _tell(self, message: str, notice: Notice) -> None:
        if self.on_fault is not None:
            self.on_fault(message, notice)

    def events(self) -> list[Event]:
        """Every event of the session, oldest first: those in the store, then those kept in
        memory. A store that cannot be read gives those kept in memory only."""
        try:
            stored = [s.event for s in self.store.events(self._id)]
        except StoreFault:
            stored = []
        return stored + self.unsaved


def new_session(store: Store, exercise: Exercise, scenario_ref: str = "", mode: Mode = "team",
                teams: Iterable[str] = ()) -> Session:
    """A `Session` journalled to a new row of the store (call `start()` on it to begin)."""
    session = Session(exercise, None, scenario_ref, mode, teams)
    save_session(store, session)
    return session


def save_session(store: Store, session: Session, on_fault: FaultListener | None = None,
                 after: int = 0) -> int:
    """Give the session a new row of the store and journal it there from now on, this process
    its one writer (`Store.claim`). A damaged store is refused before anything is written.

    Events it kept in memory until now are written first. Returns the session's id.
    `on_fault`: the journal's (`SqliteJournal`), told if the store stops taking events.
    `after`: the highest id a store moved aside gave (`damage.highest_id`): ids go on after it.
    """
    ex = session.exercise
    store.check()
    session_id = store.create_session(ex.scenario.id, session.scenario_ref, session.mode,
                                      ex.seed, ex.clock.speed, session.teams,
                                      played_variation(ex.scenario),
                                      session_id=after + 1 if after else None)
    store.claim(session_id)
    session.journal_to(SqliteJournal(store, session_id, on_fault))
    return session_id
