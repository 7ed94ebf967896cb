"""One clock: the room shows the seat's clock as it stands, a vote's held clock too; the
facilitator's list of injects to come holds only those that still can."""

from __future__ import annotations

from pathlib import Path

from tabletop.base.words import fmt_minute
from tabletop.exercise.clock import FakeTime
from tabletop.exercise.engine import Decision
from tabletop.ui.room.app import RoomApp
from tabletop.ui.room.facilitator import PASSED, outlook, section_text
from tabletop.ui.widgets.header_strip import StatusColumns
from tests.ui.helpers import (
    SIZE,
    advance_to,
    close_announcements,
    on_screen,
    paused_at,
    played_to,
    screen_text,
)
from tests.ui.room.helpers import WALL, room_on


async def test_a_vote_holds_the_rooms_clock_as_it_holds_the_seats(tmp_path: Path) -> None:
    room = room_on(tmp_path, 25, teams=("Red", "Blue", "Green"))
    wall = [WALL]
    room.app.follower._wall = lambda: wall[0]
    async with room.app.run_test(size=SIZE) as pilot:
        for _ in range(4):
            await pilot.pause()
        assert isinstance(pilot.app, RoomApp)
        assert "RUNNING" in on_screen(pilot.app.screen.query_one(StatusColumns))
        room.session.voting.open()  # the seat's clock stands still for the vote
        room.session.voting.cast(Decision(25, "freeze", ("r2-overrides",), "hold", team="Red"))
        seat = room.session.exercise
        assert not seat.clock.running
        wall[0] += 30.0  # the room looks again half a minute later
        pilot.app.follow()
        for _ in range(3):
            await pilot.pause()
        followed = pilot.app.follower.exercise
        assert followed is not None
        assert not followed.clock.running
        assert fmt_minute(followed.minute) == fmt_minute(seat.minute)
        status = on_screen(pilot.app.screen.query_one(StatusColumns))
        assert "PAUSED" in status
        assert "RUNNING" not in status
        assert "VOTE OPEN" in screen_text(pilot)
    room.store.close()


def test_the_facilitators_list_keeps_a_check_nobody_can_ask_for_any_more_apart() -> None:
    before = played_to(-10, time=FakeTime()).exercise
    check = next(i for i in before.scenario.injects if i.when is not None and i.when.checks)
    text = section_text(before, "injects").plain
    assert check.title in text.partition("Will not come")[0]  # it may still be asked for
    after = played_to(25, time=FakeTime()).exercise  # deployed at T+0, nobody asked for it
    assert outlook(after, check) == PASSED
    upcoming, _, gone = section_text(after, "injects").plain.partition("Will not come")
    assert check.title not in upcoming
    assert check.title in gone
    later = next(i for i in after.pending() if i.when is None and i.minute > 25)
    assert later.title in upcoming



async def test_the_seat_says_the_room_shows_the_round_while_the_clock_stands_for_it(
        tmp_path: Path) -> None:
    room = room_on(tmp_path, 20, running=False)  # round 2 fired, the clock standing for it
    async with room.app.run_test(size=SIZE) as pilot:
        for _ in range(3):
            await pilot.pause()
        assert isinstance(pilot.app, RoomApp)
        assert pilot.app.stage == "announcement"
    room.store.close()
    harness = paused_at(19)  # the seat, as round 2 arrives
    async with harness.app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await advance_to(pilot, harness, 20)  # round 2: the clock stops, announced
        await close_announcements(pilot, resume=False)  # kept paused to discuss
        for _ in range(3):
            await pilot.pause()
        cue = pilot.app.screen.query_one("#room-cue")
        assert "ROOM SEES  the round's announcement" in on_screen(cue)
        await pilot.press("space")  # the clock runs: the room goes back to the dashboard
        for _ in range(3):
            await pilot.pause()
        assert not cue.display
        assert harness.app.presenter.describe() == ""
