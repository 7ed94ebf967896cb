"""Every steering move is shown by the room's view (`tabletop present`) as the seat has it
(issue 22, item 1): an inject written now, one held back, one brought forward, an overrule,
and a branch the scenario offers, released."""

from __future__ import annotations

from pathlib import Path

import pytest

from tabletop.exercise.engine import Choice
from tabletop.exercise.replay import PlannedStep
from tabletop.exercise.steering import Steer, offered
from tabletop.journal.session import Session
from tabletop.journal.steering import journal_steer
from tabletop.ui.room.app import RoomApp
from tests.ui.helpers import SIZE, screen_text
from tests.ui.room.helpers import room_on
from tests.ui.test_steering import BLOCKED


def _held_then_brought_forward(session: Session) -> str:
    journal_steer(session, Steer("hold", 0, "early-signals"))
    session.jump_to(25.0)
    journal_steer(session, Steer("forward", 0, "early-signals"))
    return "early-signals"


def _brought_forward(session: Session) -> str:
    journal_steer(session, Steer("forward", 0, "early-signals"))
    return "early-signals"


def _overruled(session: Session) -> str:
    journal_steer(session, Steer("inject", 0, "adhoc-1", "The director overrules", "Deploy now.",
                                 effect="deploy"))
    return "adhoc-1"


def _branch_released(session: Session) -> str:
    session.jump_to(8.0)
    (branch,) = offered(session.exercise)
    journal_steer(session, Steer("branch", 0, branch.id))
    return branch.id


APPROVED = (PlannedStep(-10, Choice("approve")),)
"""Round 1 approved: the candidate goes live, and the rounds after it are scheduled."""


@pytest.mark.parametrize(("steps", "move"), [(APPROVED, _held_then_brought_forward),
                                             (APPROVED, _brought_forward),
                                             (BLOCKED, _overruled),
                                             (BLOCKED, _branch_released)])
async def test_the_room_shows_each_steering_move_as_the_seat_has_it(
        tmp_path: Path, steps: tuple[PlannedStep, ...], move: object) -> None:
    room = room_on(tmp_path, 2, running=False, steps=steps)
    async with room.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert callable(move)
        inject = move(room.session)
        assert isinstance(pilot.app, RoomApp)
        pilot.app.follow()
        for _ in range(3):
            await pilot.pause()
        follower = pilot.app.follower
        assert follower.exercise is not None
        seat = [(f.inject.id, f.minute) for f in room.session.exercise.fired]
        assert [(f.inject.id, f.minute) for f in follower.exercise.fired] == seat
        assert seat[-1][0] == inject
        title = room.session.exercise.fired[-1].inject.title
        assert title in " ".join(screen_text(pilot).split())
    room.store.close()
