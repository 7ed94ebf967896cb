"""Pictures of every screen, time frozen on a fake clock and the ticket stream seeded.

Regenerate after a deliberate change with `pytest tests/ui/test_snapshots.py --snapshot-update`
and look at the report before committing the new pictures.
"""

from __future__ import annotations

from textual.pilot import Pilot

from .helpers import (
    SIZE,
    Harness,
    act,
    advance_to,
    bundled,
    close_announcements,
    make,
    start,
)

NARROW = (80, 24)
"""A laptop terminal: the dashboard must stay readable here."""


async def _to_minute(pilot: Pilot[None], h: Harness, minute: float) -> None:
    """Start, then run the clock to `minute`, closing announcements on the way."""
    await start(pilot)
    while h.app.exercise.minute < minute:
        await advance_to(pilot, h, min(minute, h.app.exercise.minute + 5))
        await close_announcements(pilot)


def _at(h: Harness, minute: float):
    async def run_before(pilot: Pilot[None]) -> None:
        await _to_minute(pilot, h, minute)
    return run_before


def test_briefing(snap_compare) -> None:
    assert snap_compare(make().app, terminal_size=SIZE)


def test_inject_announcement(snap_compare) -> None:
    h = make()

    async def run_before(pilot: Pilot[None]) -> None:
        await start(pilot, close_round_one=False)

    assert snap_compare(h.app, terminal_size=SIZE, run_before=run_before)


def test_dashboard(snap_compare) -> None:
    h = make()
    assert snap_compare(h.app, terminal_size=SIZE, run_before=_at(h, 25))


def test_dashboard_narrow(snap_compare) -> None:
    h = make()
    assert snap_compare(h.app, terminal_size=NARROW, run_before=_at(h, 25))


def test_dashboard_with_a_runbook(snap_compare) -> None:
    h = make(bundled("pricing-assistant-incident"), ref="pricing-assistant-incident")
    assert snap_compare(h.app, terminal_size=SIZE, run_before=_at(h, 12))


def test_action_dialog(snap_compare) -> None:
    h = make()

    async def run_before(pilot: Pilot[None]) -> None:
        await _to_minute(pilot, h, 25)
        await pilot.press("a")

    assert snap_compare(h.app, terminal_size=SIZE, run_before=run_before)


def test_statement_dialog(snap_compare) -> None:
    h = make()
    asked = min(i.minute for i in h.app.exercise.scenario.injects if i.requests_statement)

    async def run_before(pilot: Pilot[None]) -> None:
        await _to_minute(pilot, h, asked + 4)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press(*"Urgent tickets were misrouted.")

    assert snap_compare(h.app, terminal_size=SIZE, run_before=run_before)


def test_help(snap_compare) -> None:
    h = make()

    async def run_before(pilot: Pilot[None]) -> None:
        await _to_minute(pilot, h, -5)
        await pilot.press("f1")

    assert snap_compare(h.app, terminal_size=SIZE, run_before=run_before)


def test_debrief(snap_compare) -> None:
    h = make()

    async def run_before(pilot: Pilot[None]) -> None:
        await start(pilot, close_round_one=False)
        point = h.app.exercise.open_decision()
        assert point is not None
        await act(pilot, point.options[1] if len(point.options) > 1 else point.options[0],
                  cited=sorted(h.app.exercise.revealed_ids())[:2],
                  checks=[c.id for c in point.checks[:2]], justification="test it first")
        await close_announcements(pilot)
        await _to_minute(pilot, h, 22)
        freeze = next(a.id for a in h.app.exercise.scenario.actions if a.effect == "freeze")
        await act(pilot, freeze, cited=sorted(h.app.exercise.revealed_ids())[-2:],
                  justification="overrides are climbing")
        await pilot.press("e", "y")
        await pilot.pause()
        pilot.app.clear_notifications()

    assert snap_compare(h.app, terminal_size=SIZE, run_before=run_before)
