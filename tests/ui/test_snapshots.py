"""Pictures of every screen, time frozen on a fake clock and the ticket stream seeded.

A picture later in the run starts from the run the core played to that minute (`paused_at`),
with the clock let run again as players leave it once the announcements on the way are closed:
the same picture as piloting there, in a fraction of the time. Two pictures are still piloted
there: their panels depend on the ticks that drew them (the feed's stripes count the rows held,
which arrive in batches; at 80 columns the overrides panel keeps a height measured earlier).

Regenerate after a deliberate change with `pytest tests/ui/test_snapshots.py --snapshot-update`
and look at the report before committing the new pictures.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from tabletop.exercise.engine import Choice
from tabletop.exercise.replay import PlannedStep

from .helpers import (
    SIZE,
    Harness,
    advance_to,
    bundled,
    close_announcements,
    make,
    paused_at,
    played_to,
    start,
)

NARROW = (80, 24)
"""A laptop terminal: the dashboard must stay readable here."""

RunBefore = Callable[[Pilot[None]], Awaitable[None]]
SnapCompare = Callable[..., bool]
"""pytest-textual-snapshot's fixture: the app (and how to get it ready) against its picture."""


def _running(*keys: str) -> RunBefore:
    """Let the paused clock run again, then press `keys`."""
    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("space")
        await pilot.pause()
        pilot.app.clear_notifications()  # the resumed session's greeting
        if keys:
            await pilot.press(*keys)
    return run_before


def _piloted(h: Harness, minute: float) -> RunBefore:
    """Start, then run the clock to `minute`, closing announcements on the way."""
    async def run_before(pilot: Pilot[None]) -> None:
        await start(pilot)
        while h.app.exercise.minute < minute:
            await advance_to(pilot, h, min(minute, h.app.exercise.minute + 5))
            await close_announcements(pilot)
    return run_before


def test_briefing(snap_compare: SnapCompare) -> None:
    assert snap_compare(make().app, terminal_size=SIZE)


def test_inject_announcement(snap_compare: SnapCompare) -> None:
    h = make()

    async def run_before(pilot: Pilot[None]) -> None:
        await start(pilot, close_round_one=False)

    assert snap_compare(h.app, terminal_size=SIZE, run_before=run_before)


def test_dashboard(snap_compare: SnapCompare) -> None:
    assert snap_compare(paused_at(25).app, terminal_size=SIZE, run_before=_running())


@pytest.mark.parametrize("size", [(80, 24), (91, 22), (100, 30), (160, 48)],
                         ids=["80x24", "91x22", "100x30", "160x48"])
def test_dashboard_after_round_two(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """At each common size (91x22: the browser at fontsize 24 on 1280x720; 120x36 is
    `test_dashboard`): the round and its evidence whole, what does not fit behind `v`."""
    assert snap_compare(paused_at(25).app, terminal_size=size, run_before=_running())


def test_dashboard_narrow(snap_compare: SnapCompare) -> None:
    h = make()
    assert snap_compare(h.app, terminal_size=NARROW, run_before=_piloted(h, 25))


def test_dashboard_with_a_runbook(snap_compare: SnapCompare) -> None:
    h = make(bundled("pricing-assistant-incident"), ref="pricing-assistant-incident")
    assert snap_compare(h.app, terminal_size=SIZE, run_before=_piloted(h, 12))


def test_action_dialog(snap_compare: SnapCompare) -> None:
    assert snap_compare(paused_at(25).app, terminal_size=SIZE, run_before=_running("a"))


def test_statement_dialog(snap_compare: SnapCompare) -> None:
    asked = min(i.minute for i in bundled().injects if i.requests_statement)
    h = paused_at(asked + 4)

    async def run_before(pilot: Pilot[None]) -> None:
        await _running("s")(pilot)
        await pilot.pause()
        typed_into = pilot.app.screen.focused
        assert isinstance(typed_into, TextArea)
        typed_into.insert("Urgent tickets were misrouted.")  # as typed, at once

    assert snap_compare(h.app, terminal_size=SIZE, run_before=run_before)


def test_help(snap_compare: SnapCompare) -> None:
    assert snap_compare(paused_at(-5).app, terminal_size=SIZE, run_before=_running("f1"))


def debrief_steps() -> list[PlannedStep]:
    """Round 1's open decision (its second option, two checks, two evidence cited), then a
    freeze at minute 22 citing the latest two pieces of evidence."""
    scenario = bundled()
    exercise = played_to(scenario.start_minute).exercise
    point = exercise.open_decision()
    assert point is not None
    option = point.options[1] if len(point.options) > 1 else point.options[0]
    first = PlannedStep(scenario.start_minute, Choice(
        option, tuple(sorted(exercise.revealed_ids())[:2]), "test it first",
        checks=tuple(c.id for c in point.checks[:2])))
    at_22 = played_to(22, steps=[first]).exercise
    freeze = next(a.id for a in scenario.actions if a.effect == "freeze")
    cited = tuple(sorted(at_22.revealed_ids())[-2:])
    return [first, PlannedStep(22, Choice(freeze, cited, "overrides are climbing"))]


@pytest.mark.parametrize("size", [SIZE, (80, 24)], ids=["120x36", "80x24"])
def test_debrief(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    h = paused_at(22, steps=debrief_steps())

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("e", "y")
        await pilot.pause()
        pilot.app.clear_notifications()

    assert snap_compare(h.app, terminal_size=size, run_before=run_before)
