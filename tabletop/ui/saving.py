"""Where the app keeps its session: the store opened once the first frame is on screen, a store
that cannot be read moved aside for a new one, what the room is told when saving fails or
the store is replaced, and quitting with events the store could not take.

The journal's rules (what is kept, written, moved aside) are `journal`'s; this is what the
room sees and says of them. Each import sits where it is needed: none is on the way to the
first frame.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tabletop.base import words
from tabletop.journal.session import Session

if TYPE_CHECKING:
    from tabletop.journal.faults import StoreFault
    from tabletop.journal.sqlite_journal import Notice, SqliteJournal
    from tabletop.journal.store import Store
    from tabletop.ui.text import TextApp

NOTICE_TITLES: dict[Notice, str] = {"not saved": "Not saved", "saved again": "Saved again",
                                    "store replaced": "Store replaced"}
"""How each notice about saving is titled."""


class Saving:
    """The session's store, seen from the app.

    Args:
        app: the app that tells the room and asks before quitting.
        session: the session saved.
    """

    def __init__(self, app: TextApp, session: Session) -> None:
        self._app = app
        self._session = session
        self.store: Store | None = None
        """The store the session is saved in, once opened; the caller closes it."""
        self.notes: list[str] = []
        """What was said of a store replaced under the run, said again on quitting."""

    def open(self, open_store: Callable[[], Store]) -> None:
        """Open the store and journal the session there, events so far first; or quit with
        the store's one-line message. A store that cannot be read is moved aside (named in a
        notification that stays) and a new one started, never written over. Should the
        machine fail the store later (a full disk), the room is told (`tell_room`)."""
        from tabletop.journal.sqlite_journal import save_session
        from tabletop.journal.store import StoreError, StoreFault
        from tabletop.scenario.errors import EXIT_BAD_INPUT

        try:
            try:
                self.store = open_store()
                save_session(self.store, self._session, on_fault=self.tell_room)
            except StoreFault as fault:
                if not fault.damaged:
                    raise
                self._start_again_beside(fault, open_store)
        except StoreError as err:
            self._app.exit_saying(f"tabletop: {err}", EXIT_BAD_INPUT)

    def _start_again_beside(self, fault: StoreFault, open_store: Callable[[], Store]) -> None:
        """The store cannot be read: move it aside, say where, and save in a new one."""
        from tabletop.journal.damage import highest_id, set_aside
        from tabletop.journal.sqlite_journal import save_session

        if self.store is not None:
            self.store.close()
        copy = set_aside(fault.path)
        self.store = open_store()
        save_session(self.store, self._session, on_fault=self.tell_room,
                     after=highest_id(copy))
        self.tell_room(f"The session store {fault.path} could not be read ({fault.reason}). "
                       f"It was moved aside, unchanged, to {copy}; this session is saved in "
                       "a new store.", "store replaced")

    def tell_room(self, message: str, notice: Notice) -> None:
        """What the room must hear about saving (`SqliteJournal.on_fault`): a store that
        stops taking events or was replaced stays on screen (a day, or until clicked away);
        saving again goes after a while."""
        if notice == "store replaced":
            self.notes.append(message)
        lasting = notice != "saved again"
        self._app.notify(message, title=NOTICE_TITLES[notice],
                         severity="error" if lasting else "information",
                         timeout=24 * 60 * 60 if lasting else 10, markup=False)

    def unsaved_journal(self) -> SqliteJournal | None:
        """The session's journal when it holds events the store could not take."""
        from tabletop.journal.sqlite_journal import SqliteJournal

        journal = self._session.journal
        return journal if isinstance(journal, SqliteJournal) and journal.unsaved else None

    def leave(self) -> None:
        """Quit, the command line saying again what happened to the store under the run."""
        notes = " ".join(f"tabletop: {note}" for note in self.notes)
        if notes:
            self._app.exit_saying(notes)
        else:
            self._app.exit()

    async def quit_with_pending(self, journal: SqliteJournal) -> None:
        """Ask what to do with the events kept in memory: write them to a file and quit
        (saying where, and how to put them back), quit without them (exit 1, saying how
        many were lost), or stay. A file no place takes keeps the app open, saying why.
        Awaits a dialog: call it from a worker."""
        from tabletop.journal.pending import PendingError, places, write_pending
        from tabletop.ui.screens.confirm import PendingQuitScreen

        count, session_id = words.count(len(journal.unsaved), "event"), journal.session_id or 0
        reason = journal.fault.reason if journal.fault else "it cannot be written"
        answer = await self._app.push_screen_wait(PendingQuitScreen(
            len(journal.unsaved), session_id, f"{journal.store.path}: {reason}",
            places(session_id)[0]))
        if answer is None:
            return
        if not answer.write:
            self._app.exit_saying(f"tabletop: {count} of session {session_id} lost: quit "
                                  "without writing them to a file", 1)
            return
        try:
            path = write_pending(journal, places(session_id, answer.path))
        except PendingError as err:
            self.tell_room(f"Still open: {err}. Choose another place.", "not saved")
            return
        self._app.exit_saying(
            f"tabletop: {count} of session {session_id} the store could not take: written to "
            f"{path}; put them back with: tabletop resume --import {path}")
