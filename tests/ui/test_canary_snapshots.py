"""Pictures of the canary judge with a failing metric (the overrides fail high at T+25 with
nobody acting), time frozen: beside the evidence log at 120x36, in the service health's turn at
80x24."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

from tabletop.ui.screens.dashboard import DashboardScreen

from .helpers import SIZE, paused_at

SnapCompare = Callable[..., bool]


async def _showing_the_judge(pilot: Pilot[None]) -> None:
    """The judge mounted and, where panels take turns, its turn shown."""
    await pilot.pause()
    pilot.app.clear_notifications()  # the resumed session's greeting
    screen = pilot.app.screen
    assert isinstance(screen, DashboardScreen)
    screen.show_panel("canary-judge")
    await pilot.pause()


def test_canary_judge_failing(snap_compare: SnapCompare) -> None:
    assert snap_compare(paused_at(25).app, terminal_size=SIZE, run_before=_showing_the_judge)


def test_canary_judge_failing_narrow(snap_compare: SnapCompare) -> None:
    assert snap_compare(paused_at(25).app, terminal_size=(80, 24),
                        run_before=_showing_the_judge)
