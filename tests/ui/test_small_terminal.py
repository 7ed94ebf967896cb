"""At 80x24 every dialog's buttons can be reached with Tab and are on screen once focused: a
dialog taller than the terminal scrolls, and focus scrolls the focused control into view."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widget import Widget

from tabletop.exercise.engine import Decision
from tabletop.ui.screens.statement_dialog import StatementDialog
from tabletop.ui.screens.tally import TallyScreen
from tests.ui.helpers import bundled, open_action_dialog, paused_at

SMALL = (80, 24)
EIGHT_TEAMS = tuple(f"Team {n}" for n in range(1, 9))
"""As many teams as a workshop takes: the longest tally."""


async def tab_to(pilot: Pilot[None], widget_id: str) -> Widget:
    """Press Tab until the widget with this id has focus (at most once round the dialog)."""
    for _ in range(12):
        focused = pilot.app.focused
        if focused is not None and focused.id == widget_id:
            return focused
        await pilot.press("tab")
        await pilot.pause()
    raise AssertionError(f"Tab never reached #{widget_id}")


def shown_on_top(pilot: Pilot[None], widget: Widget) -> bool:
    """Whether the widget is what the terminal shows at its middle: on screen, not covered."""
    region = widget.region
    x, y = region.x + region.width // 2, region.y + region.height // 2
    return pilot.app.screen.region.contains(x, y) and \
        pilot.app.screen.get_widget_at(x, y)[0] is widget


async def test_at_80x24_tab_brings_the_action_dialogs_submit_and_cancel_into_view() -> None:
    # Before the release: the longest dialog, with the extra checks.
    async with paused_at(-9.5).app.run_test(size=SMALL) as pilot:
        await open_action_dialog(pilot)
        assert shown_on_top(pilot, await tab_to(pilot, "submit"))
        assert shown_on_top(pilot, await tab_to(pilot, "cancel"))


async def test_at_80x24_tab_brings_the_tally_of_eight_teams_record_button_into_view() -> None:
    harness = paused_at(20.5, mode="workshop", teams=EIGHT_TEAMS)
    async with harness.app.run_test(size=SMALL) as pilot:
        votes = [Decision(20.5, ("freeze", "continue")[n % 2], (), "a reason " * 6, team=team)
                 for n, team in enumerate(EIGHT_TEAMS)]
        await harness.app.push_screen(TallyScreen(harness.app.exercise.scenario, votes))
        await pilot.pause()
        assert shown_on_top(pilot, await tab_to(pilot, "submit"))


async def test_at_80x24_tab_brings_a_four_field_statements_send_button_into_view() -> None:
    async with paused_at(1.0, bundled("pricing-assistant-incident")).app.run_test(
            size=SMALL) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, StatementDialog)
        assert shown_on_top(pilot, await tab_to(pilot, "submit"))
