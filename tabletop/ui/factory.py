"""The one factory of the app, which the command line, the Pilot tests and the snapshot tests
all call: a new run (`create_app`), a restored session (`resume_app`), or the room's view of
a live one (`room_app`)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from tabletop.base.kinds import Mode
from tabletop.exercise.clock import TimeSource
from tabletop.journal.session import Session
from tabletop.journal.setup import new_run
from tabletop.scenario.model import Scenario
from tabletop.ui.app import TabletopApp

if TYPE_CHECKING:
    from tabletop.journal.store import Store
    from tabletop.ui.room.app import RoomApp


def resume_app(session: Session, *, theme: str | None = None,
               pause_on_inject: bool = True) -> TabletopApp:
    """The app for a restored session: its dashboard, clock paused, or its debrief; its
    briefing if it was never started."""
    return TabletopApp(session, theme=theme, pause_on_inject=pause_on_inject,
                       briefing=not session.started, resumed=session.started)


def create_app(
    scenario: Scenario, *, scenario_ref: str, seed: int | None = None,
    speed: float | None = None,
    theme: str | None = None, pause_on_inject: bool = True,
    time_source: TimeSource = time.monotonic, briefing: bool = True,
    open_store: Callable[[], Store] | None = None, mode: Mode = "team",
    teams: tuple[str, ...] = (), facilitator: str = "",
) -> TabletopApp:
    """The app for one run of a scenario: the only factory the CLI and the tests use.

    `scenario_ref` (the bundled id or path, for the replay line), `seed`, `speed`, `mode`,
    `teams`, `facilitator` (a name for the report) and `time_source` (leave as default unless
    testing: tests pass a `FakeTime`) set
    the run up as `journal.setup.new_run` says. `briefing`: show the briefing first; False
    starts the clock on the dashboard once its first frame is on screen. The other arguments
    are `TabletopApp`'s.
    """
    session = new_run(scenario, ref=scenario_ref, mode=mode, teams=teams, seed=seed,
                      speed=speed, time_source=time_source)
    if facilitator.strip():  # named in the report (`Session.name_facilitator`)
        session.name_facilitator(facilitator)
    return TabletopApp(session, pause_on_inject=pause_on_inject, theme=theme, briefing=briefing,
                       open_store=open_store)


def room_app(directory: str | None, session_id: int | None, theme: str | None,
             load: Callable[[str], Scenario]) -> RoomApp:
    """The room's view (`tabletop present`) of session `session_id` (None: the newest, and
    the next one started) in the store of `directory` (`journal.store.data_dir`), followed
    read-only; `load` loads a scenario by the reference its session was started with."""
    # Only the room's view needs these; `tabletop run` builds its app without them.
    from tabletop.journal.follow import Follower
    from tabletop.journal.store import DB_NAME, data_dir
    from tabletop.ui.room.app import RoomApp

    follower = Follower(data_dir(directory) / DB_NAME, lambda info: load(info.scenario_ref),
                        session_id)
    return RoomApp(follower, theme=theme)
