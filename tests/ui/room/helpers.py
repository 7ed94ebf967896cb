"""The room's view on a store written in the test: a session the core played to a minute,
saved as `tabletop run` saves it, followed at a fixed wall time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tabletop.exercise.replay import Step
from tabletop.journal.events import Presentation, present_event
from tabletop.journal.follow import Follower
from tabletop.journal.session import Session
from tabletop.journal.setup import new_run
from tabletop.journal.sqlite_journal import save_session
from tabletop.journal.store import DB_NAME, Store
from tabletop.ui.room.app import RoomApp
from tests.ui.helpers import SEED, bundled, played_to

WALL = 1_800_000_000.0
"""The wall time the store and the room's view both read."""


@dataclass
class Room:
    """The room's view, the facilitator's session it follows and their store."""

    app: RoomApp
    session: Session
    store: Store


def room_on(tmp_path: Path, minute: float, *, running: bool = True, steps: tuple[Step, ...] = (),
            teams: tuple[str, ...] = (), shown: Presentation | None = None) -> Room:
    """A session played to `minute` and saved; its clock let run again (at a wall time that
    stands still) unless not `running`; `shown` journalled; the room's view following it."""
    session = played_to(minute, steps=steps, teams=teams,
                        mode="workshop" if teams else "team")
    store = Store(tmp_path / DB_NAME, now=lambda: datetime.fromtimestamp(WALL, UTC))
    save_session(store, session)
    if running:  # as the seat's Space does: its clock runs (a vote then stops it, journalled)
        session.resume()
    if shown is not None:
        session.journal.append(present_event(session.exercise.minute, shown))
    follower = Follower(tmp_path / DB_NAME, lambda _: bundled(), wall=lambda: WALL)
    return Room(RoomApp(follower, wall=lambda: WALL), session, store)


def room_on_briefing(tmp_path: Path) -> Room:
    """A session saved and left on its briefing (not started), the room's view following it."""
    session = new_run(bundled(), ref="default", seed=SEED)
    store = Store(tmp_path / DB_NAME, now=lambda: datetime.fromtimestamp(WALL, UTC))
    save_session(store, session)
    follower = Follower(tmp_path / DB_NAME, lambda _: bundled(), wall=lambda: WALL)
    return Room(RoomApp(follower, wall=lambda: WALL), session, store)
