"""Pictures of the room's view and of the facilitator's seat's material, at the projector's
120x36 and a laptop's 80x24. Regenerate with --snapshot-update after a deliberate change."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tabletop.exercise.engine import Decision
from tabletop.journal.events import Presentation
from tests.ui.helpers import SIZE, paused_at
from tests.ui.room.helpers import room_on, room_on_briefing

NARROW = (80, 24)
SnapCompare = Callable[..., bool]


async def _settle(pilot: Pilot[None]) -> None:
    """The first follow (after the first frame) has put up its stage, and that has drawn."""
    for _ in range(4):
        await pilot.pause()
    await pilot.wait_for_scheduled_animations()


def test_room_dashboard(snap_compare: SnapCompare, tmp_path: Path) -> None:
    room = room_on(tmp_path, 25)
    assert snap_compare(room.app, terminal_size=SIZE, run_before=_settle)
    room.store.close()


def test_room_dashboard_narrow(snap_compare: SnapCompare, tmp_path: Path) -> None:
    room = room_on(tmp_path, 25)
    assert snap_compare(room.app, terminal_size=NARROW, run_before=_settle)
    room.store.close()


def test_room_big_clock_and_discussion_timer(snap_compare: SnapCompare, tmp_path: Path) -> None:
    room = room_on(tmp_path, 25, shown=Presentation(
        view="clock", timer_end="2027-01-15T08:03:20.000+00:00", timer_seconds=300.0))
    assert snap_compare(room.app, terminal_size=SIZE, run_before=_settle)
    room.store.close()


def test_room_panel_enlarged(snap_compare: SnapCompare, tmp_path: Path) -> None:
    room = room_on(tmp_path, 25, shown=Presentation(view="overrides"))
    assert snap_compare(room.app, terminal_size=SIZE, run_before=_settle)
    room.store.close()


def test_room_panel_enlarged_narrow(snap_compare: SnapCompare, tmp_path: Path) -> None:
    room = room_on(tmp_path, 25, shown=Presentation(view="health"))
    assert snap_compare(room.app, terminal_size=NARROW, run_before=_settle)
    room.store.close()


def test_room_briefing(snap_compare: SnapCompare, tmp_path: Path) -> None:
    room = room_on_briefing(tmp_path)
    assert snap_compare(room.app, terminal_size=SIZE, run_before=_settle)
    room.store.close()


def test_room_briefing_narrow(snap_compare: SnapCompare, tmp_path: Path) -> None:
    room = room_on_briefing(tmp_path)
    assert snap_compare(room.app, terminal_size=NARROW, run_before=_settle)
    room.store.close()


def test_room_round_announced(snap_compare: SnapCompare, tmp_path: Path) -> None:
    room = room_on(tmp_path, 20, running=False)  # round 2 fired, the clock standing for it
    assert snap_compare(room.app, terminal_size=SIZE, run_before=_settle)
    room.store.close()


def test_room_round_announced_narrow(snap_compare: SnapCompare, tmp_path: Path) -> None:
    room = room_on(tmp_path, 20, running=False)
    assert snap_compare(room.app, terminal_size=NARROW, run_before=_settle)
    room.store.close()


@pytest.mark.parametrize("size", [SIZE, NARROW], ids=["120x36", "80x24"])
def test_room_vote_open(snap_compare: SnapCompare, tmp_path: Path,
                        size: tuple[int, int]) -> None:
    room = room_on(tmp_path, 25, teams=("Red", "Blue", "Green"))

    async def vote(pilot: Pilot[None]) -> None:  # the round discussed, then the vote
        await _settle(pilot)
        room.session.voting.open()  # the clock stands still, journalled: PAUSED here too
        room.session.voting.cast(Decision(25, "freeze", ("r2-overrides",), "hold", team="Red"))
        room.app.follow()
        await _settle(pilot)

    assert snap_compare(room.app, terminal_size=size, run_before=vote)
    room.store.close()


@pytest.mark.parametrize("size", [SIZE, NARROW], ids=["120x36", "80x24"])
def test_room_statement_being_written(snap_compare: SnapCompare, tmp_path: Path,
                                      size: tuple[int, int]) -> None:
    room = room_on(tmp_path, 56, shown=Presentation(drafting=True))
    assert snap_compare(room.app, terminal_size=size, run_before=_settle)
    room.store.close()


@pytest.mark.parametrize("size", [SIZE, NARROW], ids=["120x36", "80x24"])
def test_room_statement_sent(snap_compare: SnapCompare, tmp_path: Path,
                             size: tuple[int, int]) -> None:
    room = room_on(tmp_path, 56)
    (asked,) = room.session.exercise.open_statements()
    room.session.submit_statement(asked.request.id, dict.fromkeys(
        asked.request.fields, "Urgent multilingual tickets were misrouted since T+0"))
    assert snap_compare(room.app, terminal_size=size, run_before=_settle)
    room.store.close()


@pytest.mark.parametrize("size", [SIZE, NARROW], ids=["120x36", "80x24"])
def test_room_blank_with_timer(snap_compare: SnapCompare, tmp_path: Path,
                               size: tuple[int, int]) -> None:
    room = room_on(tmp_path, 25, shown=Presentation(
        blank=True, timer_end="2027-01-15T08:03:20.000+00:00", timer_seconds=300.0))
    assert snap_compare(room.app, terminal_size=size, run_before=_settle)
    room.store.close()


@pytest.mark.parametrize("size", [SIZE, NARROW], ids=["120x36", "80x24"])
def test_room_debrief_following_the_facilitator(snap_compare: SnapCompare, tmp_path: Path,
                                                size: tuple[int, int]) -> None:
    room = room_on(tmp_path, 25)
    room.session.end()
    room.session.present(Presentation(question=0, section="h-card", offset=2))
    room.session.answer(0, "F1 on stored data hid the multilingual recall drop")

    async def followed(pilot: Pilot[None]) -> None:  # scrolled once laid out: wait for it
        for _ in range(50):
            await _settle(pilot)
            found = pilot.app.screen.query("#debrief")
            if found and found.first().scroll_y > 0:
                break

    assert snap_compare(room.app, terminal_size=size, run_before=followed)
    room.store.close()


def _facilitator(section: str) -> Callable[[Pilot[None]], object]:
    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("space")
        await pilot.pause()
        pilot.app.clear_notifications()
        await pilot.press("f", section)
        await pilot.pause()
    return run_before


def test_facilitator_injects(snap_compare: SnapCompare) -> None:
    assert snap_compare(paused_at(25).app, terminal_size=SIZE, run_before=_facilitator("2"))


def test_facilitator_evidence_narrow(snap_compare: SnapCompare) -> None:
    assert snap_compare(paused_at(25).app, terminal_size=NARROW,
                        run_before=_facilitator("4"))
